import Dispatch

/// Argon2id password hashing (RFC 9106, version 0x13).
public enum Argon2 {
    /// Cost and output parameters of one Argon2id evaluation.
    public struct Parameters: Sendable, Hashable {
        /// Memory size m in KiB (1 KiB = one Argon2 block); must be at least 8 × parallelism.
        public var memoryKiB: UInt32
        /// Number of passes t over memory; at least 1.
        public var iterations: UInt32
        /// Number of lanes p, 1...2^24-1.
        public var parallelism: UInt32
        /// Tag length T in bytes, 4...2^32-1.
        public var outputLength: Int

        /// Creates a parameter set; it is validated when used, not here.
        public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32, outputLength: Int = 32) {
            self.memoryKiB = memoryKiB
            self.iterations = iterations
            self.parallelism = parallelism
            self.outputLength = outputLength
        }
    }

    /// Why inputs were rejected; every case names the RFC 9106 limit that was violated.
    public enum Error: Swift.Error, Sendable, Hashable {
        /// Salt shorter than 8 bytes (or longer than 2^32-1).
        case invalidSaltLength
        /// Parallelism outside 1...2^24-1.
        case invalidParallelism
        /// Memory below 8 × parallelism KiB, or too large to allocate on this platform.
        case invalidMemory
        /// Zero iterations.
        case invalidIterations
        /// Tag length outside 4...2^32-1.
        case invalidOutputLength
        /// Password, secret or associated data longer than 2^32-1 bytes.
        case inputTooLong
    }

    /// Argon2 version 1.3, the only one RFC 9106 specifies.
    public static let version: UInt32 = 0x13
    private static let typeID: UInt32 = 2  // y = 2 selects Argon2id
    private static let syncPoints = 4

    /// Throws unless `parameters` and the salt length satisfy RFC 9106 section 3.1.
    public static func validate(_ parameters: Parameters, saltLength: Int) throws(Error) {
        guard saltLength >= 8, UInt64(saltLength) <= UInt64(UInt32.max) else { throw .invalidSaltLength }
        guard (1...0xFF_FFFF).contains(parameters.parallelism) else { throw .invalidParallelism }
        guard UInt64(parameters.memoryKiB) >= 8 * UInt64(parameters.parallelism) else { throw .invalidMemory }
        guard parameters.iterations >= 1 else { throw .invalidIterations }
        guard parameters.outputLength >= 4, UInt64(parameters.outputLength) <= UInt64(UInt32.max) else {
            throw .invalidOutputLength
        }
    }

    /// Computes the raw Argon2id tag (RFC 9106 section 3.2).
    /// - Parameters:
    ///   - password: P, any bytes (usually UTF-8).
    ///   - salt: S, at least 8 bytes; 16 random bytes are recommended.
    ///   - secret: optional key K (pepper).
    ///   - associatedData: optional X.
    ///   - parameters: costs and tag length.
    /// - Returns: `parameters.outputLength` tag bytes.
    public static func hashRaw(
        password: [UInt8], salt: [UInt8], secret: [UInt8] = [], associatedData: [UInt8] = [],
        parameters: Parameters
    ) throws(Error) -> [UInt8] {
        try validate(parameters, saltLength: salt.count)
        for input in [password, secret, associatedData] where UInt64(input.count) > UInt64(UInt32.max) {
            throw .inputTooLong
        }
        let lanes = Int(parameters.parallelism)
        // m' rounds m down to a multiple of 4p so every lane has four equal segments.
        let laneLength = Int(parameters.memoryKiB) / (syncPoints * lanes) * syncPoints
        let blockCount = laneLength * lanes
        let (byteCount, overflow) = blockCount.multipliedReportingOverflow(by: BlockMixer.blockBytes)
        guard !overflow else { throw .invalidMemory }

        var h0 = BLAKE2b(outputByteCount: 64)
        for field in [parameters.parallelism, UInt32(parameters.outputLength), parameters.memoryKiB,
                      parameters.iterations, version, typeID] {
            h0.update(littleEndian: field)
        }
        for input in [password, salt, secret, associatedData] {
            h0.update(littleEndian: UInt32(input.count))
            h0.update(input)
        }

        // The blocks: this thread's mapping, reused hash after hash (see ``HashingMemory``).
        guard let blocks = HashingMemory.forCurrentThread(byteCount: byteCount) else { throw .invalidMemory }
        let memory = blocks.base
        // Per lane: a mixing scratch block plus the Argon2i input and address blocks; then one zero block.
        let scratchBytes = (lanes * 3 + 1) * BlockMixer.blockBytes
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchBytes, alignment: 64)
        defer {
            // Derived from the password; wipe before the allocator can reuse it.
            secureZero(scratch, scratchBytes)
            scratch.deallocate()
            // The blocks stay mapped for this thread's next hash; wipe what this one derived.
            secureZero(memory, byteCount)
            withExtendedLifetime(blocks) {}
        }
        scratch.initializeMemory(as: UInt8.self, repeating: 0, count: scratchBytes)
        let instance = Instance(
            memory: memory.bindMemory(to: UInt64.self, capacity: byteCount / 8),
            scratch: scratch.bindMemory(to: UInt64.self, capacity: scratchBytes / 8),
            lanes: lanes, laneLength: laneLength, passes: Int(parameters.iterations))

        // Each lane starts from H'(H0 || LE32(i) || LE32(lane)) for i = 0, 1.
        var seed = [UInt8](repeating: 0, count: 72)
        seed.withUnsafeMutableBytes { seedBytes in
            h0.finalize(into: seedBytes.baseAddress!)
            for lane in 0..<lanes {
                for index in 0..<2 {
                    seedBytes.storeBytes(of: UInt32(index).littleEndian, toByteOffset: 64, as: UInt32.self)
                    seedBytes.storeBytes(of: UInt32(lane).littleEndian, toByteOffset: 68, as: UInt32.self)
                    let block = instance.block(lane: lane, index: index)
                    variableHash(UnsafeRawBufferPointer(seedBytes), outputLength: BlockMixer.blockBytes, into: block)
                    for word in 0..<BlockMixer.blockWords { block[word] = UInt64(littleEndian: block[word]) }
                }
            }
            seedBytes.initializeMemory(as: UInt8.self, repeating: 0)
        }

        for pass in 0..<instance.passes {
            for slice in 0..<syncPoints {
                // Segments of one slice never reference each other, so lanes may run concurrently;
                // the slice boundary is the synchronisation point the RFC prescribes.
                if lanes == 1 {
                    instance.fillSegment(pass: pass, slice: slice, lane: 0)
                } else {
                    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                        instance.fillSegment(pass: pass, slice: slice, lane: lane)
                    }
                }
            }
        }

        // C = XOR of every lane's last block, serialised little-endian, then H'^T(C).
        let tagInput = instance.scratch  // lane 0's mixing block is free now
        tagInput.update(from: instance.block(lane: 0, index: laneLength - 1), count: BlockMixer.blockWords)
        for lane in 1..<max(lanes, 1) {
            let last = instance.block(lane: lane, index: laneLength - 1)
            for word in 0..<BlockMixer.blockWords { tagInput[word] ^= last[word] }
        }
        for word in 0..<BlockMixer.blockWords { tagInput[word] = tagInput[word].littleEndian }
        return [UInt8](unsafeUninitializedCapacity: parameters.outputLength) { tag, count in
            variableHash(UnsafeRawBufferPointer(start: tagInput, count: BlockMixer.blockBytes),
                         outputLength: parameters.outputLength, into: UnsafeMutableRawPointer(tag.baseAddress!))
            count = parameters.outputLength
        }
    }

    /// H' (RFC 9106 section 3.3): BLAKE2b stretched to any length by chaining 64-byte digests
    /// and keeping the first 32 bytes of each, so every output byte depends on all input.
    static func variableHash(_ input: UnsafeRawBufferPointer, outputLength: Int, into output: UnsafeMutableRawPointer) {
        var hasher = BLAKE2b(outputByteCount: min(outputLength, 64))
        hasher.update(littleEndian: UInt32(truncatingIfNeeded: outputLength))
        hasher.update(input)
        guard outputLength > 64 else {
            hasher.finalize(into: output)
            return
        }
        var chain: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &chain) { v in
            let v = v.baseAddress!
            hasher.finalize(into: v)
            var written = 0
            while outputLength - written > 64 {
                (output + written).copyMemory(from: v, byteCount: 32)
                written += 32
                var next = BLAKE2b(outputByteCount: min(outputLength - written, 64))
                next.update(UnsafeRawBufferPointer(start: v, count: 64))
                next.finalize(into: v)
            }
            (output + written).copyMemory(from: v, byteCount: outputLength - written)
            v.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
        }
    }

    /// Zeroes memory from a function the optimiser cannot see the caller's `free` from,
    /// so the stores are not discarded as dead.
    @inline(never)
    static func secureZero(_ pointer: UnsafeMutableRawPointer, _ byteCount: Int) {
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
    }
}

