import AuthCore
import Foundation
import Testing

@testable import AuthMailSMTP

@Suite struct MIMEMessageTests {
    @Test func quotedPrintableKeepsLinesShortAndDecodesBack() {
        let text = "Grüße, naïve café = 100% ☕ \(String(repeating: "long words ", count: 20))end \nsecond line\t\n"
        let encoded = MIMEEncoding.quotedPrintable(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII } })
        #expect(!lines.contains { $0.hasSuffix(" ") || $0.hasSuffix("\t") })
        #expect(ReceivedMail.decodeQuotedPrintable(encoded.replacingOccurrences(of: "\r\n", with: "\n")) == String(text.dropLast()))
    }

    @Test func nonASCIIHeadersBecomeEncodedWords() {
        let subject = "Zürich Café Auth: Verify your email address — ✉️ \(String(repeating: "ü", count: 40))"
        let encoded = MIMEEncoding.headerText(subject)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 && $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?B?") })
        #expect(ReceivedMail.decodeEncodedWords(lines.joined()) == subject)
        #expect(MIMEEncoding.headerText("Your sign-in code") == "Your sign-in code")
    }

    @Test func dotStuffingDoublesLeadingDotsAndEndsWithTheTerminator() {
        let data = MIMEEncoding.dataSection("a\n.\n..b\nc.\r\n.d\r")
        #expect(data == "a\r\n..\r\n...b\r\nc.\r\n..d\r\n.\r\n")
    }

    @Test func renderedMessageIsMultipartWithTheCodeInTheTextPart() throws {
        var configuration = try SMTPConfiguration(url: "smtp://h.example", from: "Zürich Café Auth <auth@example.test>")
        configuration.productName = "Zürich Café Auth"
        let message = MailMessage(to: try EmailAddress("user@example.test"),
                                  kind: .verifyEmail(code: "482913", expiresAt: Date(timeIntervalSince1970: 1_767_226_500)))
        let raw = MIMEMessage(message: message, configuration: configuration, date: Date(timeIntervalSince1970: 1_767_225_600)).render()
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 && !$0.contains("\n") && !$0.contains("\r") })
        let mail = ReceivedMail(raw: raw)
        #expect(mail.header("Date") == "Thu, 01 Jan 2026 00:00:00 +0000")
        #expect(mail.header("Message-ID") == "<\(message.id.uuidString.lowercased())@example.test>")
        #expect(mail.header("To") == "user@example.test")
        #expect(mail.header("From")?.hasSuffix("<auth@example.test>") == true)
        #expect(mail.header("From")?.hasPrefix("=?UTF-8?B?") == true)
        #expect(mail.subject == "Zürich Café Auth: Verify your email address")
        #expect(mail.header("Content-Type")?.hasPrefix("multipart/alternative;") == true)
        #expect(mail.parts.map(\.contentType) == ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
        #expect(mail.part("text/plain")?.contains("\n    482913\n") == true)
        #expect(mail.part("text/plain")?.contains("1 January 2026, 00:15 UTC") == true)
        #expect(mail.part("text/html")?.contains(">482913</p>") == true)
    }
}
