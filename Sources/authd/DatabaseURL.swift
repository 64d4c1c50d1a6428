import Foundation

/// `DATABASE_URL`: the store backend's URL, passed on unchanged. Which backend it names, and what
/// a typo looks like, is the backends' to say (``StoreBackends/checkURL(_:name:)``): a URL no
/// backend takes is refused at start-up.
struct DatabaseURL: Sendable, Equatable {
    /// The text as given, for the backend's driver.
    let text: String

    /// Checks `text`.
    /// - Throws: ``ConfigurationError`` naming `name` for a scheme no backend takes or a malformed URL.
    init(_ text: String, name: String = "DATABASE_URL") throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        try StoreBackends.checkURL(trimmed, name: name)
        self.text = trimmed
    }
}
