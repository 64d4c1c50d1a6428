import NIOCore
import Synchronization

/// The client connections a server has open, so a drain can say how many are left and close them
/// when its grace period is over (``DrainingApplication``).
///
/// Each connection is registered when its channel is set up (``TrackedChannel``) and leaves when
/// it closes.
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

    /// Counts `channel` as open until it closes.
    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = channels.withLock { $0.removeValue(forKey: id) }
        }
    }
}
