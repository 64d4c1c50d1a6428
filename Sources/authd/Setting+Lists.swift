/// The lists of settings that documents and `--help` show, each printed from ``Setting/all``.
extension Setting {
    /// docs/configuration.md's table: variable, flag, whole meaning, default.
    static var referenceTable: String {
        var lines = ["| variable | flag | meaning | default |", "|---|---|---|---|"]
        for setting in all {
            let flag = setting.flag.map { "`\($0)`" } ?? "(environment only)"
            lines.append("| `\(setting.variable)` | \(flag) | \(setting.details) | \(setting.defaultValue) |")
        }
        return lines.joined(separator: "\n").replacingOccurrences(of: "|  |", with: "| |")
    }

    /// The README's table: the settings that have a flag, each with its summary and default.
    static var readmeTable: String {
        var lines = ["| variable | meaning | default |", "|---|---|---|"]
        for setting in all where setting.flag != nil {
            lines.append("| `\(setting.variable)` | \(setting.summary) | \(setting.defaultValue) |")
        }
        return lines.joined(separator: "\n").replacingOccurrences(of: "|  |", with: "| |")
    }

    /// The list in `authd --help`: each variable with its flag, one a line (`authd serve --help`
    /// gives each flag's summary and default).
    static var helpList: String {
        all.map { setting in
            setting.flag.map { "  \(setting.variable)=\($0)" } ?? "  \(setting.variable) (environment only)"
        }.joined(separator: "\n")
    }
}
