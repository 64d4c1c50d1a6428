import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one request and returns the whole answer. ``URLSessionTransport`` is the real one; tests
/// may put a fake in its place.
public protocol HTTPTransport: Sendable {
    /// Sends `request`.
    /// - Throws: the transport's error (`URLError`) when no complete answer arrived.
    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse)
}

/// An ``HTTPTransport`` over `URLSession` (FoundationNetworking on Linux).
public struct URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// Creates a transport over `session` (default: an ephemeral session: no cookies, no cache,
    /// since answers carry tokens).
    public init(session: URLSession = URLSession(configuration: .ephemeral)) { self.session = session }

    public func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        // The completion-handler form, wrapped: it exists on every platform and toolchain.
        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, HTTPURLResponse), any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error { return continuation.resume(throwing: error) }
                    guard let http = response as? HTTPURLResponse else {
                        return continuation.resume(throwing: URLError(.badServerResponse))
                    }
                    continuation.resume(returning: (data ?? Data(), http))
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }
}

/// The running data task, so a cancelled Swift task cancels it.
///
/// `@unchecked Sendable` because `URLSessionDataTask` is not `Sendable`: the cancellation handler
/// and the task's start touch it from different threads, always under `lock`, which guards both
/// stored properties.
private final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func set(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = task
        let cancel = cancelled
        lock.unlock()
        if cancel { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}
