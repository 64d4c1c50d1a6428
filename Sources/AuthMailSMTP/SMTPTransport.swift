import AuthCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// A ``MailTransport`` that speaks SMTP to one server, over SwiftNIO.
///
/// One connection per message: EHLO, STARTTLS or implicit TLS (see
/// ``SMTPConfiguration/Security``), AUTH PLAIN or LOGIN, MAIL FROM, RCPT TO, DATA, QUIT. Every
/// step has a deadline from the configuration.
///
/// Errors are ``MailTransportError``s: `.transient` for an unreachable server, a timeout or a 4xx
/// reply; `.misconfigured` for a refused login (535), a server that lacks what the configuration
/// requires, or a TLS failure; `.rejected` for a message or recipient the server refuses for good
/// and for header injection attempts. The `reason` says what happened in words an operator can
/// act on.
public struct SMTPTransport: MailTransport {
    /// The configuration this transport delivers with.
    public let configuration: SMTPConfiguration
    let tlsContext: NIOSSLContext?
    let clock: any WallClock
    let group: any EventLoopGroup
    let logger: Logger

    /// Creates a transport; nothing connects until ``deliver(_:)``.
    /// - Parameters:
    ///   - clock: dates the `Date:` header.
    ///   - eventLoopGroup: where connections run. Default: NIO's shared group.
    /// - Throws: `AuthError(.invalidRequest)` when the configuration is inconsistent or its TLS
    ///   settings cannot be loaded.
    public init(
        configuration: SMTPConfiguration, clock: any WallClock = SystemClock(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "auth.mail.smtp")
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.clock = clock
        self.group = eventLoopGroup
        self.logger = logger
        if configuration.security == .none {
            tlsContext = nil
        } else {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.minimumTLSVersion = .tlsv12
            if !configuration.trustRoots.isEmpty { tls.additionalTrustRoots = [.certificates(configuration.trustRoots)] }
            do { tlsContext = try NIOSSLContext(configuration: tls) } catch {
                throw AuthError(.invalidRequest, "cannot set up TLS for SMTP", underlying: error)
            }
        }
    }

    /// Delivers `message`: returns once the server accepted it for delivery.
    ///
    /// Cancelling the calling task closes the connection at once, whatever the step (a server that
    /// never answers the end of the message included), and the call throws `CancellationError`.
    /// The message may then have been accepted or not; the outbox sends it again with the same
    /// `Message-ID`.
    /// - Throws: ``MailTransportError``, as the type's documentation lists; `CancellationError`
    ///   when cancelled.
    public func deliver(_ message: MailMessage) async throws {
        do {
            try message.validateHeaders()
        } catch {
            throw MailTransportError.smtp(error)
        }
        let data = MIMEEncoding.dataSection(MIMEMessage(message: message, configuration: configuration, date: clock.now).render())
        try Task.checkCancellation()
        let connection = try await openConnection()
        do {
            try await withTaskCancellationHandler {
                try Task.checkCancellation()
                try await converse(on: connection, recipient: message.to, data: data)
            } onCancel: {
                // The reply being awaited fails with "connection closed" as the channel goes.
                connection.channel.close(promise: nil)
            }
            logger.debug("mail accepted by the SMTP server", metadata: ["mail_id": "\(message.id)"])
        } catch {
            await connection.close()
            if Task.isCancelled { throw CancellationError() }
            throw MailTransportError.smtp(error)
        }
        await connection.close()
    }

    /// A connection to the configured server (TLS from the first byte for implicit TLS).
    /// - Throws: ``MailTransportError`` when it cannot be opened.
    func openConnection() async throws -> SMTPConnection {
        do {
            return try await SMTPConnection.connect(
                host: configuration.host, port: configuration.port,
                tls: configuration.security == .implicitTLS ? tlsContext : nil, serverHostname: serverHostname,
                group: group, timeout: configuration.connectTimeout)
        } catch {
            throw MailTransportError.smtp(error)
        }
    }

    /// The name TLS checks the certificate against: the host, unless it is an IP address (then
    /// NIOSSL checks the peer's address, and SNI must not carry an IP).
    var serverHostname: String? {
        let isIP = (try? SocketAddress(ipAddress: configuration.host, port: 0)) != nil
        return isIP ? nil : configuration.host
    }
}
