import AuthCore
import AuthMailSMTP
import Testing

@Suite struct SMTPConfigurationTests {
    @Test func smtpWithCredentialsRequiresStartTLS() throws {
        let c = try SMTPConfiguration(url: "smtp://me%40example.com:p%3Ass%20w@mail.example.com", from: "auth@example.com")
        #expect(c.security == .startTLS)
        #expect(c.port == 587)
        #expect(c.host == "mail.example.com")
        #expect(c.credentials == SMTPConfiguration.Credentials(username: "me@example.com", password: "p:ss w"))
    }

    @Test func smtpsIsImplicitTLS() throws {
        let c = try SMTPConfiguration(url: "smtps://u:p@mail.example.com", from: "auth@example.com")
        #expect(c.security == .implicitTLS)
        #expect(c.port == 465)
    }

    @Test func smtpWithoutCredentialsIsALocalRelay() throws {
        let c = try SMTPConfiguration(url: "smtp://localhost", from: "auth@example.com")
        #expect(c.security == .startTLSIfOffered)
        #expect(c.port == 25)
        #expect(c.credentials == nil)
        #expect(try SMTPConfiguration(url: "smtp://localhost:2525?starttls=never", from: "a@example.com").security == .none)
    }

    @Test func credentialsNeverTravelWithoutTLS() {
        for url in ["smtp://u:p@host.example?starttls=never", "smtp://u:p@host.example?starttls=auto"] {
            #expect(throws: AuthError.self) { try SMTPConfiguration(url: url, from: "a@example.com") }
        }
    }

    @Test func queryItemsChooseMechanismAndHelo() throws {
        let c = try SMTPConfiguration(url: "smtp://u:p@host.example:2525?auth=login&helo=app.example.com", from: "a@example.com")
        #expect(c.authMechanisms == [.login])
        #expect(c.heloName == "app.example.com")
        #expect(c.port == 2525)
        #expect(throws: AuthError.self) { try SMTPConfiguration(url: "smtp://u:p@h.example?auth=cram-md5", from: "a@example.com") }
        #expect(throws: AuthError.self) { try SMTPConfiguration(url: "smtp://u:p@h.example?tls_ca=/nonexistent.pem", from: "a@example.com") }
    }

    @Test func mailFromTakesADisplayName() throws {
        let named = try SMTPConfiguration(url: "smtp://h.example", from: "\"Acme, Inc.\" <No-Reply@Acme.example>")
        #expect(named.from.value == "no-reply@acme.example")
        #expect(named.fromName == "Acme, Inc.")
        #expect(named.productName == "Acme, Inc.")
        let bare = try SMTPConfiguration(url: "smtp://h.example", from: "auth@acme.example")
        #expect(bare.fromName == nil)
    }

    @Test func malformedSettingsAreRefused() {
        let bad: [(String, String)] = [
            ("http://h.example", "a@example.com"),
            ("smtp://", "a@example.com"),
            ("smtp://h.example", "not an address"),
            ("smtp://h.example", "Evil\r\nBcc: x@example.com <a@example.com>"),
            ("smtp://h.example?helo=a%0D%0AMAIL", "a@example.com"),
        ]
        for (url, from) in bad {
            let error = #expect(throws: AuthError.self) { try SMTPConfiguration(url: url, from: from) }
            #expect(error?.code == .invalidRequest)
        }
    }

    @Test func descriptionNeverShowsThePassword() throws {
        let c = try SMTPConfiguration(url: "smtp://user:hunter2-secret@h.example", from: "a@example.com")
        #expect(!c.description.contains("hunter2"))
        #expect(!"\(c.credentials!)".contains("hunter2"))
    }
}
