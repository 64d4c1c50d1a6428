import Foundation

extension StringProtocol {
    /// The text without surrounding spaces and tabs.
    var trimmingWhitespace: String { trimmingCharacters(in: .whitespaces) }
}
