import AuthCore

// Times Argon2id the same way scripts/argon2_reference_bench.py times argon2-cffi:
// same password, salt, tag length and parameter sets; 3 warm-up runs, then the median.
// Usage: argon2-bench [runs [m t p]]   Output lines: "m=<KiB> t=<iters> p=<lanes> median_ms=<float>".

var parameterSets: [(m: UInt32, t: UInt32, p: UInt32)] = [(19456, 2, 1), (65536, 3, 4)]
let password = Array("correct horse battery staple".utf8)
let salt = (0..<16).map { UInt8($0) }
let arguments = CommandLine.arguments
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
