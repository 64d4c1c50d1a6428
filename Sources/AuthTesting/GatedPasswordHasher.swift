import AuthCore
import Foundation
import Synchronization

/// A ``PasswordHasher`` whose `verify` can be held at a gate, to put a second request exactly in
/// the window between a sign-in's password check and its session (race tests). Hashing and
/// unheld verifications go straight through to the wrapped hasher.
public final class GatedPasswordHasher: PasswordHasher {
    private let inner: any PasswordHasher
    private let state = Mutex<(armed: Bool, waiting: CheckedContinuation<Void, Never>?, gate: CheckedContinuation<Void, Never>?)>(
        (false, nil, nil))

    /// Wraps `inner`.
    public init(_ inner: any PasswordHasher) { self.inner = inner }

    /// Holds the next `verify` after it computed its answer, until ``release()``.
    public func holdNextVerification() { state.withLock { $0.armed = true } }

    /// Returns once a held verification is waiting at the gate.
    public func waitUntilHeld() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> Bool in
                if s.gate != nil { return true }
                s.waiting = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Lets the held verification return.
    public func release() {
        state.withLock { s -> CheckedContinuation<Void, Never>? in
            defer { s.gate = nil }
            return s.gate
        }?.resume()
    }

    public func hash(_ password: String) async throws -> String { try await inner.hash(password) }

    public func verify(_ password: String, against phc: String) async throws -> Bool {
        let result = try await inner.verify(password, against: phc)
        let hold = state.withLock { s -> Bool in
            defer { s.armed = false }
            return s.armed
        }
        if hold {
            await withCheckedContinuation { gate in
                let waiting = state.withLock { s -> CheckedContinuation<Void, Never>? in
                    s.gate = gate
                    defer { s.waiting = nil }
                    return s.waiting
                }
                waiting?.resume()
            }
        }
        return result
    }

    public func needsRehash(_ phc: String) -> Bool { inner.needsRehash(phc) }
}
