import Foundation

/// Runs blocking work (a subprocess and the reads of its output) on a thread of its own, never on
/// Swift's cooperative pool.
///
/// A pool thread blocked on a subprocess that waits for this test process cannot be given back.
/// An `authd migrate` waits for the migration lock, which an in-process migration of another suite
/// may hold; with the pool's two threads (one per core here) blocked on two such subprocesses, that
/// migration never resumes to release the lock, and the run hangs.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result(catching: work)) }
    }
}
