import AuthCore
import Foundation
import Testing

/// The hand-written UUID text form agrees with Foundation's, in both directions.
@Suite("UUID text form")
struct UUIDTextTests {
    @Test func formattingIsFoundationsLowerCased() {
        for _ in 0..<1_000 {
            let uuid = UUID()
            #expect(uuid.lowercasedText == uuid.uuidString.lowercased())
        }
        let edges = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                     UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for uuid in edges { #expect(uuid.lowercasedText == uuid.uuidString.lowercased()) }
    }

    @Test func parsingAcceptsWhatFoundationAcceptsInEitherCase() {
        for _ in 0..<1_000 {
            let uuid = UUID()
            #expect(UUID(text: uuid.uuidString) == uuid)
            #expect(UUID(text: uuid.uuidString.lowercased()) == uuid)
        }
    }

    @Test(arguments: [
        "", "not a uuid", "8c2f3c1e8d0b4a559a575f1a2c1f0b9e",  // no hyphens
        "8c2f3c1e-8d0b-4a55-9a57-5f1a2c1f0b9", "8c2f3c1e-8d0b-4a55-9a57-5f1a2c1f0b9e0",  // short, long
        "8c2f3c1e-8d0b-4a55-9a57_5f1a2c1f0b9e", "8c2f3c1e-8d0b-4a55-9a5-75f1a2c1f0b9e",  // hyphen wrong or moved
        "8c2f3c1g-8d0b-4a55-9a57-5f1a2c1f0b9e", "{c2f3c1e-8d0b-4a55-9a57-5f1a2c1f0b9}",  // not hex
        "8c2f3c1e-8d0b-4a55-9a57-5f1a2c1f0bé",  // 36 bytes, not 36 characters
    ])
    func parsingRefusesWhatFoundationRefuses(_ text: String) {
        #expect(UUID(text: text) == nil)
        #expect(UUID(uuidString: text) == nil)
    }
}
