import Foundation

extension MailMessage {
    /// The subject line. Never contains CR or LF.
    public var subject: String {
        switch kind {
        case .verifyEmail: "Verify your email address"
        case .signInCode: "Your sign-in code"
        case .resetPassword: "Reset your password"
        case .passwordChanged: "Your password was changed"
        case .signUpAttempted: "Someone tried to sign up with your address"
        case .secondFactorRemoved: "A second factor was removed from your account"
        case .secondFactorAdded: "A second factor was added to your account"
        case .recoveryCodesReplaced: "Your recovery codes were replaced"
        case .verifyNewEmail: "Confirm your new email address"
        case .emailChanged: "Your email address was changed"
        case .oauthUnlinked: "A sign-in provider was unlinked from your account"
        case .refreshTokenReused: "A session of your account was signed out to protect it"
        }
    }

    /// The subject, prefixed with the product's name when there is one ("Acme: Your sign-in code").
    public func subject(productName: String?) -> String {
        guard let name = productName?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return subject }
        return "\(name): \(subject)"
    }

    /// The plain-text body; it always carries the code when there is one, on a line of its own.
    public var textBody: String {
        switch kind {
        case .verifyEmail(let code, let expiresAt):
            "Your verification code is:\n\n    \(code)\n\nEnter it where you signed up. It is valid until \(Self.humanDate(expiresAt)).\n\nIf you did not sign up, ignore this mail: no account is created without the code.\n"
        case .signInCode(let code, let expiresAt):
            "Your sign-in code is:\n\n    \(code)\n\nIt is valid until \(Self.humanDate(expiresAt)).\n\nIf you did not just try to sign in, someone knows your password: change it now.\n"
        case .resetPassword(let code, let expiresAt):
            "Your password reset code is:\n\n    \(code)\n\nIt is valid until \(Self.humanDate(expiresAt)).\n\nIf you did not ask for a reset, ignore this mail: your password is unchanged.\n"
        case .passwordChanged(let at):
            "The password of your account was changed on \(Self.humanDate(at)), and every session was signed out.\n\nIf this was not you, reset your password at once.\n"
        case .signUpAttempted(let at):
            "Someone tried to create an account with this address on \(Self.humanDate(at)), but you already have one.\n\nIf it was you, sign in, or reset your password if you forgot it. Otherwise ignore this mail: nothing changed.\n"
        case .secondFactorRemoved(let method, let at):
            "The second factor \"\(method)\" was switched off on your account on \(Self.humanDate(at)).\n\nIf this was not you, reset your password at once and switch it on again.\n"
        case .secondFactorAdded(let method, let at):
            "A second factor \"\(method)\" was added to your account on \(Self.humanDate(at)).\n\nIf this was not you, someone is signed in as you: reset your password at once and remove it.\n"
        case .verifyNewEmail(let code, let expiresAt):
            "Your code to confirm this address for your account is:\n\n    \(code)\n\nIt is valid until \(Self.humanDate(expiresAt)).\n\nIf you did not ask to move an account to this address, ignore this mail: nothing changes without the code.\n"
        case .emailChanged(let newEmail, let at, let client):
            "The email address of your account was changed to \(newEmail) on \(Self.humanDate(at)) from \(client.isEmpty ? "an unnamed device" : client), and every other session was signed out.\n\nIf this was not you, reply to this mail or contact support at once: this address no longer signs in.\n"
        case .refreshTokenReused(let client, let at):
            "On \(Self.humanDate(at)) an old sign-in token of your session on \(client.isEmpty ? "an unnamed device" : client) was used again after that device had replaced it. Someone may have copied it, so that session was signed out; sign in again on that device.\n\nIf this keeps happening, change your password and check the devices signed in to your account.\n"
        case .oauthUnlinked(let provider, let at):
            "Signing in with \"\(provider)\" was unlinked from your account on \(Self.humanDate(at)).\n\nIf this was not you, someone is signed in as you: reset your password at once.\n"
        case .recoveryCodesReplaced(let at):
            "New recovery codes were made for your account on \(Self.humanDate(at)); the earlier ones no longer work.\n\nIf this was not you, reset your password at once.\n"
        }
    }

    /// The HTML body: the text body, escaped, with the code set apart in large type.
    public var htmlBody: String {
        let escapedCode = code.map(Self.escapeHTML)
        let paragraphs = textBody.split(separator: "\n", omittingEmptySubsequences: true).map { line -> String in
            let escaped = Self.escapeHTML(line.trimmingCharacters(in: .whitespaces))
            if let escapedCode, escaped == escapedCode {
                return "<p style=\"font-size:28px;font-weight:bold;letter-spacing:6px;font-family:monospace\">\(escaped)</p>"
            }
            return "<p>\(escaped)</p>"
        }
        return """
            <!doctype html><html><head><meta charset="utf-8"><title>\(Self.escapeHTML(subject))</title></head>\
            <body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#222;max-width:560px">\
            <h2>\(Self.escapeHTML(subject))</h2>\(paragraphs.joined())</body></html>
            """
    }

    /// Checks that nothing in the message could break out of a mail header.
    ///
    /// Mailers call it when accepting a message and transports before sending, because a
    /// recipient decoded from storage or made with `EmailAddress(normalized:)` was never validated.
    /// - Throws: `AuthError(.invalidRequest)` when the recipient is not a plausible address or
    ///   a header value holds CR, LF or another control character.
    public func validateHeaders() throws {
        _ = try EmailAddress(to.value)
        if to.value.unicodeScalars.contains(where: Self.isUnsafeInHeader) {
            throw AuthError.invalidRequest("the recipient address holds a control character")
        }
        if subject.unicodeScalars.contains(where: Self.isUnsafeInHeader) {
            throw AuthError.invalidRequest("the subject holds a control character")
        }
    }

    /// Whether `scalar` may never appear in a header value (CR, LF and every other control).
    public static func isUnsafeInHeader(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func humanDate(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(day: .defaultDigits) \(month: .wide) \(year: .defaultDigits), \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits) UTC",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }

    private static func escapeHTML(_ s: some StringProtocol) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
