import AuthCore
import Foundation
import NIOSSL

/// Where and how ``SMTPTransport`` delivers mail. Usually made from `SMTP_URL` and `MAIL_FROM`
/// with ``init(url:from:)``; every field has a documented default.
public struct SMTPConfiguration: Sendable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable {
        /// TLS from the first byte (`smtps://`, usually port 465).
        case implicitTLS
        /// STARTTLS is required; delivery fails when the server does not offer it.
        case startTLS
        /// STARTTLS when the server offers it (and then it must succeed), plain text otherwise.
        /// Only without credentials: for a local relay (`smtp://host:25`).
        case startTLSIfOffered
        /// Never TLS, even when offered. Only without credentials, for a relay on the same host.
        case none
    }

    /// An SMTP AUTH mechanism.
    public enum AuthMechanism: String, Sendable, Hashable {
        case plain = "PLAIN"
        case login = "LOGIN"
    }

    /// A user name and password for SMTP AUTH.
    public struct Credentials: Sendable, Hashable, CustomStringConvertible {
        public var username: String
        /// - Important: never logged; ``description`` leaves it out.
        public var password: String
        /// Creates credentials.
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
        public var description: String { "\(username):<redacted>" }
    }

    /// The server's host name or IP address; TLS certificates are checked against it.
    public var host: String
    /// The server's port.
    public var port: Int
    /// How the connection is protected.
    public var security: Security
    /// The login, if the server wants one. Never sent without TLS.
    public var credentials: Credentials?
    /// Mechanisms to use, in order of preference, among those the server offers. Default PLAIN, LOGIN.
    public var authMechanisms: [AuthMechanism] = [.plain, .login]
    /// The envelope sender and `From:` address.
    public var from: EmailAddress
    /// The display name in `From:` (may be non-ASCII; it is RFC 2047-encoded), if any.
    public var fromName: String?
    /// Put before every subject ("Acme: Your sign-in code"). Default: ``fromName``.
    public var productName: String?
    /// The name this client gives in EHLO. Default: this machine's host name when it is a
    /// dotted name, else `localhost`.
    public var heloName: String = SMTPConfiguration.defaultHeloName
    /// Certificates trusted in addition to the system's roots, for a server whose certificate a
    /// private CA signed (or a self-signed test server). Default none.
    public var trustRoots: [NIOSSLCertificate] = []
    /// How long connecting may take. Default 10 s.
    public var connectTimeout: Duration = .seconds(10)
    /// How long the server may take to answer the greeting, a command or the TLS handshake.
    /// Default 30 s.
    public var commandTimeout: Duration = .seconds(30)
    /// How long the server may take to accept the message after its last byte. Default 120 s.
    public var dataTimeout: Duration = .seconds(120)

    /// Creates a configuration.
    /// - Throws: `AuthError(.invalidRequest)` when credentials would travel without TLS.
    public init(host: String, port: Int, security: Security, credentials: Credentials? = nil, from: EmailAddress, fromName: String? = nil) throws {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.from = from
        self.fromName = fromName
        self.productName = fromName
        try validate()
    }

    /// Checks the combination of settings.
    /// - Throws: `AuthError(.invalidRequest)` when credentials could be sent in clear, or a
    ///   header value holds CR or LF.
    public func validate() throws {
        if credentials != nil, security == .none || security == .startTLSIfOffered {
            throw AuthError.invalidRequest("SMTP credentials need TLS: use smtps:// or STARTTLS")
        }
        let headerValues = [from.value, fromName ?? "", productName ?? "", heloName, host]
        if headerValues.contains(where: { $0.unicodeScalars.contains(where: MailMessage.isUnsafeInHeader) }) {
            throw AuthError.invalidRequest("SMTP settings must not contain control characters")
        }
        guard (1...65535).contains(port) else { throw AuthError.invalidRequest("SMTP port must be between 1 and 65535") }
    }

    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        return "\(scheme)://\(credentials.map { "\($0.username)@" } ?? "")\(host):\(port) (\(security.rawValue), from \(from))"
    }

    static let defaultHeloName: String = {
        let name = ProcessInfo.processInfo.hostName
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        let valid = name.contains(".") && name.unicodeScalars.allSatisfy(allowed.contains) && !name.hasPrefix(".")
        return valid ? name : "localhost"
    }()
}
