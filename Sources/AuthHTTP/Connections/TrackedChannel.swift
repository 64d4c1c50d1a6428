import HummingbirdCore
import Logging
import NIOCore

/// A server child channel that registers each connection with ``OpenConnections`` as it is set up,
/// and closes at once a connection whose address already holds its share of the cap.
///
/// Registering here rather than from a handler in the pipeline keeps the pipeline to the handlers
/// that work on every request: each handler in it is passed every read and write of the
/// connection, even one that only wanted to know the connection opened.
struct TrackedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let connections: OpenConnections

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let admitted = connections.add(channel)
        let value = base.setup(channel: channel, logger: logger)
        guard !admitted else { return value }
        // Closed once set up, not refused here: a failed setup is an error on the listening channel.
        // The connection's handling then sees its end at once.
        return value.always { _ in channel.close(promise: nil) }
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
