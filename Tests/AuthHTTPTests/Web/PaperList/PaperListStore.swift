import AuthCore
import Foundation

/// A printed list of single-use codes, as its store keeps it.
struct PaperList: Sendable, Hashable {
    /// The list's id (a new list gets a new one).
    var id: UUID
    /// The codes not used yet.
    var unused: Set<String>
    /// When the list was printed.
    var createdAt: Date
}

/// Where the paper-list factor keeps its state: one list per user. AuthCore has no generic
/// factor-state port (`SecondFactorStore` knows authenticator apps and recovery codes only), so
/// the made-up factor brings its own port, as a real one would.
protocol PaperListStore: Sendable {
    /// Replaces the user's list (enrolment, or printing a new one).
    func replace(_ list: PaperList, of user: UserID) async throws
    /// The user's list, or `nil`.
    func list(of user: UserID) async throws -> PaperList?
    /// Crosses `code` off the user's list; `false` when it is not on it (any more). Atomic: a code
    /// is accepted once, whatever the concurrency.
    func use(_ code: String, of user: UserID) async throws -> Bool
}

/// The in-memory adapter of ``PaperListStore``. A test double: a real adapter would keep the codes
/// hashed, as the recovery codes are.
actor InMemoryPaperListStore: PaperListStore {
    private var lists: [UserID: PaperList] = [:]

    func replace(_ list: PaperList, of user: UserID) { lists[user] = list }

    func list(of user: UserID) -> PaperList? { lists[user] }

    func use(_ code: String, of user: UserID) -> Bool {
        lists[user]?.unused.remove(code) != nil
    }
}
