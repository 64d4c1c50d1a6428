import AuthCore
import Hummingbird
import Logging
import Synchronization

/// Gives the handlers of each request a deadline (30 s by default): a request still being worked on
/// then is answered `503 unavailable` with `Retry-After`, so a hung backend call frees its client
/// instead of holding the connection forever.
///
/// The handler work runs in a task of its own, which is cancelled at the deadline. The answer does
/// not wait for that task to notice: a blocking driver call that ignores cancellation finishes (and
/// is discarded) in the background while the connection moves on. That is safe because this stage
/// comes after ``BodyLimitMiddleware``, so the request body is already in memory and the abandoned
/// task never touches the connection again.
///
/// When the serving task itself is cancelled (the end of a shutdown grace period), the work task
/// is cancelled too and the request is answered 503 at once.
public struct RequestDeadlineResponder<Next: HTTPResponder>: HTTPResponder where Next.Context: RequestContext & Sendable {
    public typealias Context = Next.Context

    /// How long handlers may work on one request.
    public let timeout: Duration
    let next: Next
    let watchdog: DeadlineWatchdog

    /// Creates the stage.
    /// - Parameters:
    ///   - timeout: how long handlers may work on one request; the 503 comes at most a twentieth
    ///     of it (and at most 250 ms) later, as one shared ticker watches every deadline.
    ///   - next: the responder that does the work (the routes).
    public init(timeout: Duration, next: Next) {
        self.timeout = timeout
        self.next = next
        self.watchdog = DeadlineWatchdog(tick: DeadlineWatchdog.tick(for: timeout))
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let outcome = Outcome()
        let next = self.next
        let work = Task.immediate {
            do {
                outcome.settle(.success(try await next.respond(to: request, context: context)))
            } catch {
                outcome.settle(.failure(error))
            }
        }
        let ticket = watchdog.register(deadline: .now + timeout) {
            // ProblemMapper logs the 503 (at error level: a backend hung).
            outcome.settle(.failure(AuthError(.unavailable, "the request took too long; retry shortly")))
            work.cancel()
        }
        defer { watchdog.cancel(ticket) }
        return try await withTaskCancellationHandler {
            try await outcome.value()
        } onCancel: {
            work.cancel()
            outcome.settle(.failure(AuthError(.unavailable, "the server is shutting down; retry shortly")))
        }
    }
}

/// The first of the work's result and the deadline, handed to whoever awaits it.
private final class Outcome: Sendable {
    private enum State {
        case pending
        case waiting(CheckedContinuation<Response, any Error>)
        case settled(Result<Response, any Error>)
        case delivered
    }

    private let state = Mutex(State.pending)

    /// Records `result` unless an outcome was recorded already.
    func settle(_ result: Result<Response, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Response, any Error>? in
            switch state {
            case .pending:
                state = .settled(result)
                return nil
            case .waiting(let continuation):
                state = .delivered
                return continuation
            case .settled, .delivered:
                return nil
            }
        }
        waiter?.resume(with: result)
    }

    /// The first recorded outcome.
    func value() async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<Response, any Error>? in
                switch state {
                case .pending:
                    state = .waiting(continuation)
                    return nil
                case .settled(let result):
                    state = .delivered
                    return result
                case .waiting, .delivered:
                    preconditionFailure("an outcome is awaited once")
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
