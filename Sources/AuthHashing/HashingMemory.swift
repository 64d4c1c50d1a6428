#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The block memory of Argon2 evaluations: one anonymous mapping per hashing thread, reused by
/// every hash that thread computes, and unmapped when the thread ends.
///
/// With `malloc`, glibc raises its mmap threshold after the first large free, so later 19 MiB
/// blocks came from heap arenas that were never given back: a sign-in storm left the process tens
/// or hundreds of megabytes larger for good. A mapping per thread keeps the peak at idle +
/// threads × m, costs no page faults after a thread's first hash, and goes back to the kernel when
/// the pool's idle thread exits (after a few idle seconds), so memory returns to idle after a
/// storm. Argon2 wipes the blocks after each hash; the kernel hands out only zeroed pages.
final class HashingMemory {
    let base: UnsafeMutableRawPointer
    let byteCount: Int

    /// Maps `byteCount` zeroed bytes; `nil` when the kernel refuses.
    private init?(byteCount: Int) {
        guard byteCount > 0 else { return nil }
        let mapped = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        self.base = mapped
        self.byteCount = byteCount
    }

    deinit {
        munmap(base, byteCount)
    }

    /// The calling thread's block memory of exactly `byteCount` bytes (mapped anew when the size
    /// changed); `nil` when the kernel refuses. Use it only on this thread, until this thread's
    /// next call.
    static func forCurrentThread(byteCount: Int) -> HashingMemory? {
        if let raw = pthread_getspecific(threadKey) {
            let cached = Unmanaged<HashingMemory>.fromOpaque(raw).takeUnretainedValue()
            if cached.byteCount == byteCount { return cached }
            pthread_setspecific(threadKey, nil)
            Unmanaged<HashingMemory>.fromOpaque(raw).release()
        }
        guard let fresh = HashingMemory(byteCount: byteCount) else { return nil }
        pthread_setspecific(threadKey, Unmanaged.passRetained(fresh).toOpaque())
        return fresh
    }

    /// The thread-specific slot; its destructor unmaps a thread's memory when the thread exits.
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            guard let raw else { return }
            Unmanaged<HashingMemory>.fromOpaque(raw).release()
        }
        return key
    }()
}
