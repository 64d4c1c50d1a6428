/// One (possibly multi-line) reply of an SMTP server.
struct SMTPReply: Hashable, Sendable, CustomStringConvertible {
    /// The three-digit reply code.
    var code: Int
    /// The text of each line, without the code and separator.
    var lines: [String]

    /// 4xx: refused for now; the same command may succeed later.
    var isTransient: Bool { (400..<500).contains(code) }

    /// The enhanced status code (RFC 3463) that starts the first line, such as `5.1.1`, if any.
    var enhancedStatus: String? {
        guard let first = lines.first?.split(separator: " ", maxSplits: 1).first else { return nil }
        let parts = first.split(separator: ".")
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        return String(first)
    }

    /// The EHLO keywords advertised, upper-cased (`STARTTLS`, `AUTH PLAIN LOGIN`, …).
    var extensions: [String] { lines.dropFirst().map { $0.uppercased() } }

    /// Whether EHLO advertised `keyword`.
    func advertises(_ keyword: String) -> Bool {
        extensions.contains { $0 == keyword || $0.hasPrefix(keyword + " ") }
    }

    /// The AUTH mechanisms EHLO advertised (`AUTH PLAIN LOGIN` and the old `AUTH=LOGIN` form).
    var authMechanisms: Set<String> {
        var mechanisms = Set<String>()
        for line in extensions where line.hasPrefix("AUTH ") || line.hasPrefix("AUTH=") {
            line.dropFirst(5).split(separator: " ").forEach { mechanisms.insert(String($0)) }
        }
        return mechanisms
    }

    /// `code text`, for errors and logs, cut short.
    var description: String {
        let text = "\(code) \(lines.joined(separator: " "))"
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
