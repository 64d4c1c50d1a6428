import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on `127.0.0.1` (one request per connection, served on its own thread)
/// that plays a provider authd calls: the GitHub and Apple stand-ins of ``OAuthBinaryTests``.
final class StandInServer: Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var query: [String: String]
        var headers: [String: String]
        var body: Data

        /// The body as an `application/x-www-form-urlencoded` form.
        var form: [String: String] { StandInServer.decodeForm(String(decoding: body, as: UTF8.self)) }
    }

    struct Response: Sendable {
        var status: Int
        var body: Data
        var contentType = "application/json"

        static func json(_ object: Any, status: Int = 200) -> Response {
            Response(status: status, body: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
        }
    }

    let port: UInt16
    private let fd: Int32
    private final class Flag: Sendable { let value = Mutex(false) }
    private let stopped = Flag()

    /// Listens on a free port and serves `handler` until ``stop()``.
    init(_ handler: @escaping @Sendable (Request) -> Response) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPClient.ClientError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 64) == 0 else {
            close(fd)
            throw RawHTTPClient.ClientError("bind/listen failed: errno \(errno)")
        }
        self.fd = fd
        self.port = UInt16(bigEndian: address.sin_port)
        let stopped = self.stopped
        Thread {
            while !stopped.value.withLock({ $0 }) {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { continue }
                Thread { Self.serve(client, handler) }.start()
            }
        }.start()
    }

    /// Stops accepting (the accept loop ends with the listening socket).
    func stop() {
        stopped.value.withLock { $0 = true }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    var base: String { "http://127.0.0.1:\(port)" }

    private static func serve(_ client: Int32, _ handler: @Sendable (Request) -> Response) {
        defer { close(client) }
        var raw = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var request: Request?
        while request == nil {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { return }
            raw.append(contentsOf: buffer[0..<n])
            request = parse(raw)
        }
        guard let request else { return }
        let response = handler(request)
        let head = "HTTP/1.1 \(response.status) X\r\nContent-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Data(head.utf8) + response.body
        bytes.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(client, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { break }
                sent += n
            }
        }
    }

    /// The request in `raw`, once its head and `Content-Length` body have arrived.
    private static func parse(_ raw: Data) -> Request? {
        guard let split = raw.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let lines = String(decoding: raw[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let first = lines.first?.split(separator: " ") ?? []
        guard first.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = headers["content-length"].flatMap(Int.init) ?? 0
        let body = raw[split.upperBound...]
        guard body.count >= length else { return nil }
        let target = String(first[1])
        let path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
        let query = target.contains("?") ? decodeForm(String(target.split(separator: "?", maxSplits: 1)[1])) : [:]
        return Request(method: String(first[0]), path: path, query: query, headers: headers, body: Data(body.prefix(length)))
    }

    static func decodeForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }

    /// `application/x-www-form-urlencoded` text of `fields`.
    static func encodeForm(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._*")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}
