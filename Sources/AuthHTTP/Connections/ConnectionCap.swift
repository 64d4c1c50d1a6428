import HummingbirdCore
import Logging

/// The connection limit: at `maximum` open connections the server stops accepting, so further
/// clients wait in the kernel's listen backlog (and, once that is full, retry their SYN) until one
/// closes, while the connections already open are served as before.
///
/// Hummingbird's `MaximumAvailableConnections` with one addition an operator needs: reaching the
/// limit is logged (at most once a minute), since clients that wait are otherwise invisible.
struct ConnectionCap: AvailableConnectionsDelegate {
    let maximum: Int
    let logger: Logger
    private var open = 0
    private var lastWarning: ContinuousClock.Instant?

    init(maximum: Int, logger: Logger) {
        self.maximum = maximum
        self.logger = logger
    }

    mutating func connectionOpened() {
        open += 1
        guard open >= maximum else { return }
        let now = ContinuousClock.now
        if let lastWarning, now - lastWarning < .seconds(60) { return }
        lastWarning = now
        logger.warning(
            "connection limit reached: new connections wait until one closes",
            metadata: ["max_connections": "\(maximum)"])
    }

    mutating func connectionClosed() { open -= 1 }

    func isAcceptingNewConnections() -> Bool { open < maximum }
}
