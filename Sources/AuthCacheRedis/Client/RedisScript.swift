import AuthCore
import Crypto

/// A Lua script run with `EVALSHA`, falling back to `EVAL` when the server does not know it yet
/// (first use, after a restart or `SCRIPT FLUSH`); `EVAL` also loads it for next time.
///
/// A script runs atomically on the server, which is what makes each rate-limit check and each
/// guarded cache write a single indivisible step shared by every instance.
struct RedisScript: Sendable {
    let source: String
    /// Lower-case hex SHA-1 of `source`: the name `EVALSHA` knows it by.
    let sha1: String

    init(_ source: String) {
        self.source = source
        self.sha1 = Insecure.SHA1.hash(data: Array(source.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension RedisClient {
    /// Runs `script` with `keys` and `arguments`.
    /// - Throws: `AuthError(.unavailable)` on transport failure or a script error.
    func evaluate(_ script: RedisScript, keys: [String], arguments: [[UInt8]]) async throws -> RedisValue {
        let tail = [Array(String(keys.count).utf8)] + keys.map { Array($0.utf8) } + arguments
        var reply = try await execute([Array("EVALSHA".utf8), Array(script.sha1.utf8)] + tail)
        if case .error(let message) = reply, message.hasPrefix("NOSCRIPT") {
            reply = try await execute([Array("EVAL".utf8), Array(script.source.utf8)] + tail)
        }
        if case .error(let message) = reply { throw AuthError.redis(RedisError.server(message)) }
        return reply
    }
}
