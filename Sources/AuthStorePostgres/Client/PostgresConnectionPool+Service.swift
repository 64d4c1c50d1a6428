import ServiceLifecycle

extension PostgresConnectionPool: Service {
    /// Runs the pool's housekeeping until graceful shutdown: every ``sweepInterval`` it closes the
    /// connections idle past ``Configuration/idleTimeout`` or past ``Configuration/maxLifetime``.
    /// Then it shuts the pool down (``shutdown()``): idle connections close, waiting callers fail,
    /// leased connections close when returned.
    ///
    /// Put the pool before the services that use it in the service group: the group stops them in
    /// reverse order, so the pool drains after the last of its users stopped.
    public func run() async throws {
        if let interval = sweepInterval {
            await cancelWhenGracefulShutdown { [self] in
                while !Task.isCancelled {
                    do { try await Task.sleep(for: interval) } catch { return }
                    closeExpiredConnections()
                }
            }
        } else {
            try? await gracefulShutdown()
        }
        shutdown()
    }
}
