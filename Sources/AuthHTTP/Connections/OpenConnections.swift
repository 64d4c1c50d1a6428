import AuthCore
import NIOCore
import Synchronization

/// The client connections a server has open, so a drain can say how many are left and close them
/// when its grace period is over (``DrainingApplication``), and so one address cannot hold more
/// than its share of them (``AddressShare``).
///
/// Each connection is registered when its channel is set up (``TrackedChannel``) and leaves when
/// it closes.
final class OpenConnections: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var perAddress: [String: Int] = [:]
    }

    private let state = Mutex(State())
    private let share: AddressShare?

    /// - Parameter share: the per-address limit; `nil` for none.
    init(share: AddressShare? = nil) { self.share = share }

    /// How many connections are open.
    var count: Int { state.withLock { $0.channels.count } }

    /// Closes every open connection (a request still in a handler loses its connection).
    /// - Returns: how many were closed.
    @discardableResult
    func closeAll() -> Int {
        let open = state.withLock { Array($0.channels.values) }
        for channel in open { channel.close(promise: nil) }
        return open.count
    }

    /// Counts `channel` as open until it closes, unless its address already holds its share.
    /// - Returns: `false` when the address is over its share: the caller closes the channel,
    ///   which is then not counted.
    func add(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let key = share?.key(for: channel.remoteAddress.flatMap(IPAddress.init(socketAddress:)))
        let admitted = state.withLock { state -> Bool in
            if let key, let share {
                let held = state.perAddress[key, default: 0]
                guard held < share.maximum else { return false }
                state.perAddress[key] = held + 1
            }
            state.channels[id] = channel
            return true
        }
        guard admitted else { return false }
        channel.closeFuture.whenComplete { [self] _ in
            state.withLock { state in
                state.channels.removeValue(forKey: id)
                guard let key else { return }
                let left = (state.perAddress[key] ?? 1) - 1
                state.perAddress[key] = left > 0 ? left : nil
            }
        }
        return true
    }
}
