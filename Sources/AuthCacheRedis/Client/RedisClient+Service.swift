import ServiceLifecycle

extension RedisClient: Service {
    /// Holds the client open until graceful shutdown, then closes its connection (``close()``):
    /// commands after that throw `AuthError(.unavailable)`. The client starts nothing in the
    /// background; running it as a service only ties its closing to the host's shutdown.
    ///
    /// Put the client before the services that use it in the service group: the group stops them
    /// in reverse order, so the connection closes after the last of its users stopped.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }
}
