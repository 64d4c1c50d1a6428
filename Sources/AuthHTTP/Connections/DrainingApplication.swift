import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// A Hummingbird application whose graceful shutdown has a deadline.
///
/// On graceful shutdown (SIGTERM through a `ServiceGroup`) Hummingbird stops accepting, closes idle
/// keep-alive connections at once and closes each busy one after its response. That drain has no
/// end of its own: one stalled client or hung handler would keep the process alive until it is
/// killed. After `grace`, this closes whatever connections are left and cancels the server's
/// tasks, so `run()` returns and the host exits normally.
public struct DrainingApplication<Base: ApplicationProtocol>: ApplicationProtocol {
    public typealias Responder = Base.Responder

    let base: Base
    let connections: OpenConnections
    /// How long in-flight requests may take to finish once graceful shutdown began.
    public let grace: Duration

    init(base: Base, connections: OpenConnections, grace: Duration) {
        self.base = base
        self.connections = connections
        self.grace = grace
    }

    public var responder: Responder { get async throws { try await base.responder } }
    public var server: HTTPServerBuilder { base.server }
    public var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }
    public var configuration: ApplicationConfiguration { base.configuration }
    public var logger: Logger { base.logger }
    public var services: [any Service] { base.services }
    public var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }
    public func onServerRunning(_ channel: any Channel) async { await base.onServerRunning(channel) }

    private enum Outcome: Sendable {
        case stopped((any Error)?)
        case graceOver
        case cancelled
    }

    /// Serves until graceful shutdown, then drains for at most ``grace``.
    public func run() async throws {
        let (base, connections, grace, logger) = (base, connections, grace, logger)
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do {
                    try await base.run()
                    return .stopped(nil)
                } catch {
                    return .stopped(error)
                }
            }
            group.addTask {
                do {
                    try await gracefulShutdown()
                    logger.notice(
                        "draining: no new connections; waiting for in-flight requests",
                        metadata: ["open_connections": "\(connections.count)", "grace": "\(grace)"])
                    try await Task.sleep(for: grace)
                    return .graceOver
                } catch {
                    return .cancelled
                }
            }
            var forced = false
            while let outcome = try await group.next() {
                switch outcome {
                case .stopped(let error):
                    group.cancelAll()
                    // After the grace period the server was cancelled on purpose: that is a normal stop.
                    if let error, !forced { throw error }
                case .graceOver:
                    let closed = connections.closeAll()
                    logger.warning(
                        "shutdown grace period over: closed the connections still open",
                        metadata: ["closed_connections": "\(closed)"])
                    forced = true
                    group.cancelAll()
                case .cancelled:
                    break
                }
            }
        }
    }
}
