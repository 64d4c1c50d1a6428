import AuthCore
/// A bounded map from address to location that keeps the recently used entries.
///
/// Two generations instead of a linked-list LRU: new entries go into `recent`; when it holds half
/// the capacity it becomes `older` (the previous `older` is dropped) and a fresh `recent` starts.
/// A hit in `older` moves the entry back into `recent`. So entries used within the last
/// `capacity / 2` insertions always survive, at most `capacity` entries are ever held, and every
/// operation is a dictionary access: no per-hit bookkeeping.
///
/// A plain value type; ``MaxMindGeoLocator`` guards it with a lock.
struct LocationCache: Sendable {
    /// The most entries held at once; 0 disables caching.
    let capacity: Int
    private var recent: [IPAddress: String] = [:]
    private var older: [IPAddress: String] = [:]

    /// Creates an empty cache holding at most `capacity` entries (0 or less disables it; 1 is
    /// raised to 2, the smallest two-generation cache).
    init(capacity: Int) {
        self.capacity = capacity <= 0 ? 0 : max(2, capacity)
    }

    /// The number of entries held.
    var count: Int { recent.count + older.count }

    /// The cached location of `address`, marking it recently used.
    mutating func value(for address: IPAddress) -> String? {
        if let hit = recent[address] { return hit }
        guard let hit = older.removeValue(forKey: address) else { return nil }
        insert(hit, for: address)
        return hit
    }

    /// Stores the location of `address`, evicting the least recently used generation when full.
    mutating func insert(_ location: String, for address: IPAddress) {
        guard capacity > 0 else { return }
        let generation = capacity / 2
        if recent[address] == nil, recent.count >= generation {
            older = recent
            recent = Dictionary(minimumCapacity: generation)
        }
        older.removeValue(forKey: address)
        recent[address] = location
    }
}
