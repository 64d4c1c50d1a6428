import AuthCore
import Foundation
import NIOCore

extension SMTPTransport {
    /// The SMTP conversation for one message, after the connection is open.
    func converse(on connection: SMTPConnection, recipient: EmailAddress, data: String) async throws {
        let timeout = configuration.commandTimeout
        let greeting = try await connection.reply(to: "the greeting", within: timeout)
        guard greeting.code == 220 else { throw SMTPFailure.refused(step: "the greeting", reply: greeting) }
        var ehlo = try await hello(connection)
        var encrypted = configuration.security == .implicitTLS

        if configuration.security == .startTLS || configuration.security == .startTLSIfOffered {
            if ehlo.advertises("STARTTLS"), let tlsContext {
                try await expect(220, try await connection.command("STARTTLS", step: "STARTTLS", within: timeout), "STARTTLS")
                try await connection.startTLS(context: tlsContext, serverHostname: serverHostname)
                ehlo = try await hello(connection)
                encrypted = true
            } else if configuration.security == .startTLS {
                throw SMTPFailure.unsupported("SMTP server does not offer STARTTLS; refusing to send the login in clear text")
            }
        }
        if let credentials = configuration.credentials {
            guard encrypted else { throw SMTPFailure.unsupported("refusing to send SMTP credentials without TLS") }
            try await authenticate(connection, credentials, offered: ehlo.authMechanisms)
        }

        let needsUTF8 = !recipient.value.allSatisfy(\.isASCII) || !configuration.from.value.allSatisfy(\.isASCII)
        if needsUTF8, !ehlo.advertises("SMTPUTF8") {
            throw AuthError.invalidRequest("the SMTP server cannot deliver to a non-ASCII address (no SMTPUTF8)")
        }
        let mailFrom = "MAIL FROM:<\(configuration.from)>" + (needsUTF8 ? " SMTPUTF8" : "")
        try await expect(250, try await connection.command(mailFrom, step: "MAIL FROM", within: timeout), "MAIL FROM")
        let rcpt = try await connection.command("RCPT TO:<\(recipient)>", step: "RCPT TO", within: timeout)
        guard rcpt.code == 250 || rcpt.code == 251 else { throw SMTPFailure.refused(step: "RCPT TO", reply: rcpt) }
        try await expect(354, try await connection.command("DATA", step: "DATA", within: timeout), "DATA")
        let accepted = try await connection.send(ByteBuffer(string: data), step: "end of data", within: configuration.dataTimeout)
        try await expect(250, accepted, "end of data")
        // The message is accepted; a failing QUIT changes nothing.
        _ = try? await connection.command("QUIT", step: "QUIT", within: .seconds(5))
    }

    /// EHLO, falling back to HELO only where no extension (TLS, AUTH) is needed.
    private func hello(_ connection: SMTPConnection) async throws -> SMTPReply {
        let reply = try await connection.command("EHLO \(configuration.heloName)", step: "EHLO", within: configuration.commandTimeout)
        if reply.code == 250 { return reply }
        guard !reply.isTransient, configuration.credentials == nil,
              configuration.security == .none || configuration.security == .startTLSIfOffered
        else { throw SMTPFailure.refused(step: "EHLO", reply: reply) }
        let helo = try await connection.command("HELO \(configuration.heloName)", step: "HELO", within: configuration.commandTimeout)
        try await expect(250, helo, "HELO")
        return SMTPReply(code: 250, lines: helo.lines.prefix(1).map { $0 })
    }

    private func authenticate(
        _ connection: SMTPConnection, _ credentials: SMTPConfiguration.Credentials, offered: Set<String>
    ) async throws {
        let timeout = configuration.commandTimeout
        guard let mechanism = configuration.authMechanisms.first(where: { offered.contains($0.rawValue) }) else {
            let wanted = configuration.authMechanisms.map(\.rawValue).joined(separator: " or ")
            throw SMTPFailure.unsupported("SMTP server offers no AUTH mechanism this client uses (\(wanted))")
        }
        switch mechanism {
        case .plain:
            let token = Self.base64("\0\(credentials.username)\0\(credentials.password)")
            try await expect(235, try await connection.command("AUTH PLAIN \(token)", step: "AUTH", within: timeout), "AUTH")
        case .login:
            try await expect(334, try await connection.command("AUTH LOGIN", step: "AUTH", within: timeout), "AUTH")
            try await expect(334, try await connection.command(Self.base64(credentials.username), step: "AUTH", within: timeout), "AUTH")
            try await expect(235, try await connection.command(Self.base64(credentials.password), step: "AUTH", within: timeout), "AUTH")
        }
    }

    private func expect(_ code: Int, _ reply: SMTPReply, _ step: String) async throws {
        guard reply.code == code else { throw SMTPFailure.refused(step: step, reply: reply) }
    }

    private static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
