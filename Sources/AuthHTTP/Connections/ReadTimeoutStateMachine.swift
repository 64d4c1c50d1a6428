import NIOCore

/// When a connection has waited too long, for its client or for its handlers: the logic of
/// ``ReadTimeoutHandler`` as a value type, so it is tested without sockets or clocks.
///
/// One deadline, `timeout` long, covers each wait on the client:
/// - from the moment a connection opens, or the first bytes of a later request arrive, until its
///   head is complete (a slowloris client trickling header bytes gets no extension);
/// - from the head until the end of its body, however steadily the parts arrive: a client that
///   drips a byte every few seconds makes progress but never finishes, and would otherwise hold
///   its connection (and a place under the connection cap) for as long as it likes.
///
/// Another, `handlingTimeout` long, covers the wait on the handlers: from the request's end until
/// the response starts (a hung backend call). Between requests the connection is idle and
/// Hummingbird's idle timeout applies instead.
struct ReadTimeoutStateMachine {
    /// Where the connection is in its request cycle.
    enum Phase: Equatable {
        /// Between requests (keep-alive): nothing is owed by the client.
        case idle
        /// Waiting for a head; `sawBytes` once part of one arrived.
        case awaitingHead(sawBytes: Bool)
        /// Reading a body; `answered` once a response for this request has started (a 413 sent
        /// before the body was read, say), after which no other answer may be written.
        case readingBody(answered: Bool)
        /// The whole request is read and a handler owns it; `answered` once its response started.
        case handling(answered: Bool)
    }

    /// What the handler must do.
    enum Action: Equatable {
        case none
        /// Make sure a timer fires at or before this deadline.
        case schedule(NIODeadline)
        /// Answer 408 and close: the client was mid-request and should hear why.
        case answerAndClose
        /// Answer 503 and close: the handlers did not answer within `handlingTimeout`. The
        /// connection cannot serve another request while they still own it.
        case answerUnavailableAndClose
        /// Close without an answer: nothing was asked, or an answer was already under way.
        case close
    }

    let timeout: TimeAmount
    /// How long handlers may take to start answering a fully read request; `nil`: no limit.
    let handlingTimeout: TimeAmount?
    private(set) var phase = Phase.idle
    private var deadline: NIODeadline?

    init(timeout: TimeAmount, handlingTimeout: TimeAmount? = nil) {
        self.timeout = timeout
        self.handlingTimeout = handlingTimeout
    }

    /// The connection opened: its first head is due within the timeout.
    mutating func opened(now: NIODeadline) -> Action {
        phase = .awaitingHead(sawBytes: false)
        return start(now)
    }

    /// Bytes arrived (whether or not they completed a part).
    mutating func bytesArrived(now: NIODeadline) -> Action {
        switch phase {
        case .idle:
            phase = .awaitingHead(sawBytes: true)
            return start(now)
        case .awaitingHead(sawBytes: false):
            phase = .awaitingHead(sawBytes: true)  // the deadline stays where it was
            return .none
        default:
            return .none
        }
    }

    /// A request head was decoded: the whole body (if any) is due within the timeout.
    mutating func headRead(now: NIODeadline) -> Action {
        phase = .readingBody(answered: false)
        return start(now)
    }

    /// The request's end arrived: the client owes nothing more, and the handlers' clock starts.
    ///
    /// A pending timer is never cancelled: it fires, finds the current deadline later than itself
    /// and re-arms (or finds none). On a keep-alive connection one timer so serves many requests,
    /// where cancelling and scheduling anew cost a timer-heap insert and removal per request.
    mutating func endRead(now: NIODeadline) -> Action {
        guard case .readingBody = phase else { return .none }
        phase = .handling(answered: false)
        deadline = handlingTimeout.map { now + $0 }
        return deadline.map(Action.schedule) ?? .none
    }

    /// A response head was written: the handlers answered in time.
    mutating func responseStarted() {
        switch phase {
        case .readingBody: phase = .readingBody(answered: true)
        case .handling:
            phase = .handling(answered: true)
            deadline = nil
        default: break
        }
    }

    /// A response ended: after a fully read request, the connection is idle.
    mutating func responseEnded() -> Action {
        guard case .handling = phase else { return .none }
        phase = .idle
        deadline = nil
        return .none
    }

    /// The timer fired at `now`.
    mutating func timerFired(now: NIODeadline) -> Action {
        guard let deadline else { return .none }
        guard now >= deadline else { return .schedule(deadline) }
        self.deadline = nil
        switch phase {
        case .awaitingHead(sawBytes: true), .readingBody(answered: false): return .answerAndClose
        case .awaitingHead(sawBytes: false), .readingBody(answered: true): return .close
        case .handling(answered: false): return .answerUnavailableAndClose
        case .idle, .handling(answered: true): return .none
        }
    }

    private mutating func start(_ now: NIODeadline) -> Action {
        let next = now + timeout
        deadline = next
        return .schedule(next)
    }
}
