import AuthHashing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Times Argon2id the same way scripts/argon2_reference_bench.py times argon2-cffi:
// same password, salt, tag length and parameter sets; 3 warm-up runs, then the median.
// Usage: argon2-bench [runs [m t p]]   Output lines: "m=<KiB> t=<iters> p=<lanes> median_ms=<float>".
//
// argon2-bench throughput <hashes-at-once> <seconds>: how many m=19456,t=2,p=1 hashes per second
// the machine completes with that many running at once, as a server's hashing workers run them.
// Output: "hashes_per_second=<float>". Memory-hard hashes share the caches and the memory bus, so
// this is the real hashing limit; one hash's rate times the cores is higher than any server gets.

var parameterSets: [(m: UInt32, t: UInt32, p: UInt32)] = [(19456, 2, 1), (65536, 3, 4)]
let password = Array("correct horse battery staple".utf8)
let salt = (0..<16).map { UInt8($0) }
let arguments = CommandLine.arguments
if arguments.count == 4, arguments[1] == "throughput", let threads = Int(arguments[2]), let seconds = Int(arguments[3]) {
    let rate = await hashesPerSecond(atOnce: threads, for: .seconds(seconds), password: password, salt: salt)
    print("hashes_per_second=\(twoDecimals(rate))")
    exit(0)
}
let runs = arguments.count > 1 ? Int(arguments[1]) ?? 15 : 15
// Optional "m t p" after the run count replaces the default sets, for ad-hoc profiling.
if arguments.count == 5, let m = UInt32(arguments[2]), let t = UInt32(arguments[3]), let p = UInt32(arguments[4]) {
    parameterSets = [(m, t, p)]
}

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

for set in parameterSets {
    let parameters = Argon2.Parameters(memoryKiB: set.m, iterations: set.t, parallelism: set.p, outputLength: 32)
    func once() -> [UInt8] {
        // try! is fine: the parameter sets above are valid by construction.
        try! Argon2.hashRaw(password: password, salt: salt, parameters: parameters)
    }
    var sink: UInt8 = 0  // wrapping sum of tag bytes, printed so no hash is optimised away
    for _ in 0..<3 { sink &+= once()[0] }
    let clock = ContinuousClock()
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = clock.now
        sink &+= once()[0]
        samples.append(milliseconds(clock.now - start))
    }
    samples.sort()
    let median = samples.count % 2 == 1
        ? samples[samples.count / 2]
        : (samples[samples.count / 2 - 1] + samples[samples.count / 2]) / 2
    // Printing the sink keeps the optimiser from discarding the hashes.
    print("m=\(set.m) t=\(set.t) p=\(set.p) median_ms=\(twoDecimals(median)) sink=\(sink)")
}

func twoDecimals(_ value: Double) -> String {
    let hundredths = Int(value * 100 + 0.5)  // avoids libm, which is not linked without Foundation
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

/// Hashes per second (m=19456, t=2, p=1) with `atOnce` hashes running at once for about `duration`,
/// after one warm-up hash each.
func hashesPerSecond(atOnce: Int, for duration: Duration, password: [UInt8], salt: [UInt8]) async -> Double {
    let parameters = Argon2.Parameters(memoryKiB: 19456, iterations: 2, parallelism: 1, outputLength: 32)
    // try! is fine: the parameters are fixed and valid.
    @Sendable func once() -> UInt8 { try! Argon2.hashRaw(password: password, salt: salt, parameters: parameters)[0] }
    await withTaskGroup(of: UInt8.self) { group in
        for _ in 0..<atOnce { group.addTask { once() } }
        await group.waitForAll()
    }
    let clock = ContinuousClock()
    let start = clock.now, end = start + duration
    let hashes = await withTaskGroup(of: Int.self) { group in
        for _ in 0..<atOnce {
            group.addTask {
                var count = 0
                while clock.now < end {
                    _ = once()
                    count += 1
                }
                return count
            }
        }
        return await group.reduce(0, +)
    }
    return Double(hashes) / (milliseconds(clock.now - start) / 1000)
}
