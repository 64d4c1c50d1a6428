import Foundation

/// The HTTP conventions shared by every provider: endpoint rules, form bodies and JSON answers.
enum OAuthHTTP {
    /// The largest provider answer decoded; a hostile or broken endpoint cannot make us parse more.
    static let maximumBodyBytes = 1 << 20

    /// `text` as an endpoint URL, when it is `https`, or `http` on a loopback host (local test
    /// providers). Anything else would send codes, secrets and tokens in the clear.
    static func endpoint(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
            url.user == nil, url.password == nil, url.fragment == nil
        else { throw AuthError.oauth(.discovery) }
        guard scheme == "https" || (scheme == "http" && isLoopback(host)) else { throw AuthError.oauth(.discovery) }
        return url
    }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }

    /// `application/x-www-form-urlencoded` (the WHATWG form encoding OAuth token endpoints expect).
    static func form(_ fields: [(String, String)]) -> [UInt8] {
        Array(fields.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&").utf8)
    }

    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "*-._ ")
        let escaped = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return escaped.replacingOccurrences(of: " ", with: "+")
    }

    /// Performs `request`; an unreachable provider becomes `oauth_failed`.
    static func fetch(_ request: FetchRequest, with fetcher: any HTTPFetcher) async throws -> FetchResponse {
        do {
            return try await fetcher.fetch(request)
        } catch let error as AuthError where error.code == .oauthFailed {
            throw error
        } catch {
            throw AuthError.oauth(.providerUnavailable, underlying: error)
        }
    }

    /// Decodes a JSON answer, refusing oversized bodies and anything that is not JSON of `T`.
    static func decode<T: Decodable>(_ type: T.Type, from response: FetchResponse, failure: OAuthFailure.Reason) throws -> T {
        guard response.body.count <= maximumBodyBytes else { throw AuthError.oauth(failure) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw AuthError.oauth(failure, underlying: error)
        }
    }

    /// `url` with `items` appended to its query (keeping what the endpoint already had).
    static func url(_ url: URL, adding items: [URLQueryItem]) throws -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { throw AuthError.oauth(.discovery) }
        components.queryItems = (components.queryItems ?? []) + items
        // URLComponents leaves `+` unescaped in queries, which servers read as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let result = components.url else { throw AuthError.oauth(.discovery) }
        return result
    }
}
