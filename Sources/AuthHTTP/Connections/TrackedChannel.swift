import HummingbirdCore
import Logging
import NIOCore

/// A server child channel that registers each connection with ``OpenConnections`` as it is set up.
///
/// Registering here rather than from a handler in the pipeline keeps the pipeline to the handlers
/// that work on every request: each handler in it is passed every read and write of the
/// connection, even one that only wanted to know the connection opened.
struct TrackedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let connections: OpenConnections

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        connections.add(channel)
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 (`HTTP1Channel`) with each connection registered in `connections`.
    static func http1(configuration: HTTP1Channel.Configuration, trackedIn connections: OpenConnections) -> HTTPServerBuilder {
        .init { responder in
            TrackedChannel(base: HTTP1Channel(responder: responder, configuration: configuration), connections: connections)
        }
    }
}
