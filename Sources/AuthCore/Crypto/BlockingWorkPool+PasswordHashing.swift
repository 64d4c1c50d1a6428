import AuthHashing

extension BlockingWorkPool {
    /// The message of a refused hash: the client is told to retry, nothing about the pool.
    static let busyDetail = "the server is busy; retry shortly"

    /// A pool for password hashing, as ``Argon2idPasswordHasher`` uses by default: a job refused
    /// because the queue is full throws `AuthError(.overloaded)` (HTTP 503), and the queue depth
    /// and refusals are reported as `authd_hashing_queue_depth` and `authd_hashing_refusals_total`
    /// (``AuthMetrics``).
    /// - Parameters:
    ///   - threadCount: concurrent hashes; defaults to the number of active cores.
    ///   - queueLimit: waiting hashes before new ones are refused; defaults to 8 per thread.
    public static func passwordHashing(threadCount: Int? = nil, queueLimit: Int? = nil) -> BlockingWorkPool {
        BlockingWorkPool(
            threadCount: threadCount, queueLimit: queueLimit,
            hooks: Hooks(
                queueDepthChanged: { AuthMetrics.hashingQueueDepth($0) },
                refusal: {
                    AuthMetrics.hashingRefused()
                    return AuthError(.overloaded, BlockingWorkPool.busyDetail)
                }))
    }
}
