import ArgumentParser

/// One setting of `authd serve`: the environment variable it is read from, the flag that wins over
/// it, and the words every list of settings is made from (``all``, in `Setting+Catalogue.swift`).
struct Setting: Sendable {
    /// The environment variable, such as `DATABASE_URL`; `OAUTH_<NAME>_…` stands for one per provider.
    let variable: String
    /// The flag of `authd serve`, such as `--database-url`; `nil` for a setting read from the
    /// environment only.
    let flag: String?
    /// One plain-text sentence or two: the flag's help and the README's table.
    let summary: String
    /// The whole meaning, in Markdown: docs/configuration.md's table.
    let details: String
    /// What applies when the setting is unset, in Markdown; empty when there is nothing to say.
    let defaultValue: String

    init(_ variable: String, flag: String?, summary: String, details: String, default defaultValue: String) {
        self.variable = variable
        self.flag = flag
        self.summary = summary
        self.details = details
        self.defaultValue = defaultValue
    }

    /// The flag's help in `authd serve --help`: the summary, the variable and the default.
    var help: ArgumentHelp {
        let plainDefault = Self.plain(defaultValue)
        return ArgumentHelp(plainDefault.isEmpty ? "\(summary) (env: \(variable))" : "\(summary) (env: \(variable), default: \(plainDefault))")
    }

    /// Markdown without its code spans and links, for a terminal.
    static func plain(_ markdown: String) -> String {
        var text = markdown.replacingOccurrences(of: "`", with: "")
        // [words](target) → words
        while let open = text.range(of: "]("), let close = text[open.upperBound...].firstIndex(of: ")"),
              let start = text[..<open.lowerBound].lastIndex(of: "[") {
            let words = text[text.index(after: start)..<open.lowerBound]
            text.replaceSubrange(start...close, with: words)
        }
        return text
    }
}
