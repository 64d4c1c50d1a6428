import AuthCore
import Foundation

/// The RFC 5322 text of a ``MailMessage``: headers, then a multipart/alternative body with a
/// quoted-printable text part (which carries the code) and an HTML part.
struct MIMEMessage {
    var message: MailMessage
    var configuration: SMTPConfiguration
    var date: Date

    /// The message, lines ending in CRLF, ready for dot-stuffing.
    func render() -> String {
        // "=_" never occurs in quoted-printable text, so no body line can look like the boundary.
        let boundary = "=_auth_\(message.id.uuidString.lowercased())"
        let from = configuration.fromName.map { "\(MIMEEncoding.displayName($0)) <\(configuration.from)>" }
            ?? configuration.from.value
        let headers = [
            "Date: \(Self.rfc5322Date(date))",
            "From: \(from)",
            "To: \(message.to)",
            "Subject: \(MIMEEncoding.headerText(message.subject(productName: configuration.productName)))",
            // Stable across retries, so a receiver can drop a duplicate of a retried delivery.
            "Message-ID: <\(message.id.uuidString.lowercased())@\(configuration.from.value.split(separator: "@").last ?? "localhost")>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            // RFC 3834: an automatic message; asks auto-responders not to answer it.
            "Auto-Submitted: auto-generated",
            "X-Auto-Response-Suppress: All",
        ]
        let parts = [("text/plain", message.textBody), ("text/html", message.htmlBody)].map { type, body in
            """
            --\(boundary)\r
            Content-Type: \(type); charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            \(MIMEEncoding.quotedPrintable(body))\r

            """
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n"
            + "This is a multipart message in MIME format.\r\n\r\n"
            + parts.joined() + "--\(boundary)--\r\n"
    }

    /// `Thu, 01 Jan 2026 00:00:00 +0000`, always in UTC and English.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }
}
