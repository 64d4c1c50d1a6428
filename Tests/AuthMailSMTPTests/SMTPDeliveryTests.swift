import AuthCore
import AuthMailSMTP
import AuthTesting
import Foundation
import Testing

/// Delivery to the real aiosmtpd server that scripts/test-servers/smtp.sh starts.
@Suite(.enabled(if: SMTPTestServer.isAvailableOrRequired)) struct SMTPDeliveryTests {
    func verifyEmail(to recipient: EmailAddress, code: String = "482913") -> MailMessage {
        MailMessage(to: recipient, kind: .verifyEmail(code: code, expiresAt: Date().addingTimeInterval(900)))
    }

    @Test func deliversThroughSTARTTLSAndAuthPlain() async throws {
        let recipient = try SMTPTestServer.recipient("plain")
        let message = verifyEmail(to: recipient)
        try await SMTPTransport(configuration: try SMTPTestServer.configuration()).deliver(message)

        let mail = try #require(try ReceivedMail.find(in: try SMTPTestServer.maildir, recipient: recipient.value))
        #expect(mail.header("X-Test-Envelope-From") == "auth@example.test")
        #expect(mail.header("To") == recipient.value)
        #expect(mail.header("Subject")?.hasPrefix("=?UTF-8?B?") == true)
        #expect(mail.subject == "Zürich Café Auth: Verify your email address")
        #expect(mail.header("Message-ID") == "<\(message.id.uuidString.lowercased())@example.test>")
        #expect(mail.header("Date").flatMap { $0.hasSuffix("+0000") } == true)
        #expect(mail.header("Content-Type")?.hasPrefix("multipart/alternative") == true)
        #expect(mail.part("text/plain")?.contains("482913") == true)
        #expect(mail.part("text/html")?.contains("482913") == true)
    }

    @Test func deliversWithAuthLogin() async throws {
        let recipient = try SMTPTestServer.recipient("login")
        try await SMTPTransport(configuration: try SMTPTestServer.configuration(query: "&auth=login"))
            .deliver(MailMessage(to: recipient, kind: .passwordChanged(at: Date())))
        let mail = try #require(try ReceivedMail.find(in: try SMTPTestServer.maildir, recipient: recipient.value))
        #expect(mail.subject == "Zürich Café Auth: Your password was changed")
    }

    @Test func aRefusedLoginIsAClearMisconfigurationError() async throws {
        var configuration = try SMTPTestServer.configuration()
        configuration.credentials?.password = "wrong-password"
        let recipient = try SMTPTestServer.recipient("refused")
        let error = await #expect(throws: MailTransportError.self) {
            try await SMTPTransport(configuration: configuration).deliver(verifyEmail(to: recipient))
        }
        #expect(error?.failure == .misconfigured)
        #expect(error?.reason.contains("535") == true)
        #expect(error?.reason.contains("SMTP_URL") == true)
        #expect(!"\(String(describing: error))".contains("wrong-password"))
        #expect(error.map { MailDeliveryFailure($0) } == .misconfigured)
        #expect(try ReceivedMail.find(in: try SMTPTestServer.maildir, recipient: recipient.value) == nil)
    }

    @Test func anUntrustedCertificateFailsTheHandshake() async throws {
        let url = try SMTPTestServer.url
        let withoutCA = String(url[..<(url.range(of: "?")?.lowerBound ?? url.endIndex)])
        let transport = try SMTPTransport(configuration: try SMTPConfiguration(url: withoutCA, from: "auth@example.test"))
        let error = await #expect(throws: MailTransportError.self) {
            try await transport.deliver(verifyEmail(to: try SMTPTestServer.recipient("untrusted")))
        }
        #expect(error?.failure == .misconfigured)
        #expect(error?.reason.contains("TLS") == true)
    }

    @Test func headerInjectionIsRefusedAndNothingIsSent() async throws {
        let transport = try SMTPTransport(configuration: try SMTPTestServer.configuration())
        let tag = UUID().uuidString.prefix(8).lowercased()
        for address in ["inject-\(tag)@example.test\r\nBcc: evil-\(tag)@example.test", "inject-\(tag)@example.test\nSubject: x"] {
            let message = MailMessage(to: EmailAddress(normalized: address), kind: .signUpAttempted(at: Date()))
            let error = await #expect(throws: MailTransportError.self) { try await transport.deliver(message) }
            #expect(error?.failure == .rejected)
            #expect(error.map { MailDeliveryFailure($0) } == .rejected)
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: try SMTPTestServer.maildir) {
            let raw = try String(contentsOfFile: try SMTPTestServer.maildir + "/" + file, encoding: .utf8)
            #expect(!raw.contains("inject-\(tag)"))
        }
        #expect(throws: AuthError.self) {
            try SMTPTestServer.configuration(from: "Evil\r\nBcc: all@example.test <auth@example.test>")
        }
    }

    @Test func linesStartingWithADotArriveIntact() async throws {
        let recipient = try SMTPTestServer.recipient("dots")
        // Without dot-stuffing the lone "." would end the DATA section and "RSET" would be a command.
        let code = "1\n.\nRSET\n..two dots\n."
        try await SMTPTransport(configuration: try SMTPTestServer.configuration()).deliver(verifyEmail(to: recipient, code: code))
        let mail = try #require(try ReceivedMail.find(in: try SMTPTestServer.maildir, recipient: recipient.value))
        #expect(mail.part("text/plain")?.contains("    1\n.\nRSET\n..two dots\n.\n") == true)
        #expect(mail.part("text/html") != nil)
    }

    @Test func implicitTLSAndPlainRelayModes() async throws {
        try await SMTPTestServer.Private.with(mode: "implicit") { smtps in
            let recipient = try SMTPTestServer.recipient("smtps")
            let secure = try SMTPConfiguration(url: try smtps.url(), from: "auth@example.test")
            #expect(secure.security == .implicitTLS)
            try await SMTPTransport(configuration: secure).deliver(verifyEmail(to: recipient))
            #expect(try ReceivedMail.find(in: smtps.maildir, recipient: recipient.value)?.part("text/plain")?.contains("482913") == true)
        }
        try await SMTPTestServer.Private.with(mode: "plain") { relay in
            let recipient = try SMTPTestServer.recipient("relay")
            let local = try SMTPConfiguration(url: try relay.url(), from: "auth@example.test")
            try await SMTPTransport(configuration: local).deliver(verifyEmail(to: recipient))
            #expect(try ReceivedMail.find(in: relay.maildir, recipient: recipient.value) != nil)

            // With a password, a server that offers no STARTTLS gets nothing.
            let insecure = try SMTPConfiguration(url: "smtp://mailer:pw@127.0.0.1:\(relay.port)", from: "auth@example.test")
            let error = await #expect(throws: MailTransportError.self) {
                try await SMTPTransport(configuration: insecure).deliver(verifyEmail(to: try SMTPTestServer.recipient("cleartext")))
            }
            #expect(error?.reason.contains("STARTTLS") == true)
        }
    }
}
