import NIOCore
import Synchronization

/// The client connections a server has open, so a drain can say how many are left and close them
/// when its grace period is over (``DrainingApplication``).
///
/// Each connection registers itself through a ``Handler`` in its pipeline and leaves when it
/// closes.
final class OpenConnections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// How many connections are open.
    var count: Int { channels.withLock { $0.count } }

    /// Closes every open connection (a request still in a handler loses its connection).
    /// - Returns: how many were closed.
    @discardableResult
    func closeAll() -> Int {
        let open = channels.withLock { Array($0.values) }
        for channel in open { channel.close(promise: nil) }
        return open.count
    }

    fileprivate func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = channels.withLock { $0.removeValue(forKey: id) }
        }
    }

    /// Registers its channel with an ``OpenConnections`` when added to a pipeline.
    final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny
        let connections: OpenConnections

        init(_ connections: OpenConnections) { self.connections = connections }

        func handlerAdded(context: ChannelHandlerContext) {
            connections.add(context.channel)
        }
    }
}

@available(*, unavailable)
extension OpenConnections.Handler: Sendable {}
