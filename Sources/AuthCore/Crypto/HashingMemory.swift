#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The block memory of one Argon2 evaluation, mapped straight from the kernel and unmapped when
/// the evaluation ends.
///
/// With `malloc`, glibc raises its mmap threshold after the first large free, so later 19 MiB
/// blocks come from heap arenas that are never given back: a sign-in storm left the process tens
/// or hundreds of megabytes larger for good. An anonymous mapping is returned to the kernel by
/// `munmap` at once, so peak memory is idle + workers × m and it falls back afterwards. The kernel
/// hands out zeroed pages and zeroes freed ones before any reuse, so nothing derived from a
/// password outlives the unmapping.
struct HashingMemory: ~Copyable {
    let base: UnsafeMutableRawPointer
    let byteCount: Int

    /// Maps `byteCount` zeroed bytes; `nil` when the kernel refuses.
    init?(byteCount: Int) {
        guard byteCount > 0 else { return nil }
        let mapped = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        self.base = mapped
        self.byteCount = byteCount
    }

    deinit {
        munmap(base, byteCount)
    }
}
