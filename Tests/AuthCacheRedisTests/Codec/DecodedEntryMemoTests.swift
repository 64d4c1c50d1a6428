@testable import AuthCacheRedis
import AuthCore
import Foundation
import Testing

/// The memo of decoded entries answers only for the very bytes it decoded, and stays bounded.
@Suite struct DecodedEntryMemoTests {
    @Test func theSameBytesGiveTheRememberedEntryAndOtherBytesAreDecodedAfresh() {
        let memo = DecodedEntryMemo()
        var entry = CachedSessionCodecTests.entry()
        let id = entry.session.id
        #expect(memo.entry(for: id, from: CachedSessionCodec.encode(entry)) == entry)
        #expect(memo.entry(for: id, from: CachedSessionCodec.encode(entry)) == entry)
        entry.session.lastUsedAt = entry.session.lastUsedAt.addingTimeInterval(60)
        entry.user.isBanned = true
        #expect(memo.entry(for: id, from: CachedSessionCodec.encode(entry)) == entry)
        #expect(memo.count == 1)
    }

    @Test func bytesThatAreNoEntryAreAMiss() {
        let memo = DecodedEntryMemo()
        let entry = CachedSessionCodecTests.entry()
        _ = memo.entry(for: entry.session.id, from: CachedSessionCodec.encode(entry))
        #expect(memo.entry(for: entry.session.id, from: Array("not an entry".utf8)) == nil)
        #expect(memo.entry(for: entry.session.id, from: []) == nil)
    }

    @Test func anEntryUnderAnotherSessionsKeyIsNotRemembered() {
        let memo = DecodedEntryMemo()
        let entry = CachedSessionCodecTests.entry()
        #expect(memo.entry(for: SessionID(), from: CachedSessionCodec.encode(entry)) == entry)
        #expect(memo.count == 0)
    }

    @Test func aFullMemoStartsAgain() {
        let memo = DecodedEntryMemo(capacity: 3)
        for _ in 0..<3 {
            var entry = CachedSessionCodecTests.entry()
            entry.session.id = SessionID()
            _ = memo.entry(for: entry.session.id, from: CachedSessionCodec.encode(entry))
        }
        #expect(memo.count == 3)
        var entry = CachedSessionCodecTests.entry()
        entry.session.id = SessionID()
        _ = memo.entry(for: entry.session.id, from: CachedSessionCodec.encode(entry))
        #expect(memo.count == 1)
    }
}
