import Foundation

/// A ``SigningKeyStore`` in memory (the embedded default: keys live as long as the process).
public actor InMemorySigningKeyStore: SigningKeyStore {
    private var stored: [SigningKey] = []

    /// Creates an empty store.
    public init() {}

    public func keys() -> [SigningKey] { stored }

    public func bootstrap(_ keys: [SigningKey]) -> Bool {
        guard let algorithm = keys.first?.algorithm,
              !stored.contains(where: { $0.isPublished && $0.algorithm == algorithm })
        else { return false }
        stored += keys
        return true
    }

    public func rotate(adding next: SigningKey, at now: Date, retiringPreviousBefore cutoff: Date) {
        let hadNext = stored.contains { $0.state == .next && $0.algorithm == next.algorithm }
        for index in stored.indices where stored[index].algorithm == next.algorithm {
            let key = stored[index]
            switch key.state {
            case .current: stored[index].state = .previous
            case .next: stored[index].state = .current
            case .previous where key.stateChangedAt < cutoff: stored[index].state = .retired
            default: continue
            }
            stored[index].stateChangedAt = now
        }
        var added = next
        // The next key was retired (compromised): the new key must sign at once.
        if !hadNext { added.state = .current }
        stored.append(added)
    }

    public func retire(_ kid: String, at now: Date) -> Bool {
        guard let index = stored.firstIndex(where: { $0.kid == kid && $0.state != .retired && $0.state != .current }) else {
            return false
        }
        stored[index].state = .retired
        stored[index].stateChangedAt = now
        return true
    }
}
