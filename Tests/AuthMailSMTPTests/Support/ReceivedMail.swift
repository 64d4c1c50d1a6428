import Foundation

/// A message the test SMTP server wrote to its maildir, parsed just enough for assertions.
struct ReceivedMail {
    let raw: String
    /// Header fields in order, unfolded, values as sent (still RFC 2047-encoded).
    let headers: [(name: String, value: String)]
    /// The parts of a multipart body: content type and decoded text.
    let parts: [(contentType: String, text: String)]

    init(raw: String) {
        self.raw = raw
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let (head, body) = Self.split(normalized)
        headers = Self.parseHeaders(head)
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value ?? ""
        guard let range = contentType.range(of: "boundary=\"") else {
            parts = []
            return
        }
        let boundary = String(contentType[range.upperBound...].prefix { $0 != "\"" })
        parts = body.components(separatedBy: "--\(boundary)").dropFirst().compactMap { chunk in
            guard !chunk.hasPrefix("--") else { return nil }
            let (partHead, partBody) = Self.split(String(chunk.drop { $0 == "\n" }))
            let fields = Self.parseHeaders(partHead)
            let type = fields.first { $0.name.lowercased() == "content-type" }?.value ?? ""
            let encoding = fields.first { $0.name.lowercased() == "content-transfer-encoding" }?.value.lowercased()
            let text = encoding == "quoted-printable" ? Self.decodeQuotedPrintable(partBody) : partBody
            return (type, text.hasSuffix("\n") ? String(text.dropLast()) : text)
        }
    }

    /// The first value of header `name`, still encoded.
    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    /// The subject with RFC 2047 words decoded.
    var subject: String? { header("Subject").map(Self.decodeEncodedWords) }

    /// The decoded text of the first part of `type`.
    func part(_ type: String) -> String? { parts.first { $0.contentType.hasPrefix(type) }?.text }

    private static func split(_ text: String) -> (String, String) {
        guard let range = text.range(of: "\n\n") else { return (text, "") }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    private static func parseHeaders(_ head: String) -> [(name: String, value: String)] {
        var fields: [(String, String)] = []
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].1 += String(line)  // unfold: CRLF removed, white space kept
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return fields
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let lines = text.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() {
            var utf8 = Array(line.utf8)[...]
            var soft = false
            while let byte = utf8.popFirst() {
                if byte == UInt8(ascii: "=") {
                    if utf8.isEmpty { soft = true; break }
                    let hex = String(decoding: utf8.prefix(2), as: UTF8.self)
                    bytes.append(UInt8(hex, radix: 16) ?? 0)
                    utf8 = utf8.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            }
            if !soft, index < lines.count - 1 { bytes.append(UInt8(ascii: "\n")) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decodeEncodedWords(_ value: String) -> String {
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.allSatisfy({ $0.hasPrefix("=?") && $0.hasSuffix("?=") }) else { return value }
        let bytes = words.flatMap { word -> [UInt8] in
            let pieces = word.dropFirst(2).dropLast(2).split(separator: "?")
            guard pieces.count == 3, pieces[1].uppercased() == "B", let data = Data(base64Encoded: String(pieces[2])) else { return [] }
            return Array(data)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The message the server received for `recipient`, if any.
    static func find(in maildir: String, recipient: String) throws -> ReceivedMail? {
        let files = try FileManager.default.contentsOfDirectory(atPath: maildir).filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }
        for file in files.sorted() {
            let raw = try String(contentsOfFile: maildir + "/" + file, encoding: .utf8)
            if raw.contains("X-Test-Envelope-To: \(recipient)\r\n") { return ReceivedMail(raw: raw) }
        }
        return nil
    }

    /// Every message received for `recipient`.
    static func all(in maildir: String, recipient: String) throws -> [ReceivedMail] {
        let files = try FileManager.default.contentsOfDirectory(atPath: maildir).filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }
        return try files.sorted().map { try String(contentsOfFile: maildir + "/" + $0, encoding: .utf8) }
            .filter { $0.contains("X-Test-Envelope-To: \(recipient)\r\n") }.map(ReceivedMail.init)
    }
}