extension Argon2 {
    /// Memory layout and the segment-filling loop of one evaluation.
    ///
    /// Only raw pointers and sizes: it is shared by the concurrently filled lanes, which
    /// write disjoint segments and read only blocks finished before the current slice.
    /// `@unchecked Sendable` because raw pointers are not Sendable; that disjointness, with the
    /// slice barrier of `concurrentPerform`, is what makes sharing them across lanes safe.
    struct Instance: @unchecked Sendable {
        let memory: UnsafeMutablePointer<UInt64>
        let scratch: UnsafeMutablePointer<UInt64>
        let lanes: Int
        let laneLength: Int
        let passes: Int
        var segmentLength: Int { laneLength / 4 }

        @inline(__always)
        func block(lane: Int, index: Int) -> UnsafeMutablePointer<UInt64> {
            memory + (lane &* laneLength &+ index) &* BlockMixer.blockWords
        }

        /// Fills segment (`pass`, `slice`) of `lane` (RFC 9106 sections 3.2 and 3.4).
        func fillSegment(pass: Int, slice: Int, lane: Int) {
            let words = BlockMixer.blockWords
            let mixScratch = scratch + lane &* 3 &* words
            let input = mixScratch + words
            let addresses = input + words
            let zero = UnsafePointer(scratch + lanes &* 3 &* words)
            // Argon2id: side-channel-safe (password-independent) indexing for the first half
            // of the first pass, where a timing leak would be most useful to an attacker.
            let dataIndependent = pass == 0 && slice < 2
            if dataIndependent {
                input.update(repeating: 0, count: words)
                input[0] = UInt64(pass); input[1] = UInt64(lane); input[2] = UInt64(slice)
                input[3] = UInt64(lanes &* laneLength); input[4] = UInt64(passes)
                input[5] = UInt64(Argon2.typeID)
            }
            // Blocks 0 and 1 of each lane come from H0, not from G.
            let start = pass == 0 && slice == 0 ? 2 : 0
            let segmentLength = self.segmentLength
            let laneBase = memory + lane &* laneLength &* words
            var current = slice &* segmentLength &+ start
            var previous = current == 0 ? laneLength &- 1 : current &- 1
            for index in start..<segmentLength {
                let pseudoRandom: UInt64
                if dataIndependent {
                    if index == start || index & (words &- 1) == 0 {
                        input[6] &+= 1
                        BlockMixer.compress(zero, input, into: addresses, scratch: mixScratch, xorInto: false)
                        BlockMixer.compress(zero, addresses, into: addresses, scratch: mixScratch, xorInto: false)
                    }
                    pseudoRandom = addresses[index & (words &- 1)]
                } else {
                    pseudoRandom = laneBase[previous &* words]
                }
                // The first slice of the first pass can only reference its own lane: nothing else exists yet.
                let referenceLane = pass == 0 && slice == 0 ? lane : Int((pseudoRandom >> 32) % UInt64(lanes))
                let referenceIndex = self.referenceIndex(
                    pass: pass, slice: slice, index: index,
                    j1: pseudoRandom & 0xFFFF_FFFF, sameLane: referenceLane == lane)
                BlockMixer.compress(
                    laneBase + previous &* words, block(lane: referenceLane, index: referenceIndex),
                    into: laneBase + current &* words, scratch: mixScratch, xorInto: pass != 0)
                previous = current
                current &+= 1
            }
        }

        /// Maps J1 onto the reference set (RFC 9106 section 3.4.2): all finished blocks except
        /// the previous one, biased towards recent blocks by squaring J1.
        @inline(__always)
        func referenceIndex(pass: Int, slice: Int, index: Int, j1: UInt64, sameLane: Bool) -> Int {
            let segmentLength = self.segmentLength
            let finishedSegments = pass == 0 ? slice &* segmentLength : laneLength &- segmentLength
            // Another lane's current segment is still being written, so it is excluded, and
            // its last finished block is excluded when ours is the first of the segment.
            let areaSize = sameLane ? finishedSegments &+ index &- 1 : finishedSegments &- (index == 0 ? 1 : 0)
            let x = (j1 &* j1) >> 32
            let relative = UInt64(areaSize) &- 1 &- ((UInt64(areaSize) &* x) >> 32)
            let startPosition = pass == 0 || slice == 3 ? 0 : (slice &+ 1) &* segmentLength
            return (startPosition &+ Int(relative)) % laneLength
        }
    }
}
