import AuthCore
import Foundation

/// A made-up second factor, to show that a method with enrolment and stored state is its own files
/// plus one registration (docs/architecture.md, "Where to make a change"): a printed list of
/// single-use codes. AuthCore's flows, the challenge and the pages of AuthWeb know nothing of it.
struct PaperListFactor: SecondFactor {
    static let method = SecondFactorMethod(rawValue: "paper_list")
    /// Codes per list.
    static let size = 5

    let store: any PaperListStore
    let random: any RandomSource
    let clock: any WallClock

    var method: SecondFactorMethod { Self.method }
    var amr: String { "paper" }
    var presentation: SecondFactorPresentation {
        SecondFactorPresentation(label: "Paper list", instruction: "the next code on your paper list")
    }

    /// Prints a new list for `user`, replacing any old one; returns its codes (shown once).
    func enrol(_ user: UserID) async throws -> [String] {
        let codes = (0..<Self.size).map { _ in random.digits(8) }
        try await store.replace(PaperList(id: UUID(), unused: Set(codes), createdAt: clock.now), of: user)
        return codes
    }

    func isEnabled(for user: User) async throws -> Bool {
        try await !(store.list(of: user.id)?.unused.isEmpty ?? true)
    }

    func enrolments(of user: User) async throws -> [SecondFactorEnrolment] {
        guard let list = try await store.list(of: user.id), !list.unused.isEmpty else { return [] }
        return [SecondFactorEnrolment(method: method, id: list.id.uuidString, name: "(\(list.unused.count) left)", createdAt: list.createdAt)]
    }

    func challengeOpened(_ challenge: CodeChallenge, code: String, for user: User) async throws {}

    func verify(_ response: String, challenge: VerificationCode?, user: User) async throws -> Bool {
        try await store.use(response, of: user.id)
    }
}
