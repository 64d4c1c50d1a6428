/// The bookkeeping of ``PostgresConnectionPool``, with no I/O: the pool asks it what to do, does it,
/// and reports back. Generic over the connection type so its rules are tested with plain values.
///
/// Rules: at most `maximum` connections exist (open, being opened, or leased); an idle connection is
/// reused before a new one is opened (most recently used first, so surplus ones stay idle); callers
/// beyond the maximum wait in FIFO order; a connection that broke frees its slot, or passes the slot
/// to the first waiter so it opens a replacement; idle connections the pool retires (idle too long,
/// or too old) free their slots; after shutdown nothing new is handed out.
struct ConnectionPoolStateMachine<Connection> {
    /// A parked connection and when it was parked.
    struct IdleEntry {
        var connection: Connection
        var since: ContinuousClock.Instant
    }

    typealias WaiterID = Int

    /// What a caller asking for a connection should do.
    enum LeaseAction {
        /// Use this idle connection (after checking its health).
        case use(Connection)
        /// A slot is reserved for you: open a connection.
        case open
        /// Wait; you were queued and will be handed a connection or a slot.
        case wait
        /// The pool is shut down.
        case fail
    }

    /// What the pool should do after a connection came back or a slot became free.
    enum ReturnAction {
        /// Nothing more.
        case none
        /// Give this connection to that waiter.
        case handOver(Connection, to: WaiterID)
        /// Tell that waiter to open a connection in the freed slot.
        case openFor(WaiterID)
        /// Close this connection (the pool is shut down).
        case close(Connection)
    }

    let maximum: Int
    private(set) var idleEntries: [IdleEntry] = []
    /// The parked connections, least recently used first.
    var idle: [Connection] { idleEntries.map(\.connection) }
    /// Connections that exist or are being opened, including the idle ones.
    private(set) var slotsInUse = 0
    private(set) var waiters: [WaiterID] = []
    private(set) var isShutDown = false

    init(maximum: Int) { self.maximum = max(1, maximum) }

    /// A caller (identified by `waiter` should it have to wait) asks for a connection.
    mutating func lease(_ waiter: WaiterID) -> LeaseAction {
        if isShutDown { return .fail }
        if let entry = idleEntries.popLast() { return .use(entry.connection) }
        if slotsInUse < maximum {
            slotsInUse += 1
            return .open
        }
        waiters.append(waiter)
        return .wait
    }

    /// A leased connection comes back; `reusable` is false when it broke (the caller closes it).
    mutating func release(_ connection: Connection, reusable: Bool, at now: ContinuousClock.Instant = .now) -> ReturnAction {
        guard reusable else { return slotFreed() }
        if isShutDown {
            slotsInUse -= 1
            return .close(connection)
        }
        if !waiters.isEmpty { return .handOver(connection, to: waiters.removeFirst()) }
        idleEntries.append(IdleEntry(connection: connection, since: now))
        return .none
    }

    /// Takes out of the pool every parked connection for which `isExpired(connection, idleSince)`
    /// holds and frees their slots; the caller closes the connections returned.
    mutating func retire(where isExpired: (Connection, ContinuousClock.Instant) -> Bool) -> [Connection] {
        var retired: [Connection] = []
        idleEntries.removeAll { entry in
            guard isExpired(entry.connection, entry.since) else { return false }
            retired.append(entry.connection)
            return true
        }
        slotsInUse -= retired.count
        return retired
    }

    /// A reserved slot holds no connection any more (opening failed, or a broken one was dropped).
    mutating func slotFreed() -> ReturnAction {
        if !isShutDown, !waiters.isEmpty { return .openFor(waiters.removeFirst()) }
        slotsInUse -= 1
        return .none
    }

    /// A waiter gave up (timeout or cancellation). Returns whether it was still waiting.
    mutating func cancel(_ waiter: WaiterID) -> Bool {
        guard let index = waiters.firstIndex(of: waiter) else { return false }
        waiters.remove(at: index)
        return true
    }

    /// Stops handing out connections; returns the idle connections to close and the waiters to fail.
    mutating func shutdown() -> (close: [Connection], fail: [WaiterID]) {
        isShutDown = true
        let result = (idle, waiters)
        slotsInUse -= idleEntries.count
        idleEntries = []
        waiters = []
        return result
    }
}
