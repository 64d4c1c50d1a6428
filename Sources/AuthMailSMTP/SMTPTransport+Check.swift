import AuthCore

extension SMTPTransport {
    /// Connects, reads the server's greeting and says `QUIT`: what `authd check` asks of the mail
    /// server before a deploy. Sends no mail.
    /// - Returns: the greeting line.
    /// - Throws: ``MailTransportError`` when the server cannot be reached or does not greet with 220.
    public func checkGreeting() async throws -> String {
        let connection = try await openConnection()
        do {
            let greeting = try await connection.reply(to: "the greeting", within: configuration.commandTimeout)
            guard greeting.code == 220 else { throw SMTPFailure.refused(step: "the greeting", reply: greeting) }
            _ = try? await connection.command("QUIT", step: "QUIT", within: configuration.commandTimeout)
            await connection.close()
            return "\(greeting)"
        } catch {
            await connection.close()
            throw MailTransportError.smtp(error)
        }
    }
}
