import AuthCore
import Foundation
import NIOSSL

extension SMTPConfiguration {
    /// Reads `SMTP_URL` and `MAIL_FROM`.
    ///
    /// - `smtp://user:pass@host:587`: STARTTLS, required (credentials never travel in clear).
    /// - `smtps://user:pass@host:465`: TLS from the first byte.
    /// - `smtp://host:25` (no credentials): STARTTLS when the server offers it, else plain text,
    ///   for a local relay.
    ///
    /// User and password are percent-decoded. Query items: `tls_ca=/path/ca.pem` trusts that PEM
    /// file's certificates besides the system roots; `starttls=required|auto|never` overrides the
    /// STARTTLS rule above (`auto` and `never` only without credentials); `auth=plain|login`
    /// limits the AUTH mechanism; `helo=name` sets the EHLO name. Default ports: 587 for
    /// `smtp://` with credentials, 25 without, 465 for `smtps://`.
    ///
    /// - Parameters:
    ///   - url: the `SMTP_URL` value.
    ///   - from: the `MAIL_FROM` value: `auth@example.com` or `Example <auth@example.com>`.
    /// - Throws: `AuthError(.invalidRequest)` naming what is wrong (never the password).
    public init(url: String, from: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else { throw AuthError.invalidRequest("SMTP_URL must look like smtp://user:password@host:587") }
        let credentials = components.percentEncodedUser.map { user in
            Credentials(username: user.removingPercentEncoding ?? user,
                        password: components.percentEncodedPassword.map { $0.removingPercentEncoding ?? $0 } ?? "")
        }
        var security: Security
        switch scheme {
        case "smtps": security = .implicitTLS
        case "smtp": security = credentials == nil ? .startTLSIfOffered : .startTLS
        default: throw AuthError.invalidRequest("SMTP_URL must start with smtp:// or smtps://")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }) { $1 }
        if let starttls = query["starttls"], security != .implicitTLS {
            switch starttls.lowercased() {
            case "required", "always": security = .startTLS
            case "auto": security = .startTLSIfOffered
            case "never": security = .none
            default: throw AuthError.invalidRequest("SMTP_URL starttls= must be required, auto or never")
            }
        }
        let port = components.port ?? (security == .implicitTLS ? 465 : credentials == nil ? 25 : 587)
        let (address, name) = try Self.parseMailbox(from)
        try self.init(host: host, port: port, security: security, credentials: credentials, from: address, fromName: name)
        if let mechanism = query["auth"] {
            guard let chosen = AuthMechanism(rawValue: mechanism.uppercased()) else {
                throw AuthError.invalidRequest("SMTP_URL auth= must be plain or login")
            }
            authMechanisms = [chosen]
        }
        if let helo = query["helo"], !helo.isEmpty { heloName = helo }
        if let path = query["tls_ca"], !path.isEmpty {
            do { trustRoots = try NIOSSLCertificate.fromPEMFile(path) } catch {
                throw AuthError(.invalidRequest, "SMTP_URL tls_ca= names no readable PEM file", underlying: error)
            }
        }
        try validate()
    }

    /// Splits `Name <address>` (the name optionally quoted) or a bare address.
    static func parseMailbox(_ text: String) throws -> (EmailAddress, String?) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.unicodeScalars.contains(where: MailMessage.isUnsafeInHeader) else {
            throw AuthError.invalidRequest("MAIL_FROM must not contain control characters")
        }
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            return (try EmailAddress(trimmed), nil)
        }
        let address = try EmailAddress(String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]))
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        return (address, name.isEmpty ? nil : name)
    }
}
