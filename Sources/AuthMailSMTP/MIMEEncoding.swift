import Foundation

/// The encodings a mail needs to travel as 7-bit text: quoted-printable bodies, RFC 2047 header
/// words, header folding and SMTP dot-stuffing.
enum MIMEEncoding {
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Quoted-printable (RFC 2045) of `text`'s UTF-8, lines ending in CRLF, none over 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        normalizedLines(text).map(quotedPrintableLine).joined(separator: "\r\n")
    }

    private static func quotedPrintableLine(_ line: Substring) -> String {
        let bytes = Array(line.utf8)
        var output: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 32 || byte == 9) && !isLast)  // trailing white space would be stripped in transit
            let token = literal ? String(UnicodeScalar(byte)) : "=" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            // A soft break ("=") must fit too, unless this is the line's last token.
            if current.utf8.count + token.utf8.count > (isLast ? 76 : 75) {
                output.append(current + "=")
                current = ""
            }
            current += token
        }
        output.append(current)
        return output.joined(separator: "\r\n")
    }

    /// A header value: as is when it is printable ASCII, else RFC 2047 `=?UTF-8?B?…?=` words,
    /// each under 75 characters and never splitting a character, folded onto continuation lines.
    static func headerText(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) { return fold(text) }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {  // 39 bytes → 52 base64 characters
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// Folds a long ASCII header value at spaces so lines stay near 78 characters.
    private static func fold(_ text: String) -> String {
        guard text.utf8.count > 66 else { return text }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.utf8.count + 1 + word.utf8.count > 66 {
                lines.append(current)
                current = String(word)
            } else {
                current = current.isEmpty ? String(word) : current + " " + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }

    /// A display name for `From:`: encoded when not ASCII, quoted when it holds specials.
    static func displayName(_ name: String) -> String {
        guard name.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) else { return headerText(name) }
        let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        guard name.unicodeScalars.contains(where: specials.contains) else { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The DATA section: every line ending in CRLF, a line starting with "." doubled (RFC 5321
    /// 4.5.2) so no line of the message can end the transfer early, then the closing ".".
    static func dataSection(_ message: String) -> String {
        var out = ""
        for line in normalizedLines(message) {
            if line.hasPrefix(".") { out += "." }
            out += line
            out += "\r\n"
        }
        return out + ".\r\n"
    }

    /// `text` split into lines at CRLF, LF or a lone CR.
    static func normalizedLines(_ text: String) -> [Substring] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)[...].dropLast(text.hasSuffix("\n") || text.hasSuffix("\r") ? 1 : 0)
            .map { $0 }
    }
}
