import Foundation

/// An OpenID Connect authorization request (`/oauth2/authorize`), checked: what the client asked
/// for, kept while the browser signs in or consents.
public struct AuthorizationRequest: Codable, Hashable, Sendable {
    public var clientID: String
    /// The registered redirect URI it named (matched exactly).
    public var redirectURI: String
    /// The supported scopes it asked for, `openid` first.
    public var scopes: [String]
    public var state: String?
    public var nonce: String?
    /// The PKCE S256 challenge (required of public clients).
    public var codeChallenge: String?
    /// `prompt`: any of `none`, `login`, `consent`.
    public var prompts: [String]
    /// `max_age` in seconds: a sign-in older than this is done again.
    public var maxAge: Int?
    /// `login_hint`: the email address to offer on the sign-in page.
    public var loginHint: String?
    /// The subject of a valid `id_token_hint`: the user the client expects.
    public var hintedSubject: String?
    /// `acr_values`: `aal2` asks for a sign-in with a second factor.
    public var acrValues: [String]
    /// When the request arrived: a sign-in after it satisfies `prompt=login`, `max_age` and
    /// `acr_values`, so the request does not send the browser to sign in twice.
    public var receivedAt: Date
    /// Whether the browser was sent to sign in for it.
    public var sentToSignIn = false

    /// Whether it asks for a second factor.
    public var wantsSecondFactor: Bool { acrValues.contains("aal2") }
    /// Whether nothing may be shown to the user (`prompt=none`).
    public var isSilent: Bool { prompts.contains("none") }
}

/// Why an authorization request is refused back to its client (RFC 6749 section 4.1.2.1; OpenID
/// Connect Core section 3.1.2.6).
public struct AuthorizationRefusal: Error, Hashable, Sendable {
    /// The `error` code, e.g. `invalid_request`, `login_required`.
    public var error: String
    /// The `error_description`, for the client's developer.
    public var description: String

    public init(_ error: String, _ description: String) {
        self.error = error
        self.description = description
    }
}

extension AuthorizationRequest {
    /// The longest value of any parameter we keep.
    static let maximumValueLength = 2048

    /// Reads the parameters of a request whose client and redirect URI were already checked.
    /// Unknown parameters are ignored; unsupported scopes are dropped.
    /// - Throws: ``AuthorizationRefusal`` for a request the client must be told about.
    init(parameters p: [String: String], client: OpenIDClient, redirectURI: String, at now: Date) throws {
        for (name, value) in p where value.utf8.count > Self.maximumValueLength {
            throw AuthorizationRefusal("invalid_request", "\(name) is too long")
        }
        if p["request"] != nil { throw AuthorizationRefusal("request_not_supported", "request objects are not supported") }
        if p["request_uri"] != nil {
            throw AuthorizationRefusal("request_uri_not_supported", "request_uri is not supported")
        }
        guard let responseType = p["response_type"] else { throw AuthorizationRefusal("invalid_request", "response_type is missing") }
        guard responseType == "code" else {
            throw AuthorizationRefusal("unsupported_response_type", "only the authorization code flow (response_type=code) is supported")
        }
        if let mode = p["response_mode"], mode != "query" {
            throw AuthorizationRefusal("invalid_request", "only response_mode=query is supported")
        }
        let asked = (p["scope"] ?? "").split(separator: " ").map(String.init)
        guard asked.contains(OpenIDScope.openid) else {
            throw AuthorizationRefusal("invalid_scope", "the scope must include openid")
        }
        let prompts = (p["prompt"] ?? "").split(separator: " ").map(String.init)
        guard prompts.allSatisfy({ ["none", "login", "consent", "select_account"].contains($0) }) else {
            throw AuthorizationRefusal("invalid_request", "prompt must be none, login or consent")
        }
        if prompts.contains("none") && prompts.count > 1 {
            throw AuthorizationRefusal("invalid_request", "prompt=none cannot be combined with another value")
        }
        var maxAge: Int?
        if let text = p["max_age"] {
            guard let value = Int(text), value >= 0 else { throw AuthorizationRefusal("invalid_request", "max_age must be a whole number of seconds") }
            maxAge = value
        }
        var challenge: String?
        if let text = p["code_challenge"] {
            guard (p["code_challenge_method"] ?? "plain") == "S256" else {
                throw AuthorizationRefusal("invalid_request", "code_challenge_method must be S256")
            }
            guard (43...128).contains(text.utf8.count), text.utf8.allSatisfy(Self.isUnreserved) else {
                throw AuthorizationRefusal("invalid_request", "code_challenge is malformed")
            }
            challenge = text
        } else if client.isPublic {
            throw AuthorizationRefusal("invalid_request", "a public client must use PKCE (code_challenge, S256)")
        }
        self.init(
            clientID: client.id, redirectURI: redirectURI,
            scopes: OpenIDScope.supported.filter(asked.contains), state: p["state"], nonce: p["nonce"],
            codeChallenge: challenge, prompts: prompts, maxAge: maxAge,
            loginHint: p["login_hint"].flatMap { $0.isEmpty ? nil : $0 }, hintedSubject: nil,
            acrValues: (p["acr_values"] ?? "").split(separator: " ").map(String.init), receivedAt: now)
    }

    /// An RFC 3986 unreserved character (what a PKCE verifier and challenge are made of).
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}

/// A URI with query parameters added (RFC 3986 percent-encoding), as authorization answers and
/// logout redirects are sent back.
enum RedirectURI {
    static func adding(_ items: [(String, String?)], to uri: String) -> String {
        let query = items.compactMap { name, value in value.map { "\(name)=\(encode($0))" } }.joined(separator: "&")
        guard !query.isEmpty else { return uri }
        return uri + (uri.contains("?") ? "&" : "?") + query
    }

    /// ASCII only: `CharacterSet.alphanumerics` would leave non-ASCII letters unencoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
