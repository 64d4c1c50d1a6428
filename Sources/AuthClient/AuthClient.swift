import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of authd's HTTP API (docs/client.md): typed flows, and a session that stays signed in
/// for as long as authd says it may.
///
/// The actor holds the session's tokens (in a ``TokenStore``), renews the access token shortly
/// before it expires, and lets concurrent callers share one refresh. It signs out only when authd
/// says the session is over (a 401 from the refresh route): never on a network error, a timeout,
/// a 429 or 5xx, or a lost race, which leave the tokens in place for the next try.
public actor AuthClient {
    /// Settings of the client.
    public struct Configuration: Sendable {
        /// Renew the access token when this much of its life is left, or a quarter of its life if
        /// that is shorter (default 60 s).
        public var refreshMargin: TimeInterval = 60
        /// How many times a refresh that got no answer is tried again with the same refresh token
        /// (authd answers a repeat within its reuse interval with the same successor; default 3).
        public var refreshRetries = 3
        /// The first pause between those tries (doubling; default 0.2 s).
        public var refreshRetryDelay: TimeInterval = 0.2
        /// Each request's timeout (default 15 s).
        public var timeout: TimeInterval = 15
        /// Sent as `X-Client` (the device's name on the sessions list), e.g. `ios`.
        public var clientName: String?

        /// The defaults.
        public init() {}
    }

    private let baseURL: URL
    private let store: any TokenStore
    private let transport: any HTTPTransport
    private let configuration: Configuration
    private let now: @Sendable () -> Date
    private var tokens: StoredTokens?
    private var loaded = false
    private var refreshing: Task<StoredTokens, any Error>?

    /// Creates a client.
    /// - Parameters:
    ///   - baseURL: authd's root, e.g. `https://auth.example.com` (routes are under `/api/v1/auth`).
    ///   - tokenStore: where the session's tokens live (default: memory only).
    ///   - transport: how requests are sent (default: an ephemeral `URLSession`).
    ///   - configuration: margins, retries and timeouts.
    ///   - now: this device's clock (tests pass their own).
    public init(
        baseURL: URL, tokenStore: any TokenStore = InMemoryTokenStore(), transport: any HTTPTransport = URLSessionTransport(),
        configuration: Configuration = .init(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.baseURL = baseURL
        self.store = tokenStore
        self.transport = transport
        self.configuration = configuration
        self.now = now
    }

    // MARK: - Session state

    /// Whether the client holds a session (it may still turn out to be over at the next refresh).
    public var isSignedIn: Bool {
        get async throws { try await current() != nil }
    }

    /// A valid access token for a request to another service, renewed first when it is about to
    /// expire.
    /// - Throws: ``AuthClientError/signedOut`` when there is no session (any more); the transport's
    ///   or ``AuthAPIError`` when a needed refresh could not reach authd (the session is kept).
    public func accessToken() async throws -> String {
        guard let held = try await current() else { throw AuthClientError.signedOut }
        let margin = min(configuration.refreshMargin, held.lifetime / 4)
        if held.expiresAt.timeIntervalSince(now()) > margin { return held.accessToken }
        return try await refreshed(replacing: held.accessToken).accessToken
    }

    /// Renews the tokens now (concurrent callers share one refresh).
    public func refresh() async throws {
        guard let held = try await current() else { throw AuthClientError.signedOut }
        _ = try await refreshed(replacing: held.accessToken)
    }

    private func current() async throws -> StoredTokens? {
        if !loaded {
            tokens = try await store.load()
            loaded = true
        }
        return tokens
    }

    /// The tokens after a refresh of those whose access token is `used`: the one already under
    /// way, or already done by another caller, or a new one.
    private func refreshed(replacing used: String) async throws -> StoredTokens {
        if let refreshing { return try await refreshing.value }
        guard let held = try await current() else { throw AuthClientError.signedOut }
        // Someone else refreshed since this caller read the token: use theirs.
        if held.accessToken != used { return held }
        let task = Task { try await self.performRefresh(held) }
        refreshing = task
        defer { refreshing = nil }
        return try await task.value
    }

    private func performRefresh(_ held: StoredTokens) async throws -> StoredTokens {
        var pause = configuration.refreshRetryDelay
        var attempt = 0
        while true {
            let answer: (Data, HTTPURLResponse)
            do {
                answer = try await transport.send(request("POST", "token/refresh", json: ["refresh_token": held.refreshToken]))
            } catch {
                // No answer: authd may have rotated and the answer been lost. The same refresh token
                // gets the same successor within the reuse interval, so trying again is safe.
                attempt += 1
                guard attempt <= configuration.refreshRetries, !Task.isCancelled else { throw error }
                try await Task.sleep(nanoseconds: UInt64(pause * 1e9))
                pause *= 2
                continue
            }
            let (data, response) = answer
            if response.statusCode == 401 {
                // authd's word: the session is over.
                try await signOutLocally()
                throw AuthClientError.signedOut
            }
            if response.statusCode >= 500, attempt < configuration.refreshRetries {
                attempt += 1
                try await Task.sleep(nanoseconds: UInt64(pause * 1e9))
                pause *= 2
                continue
            }
            let body: TokenAnswer = try decode(data, response)
            return try await adopt(body)
        }
    }

    /// Stores the tokens of an answer that started or refreshed a session.
    @discardableResult
    func adopt(_ answer: TokenAnswer) async throws -> StoredTokens {
        guard let refreshToken = answer.refreshToken else { throw AuthClientError.unexpectedResponse(status: 200) }
        let lifetime = TimeInterval(answer.expiresIn ?? 0)
        let fresh = StoredTokens(
            accessToken: answer.token, refreshToken: refreshToken, expiresAt: now().addingTimeInterval(lifetime),
            lifetime: lifetime)
        tokens = fresh
        loaded = true
        try await store.save(fresh)
        return fresh
    }

    private func signOutLocally() async throws {
        tokens = nil
        loaded = true
        try await store.clear()
    }

    // MARK: - Requests

    static let encoder = JSONEncoder()

    /// The API each route is under: the user's (`/api/v1/auth`, docs/api.md) or the admin's
    /// (`/api/v1/admin`, docs/api.md, "Admin API").
    enum API: String {
        case auth = "api/v1/auth"
        case admin = "api/v1/admin"
    }

    private func request(_ method: String, _ path: String, json: [String: String]? = nil, token: String? = nil) throws -> URLRequest {
        try request(method, path, body: json.map { try Self.encoder.encode($0) }, token: token)
    }

    /// A request to `path` under `api`, with `query` (empty items left out) and a JSON `body`.
    func request(
        _ method: String, _ path: String, api: API = .auth, query: [URLQueryItem] = [], body: Data?, token: String? = nil
    ) throws -> URLRequest {
        var url = baseURL.appendingPathComponent(api.rawValue).appendingPathComponent(path)
        let items = query.filter { !($0.value ?? "").isEmpty }
        if !items.isEmpty, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.queryItems = items
            // `+` is a space to form decoders: send it escaped (an RFC 3339 offset, an address).
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
            url = components.url ?? url
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = configuration.timeout
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let clientName = configuration.clientName { request.setValue(clientName, forHTTPHeaderField: "X-Client") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return request
    }

    /// Sends a request without a session.
    func send<T: Decodable>(_ method: String, _ path: String, json: [String: String]? = nil) async throws -> T {
        try await send(method, path, body: json.map { try Self.encoder.encode($0) })
    }

    /// Sends a request without a session, with a JSON `body` of any shape.
    func send<T: Decodable>(_ method: String, _ path: String, body: Data?) async throws -> T {
        let (data, response) = try await transport.send(try request(method, path, body: body))
        return try decode(data, response)
    }

    /// Sends a request with the session: an access token renewed ahead of expiry; a 401 with a
    /// token that was current gets one refresh and one more try (the token may have expired in
    /// flight). Only the refresh route's 401 signs out.
    func authorized<T: Decodable>(_ method: String, _ path: String, json: [String: String]? = nil) async throws -> T {
        try await authorized(method, path, body: json.map { try Self.encoder.encode($0) })
    }

    /// ``authorized(_:_:json:)`` with a JSON `body` of any shape, under `api`, with `query`.
    func authorized<T: Decodable>(
        _ method: String, _ path: String, api: API = .auth, query: [URLQueryItem] = [], body: Data?
    ) async throws -> T {
        let token = try await accessToken()
        var (data, response) = try await transport.send(try request(method, path, api: api, query: query, body: body, token: token))
        if response.statusCode == 401 {
            let renewed = try await refreshed(replacing: token)
            (data, response) = try await transport.send(
                try request(method, path, api: api, query: query, body: body, token: renewed.accessToken))
        }
        return try decode(data, response)
    }

    private nonisolated func decode<T: Decodable>(_ data: Data, _ response: HTTPURLResponse) throws -> T {
        guard (200..<300).contains(response.statusCode) else { throw Self.problem(data, response) }
        do {
            return try Self.decoder.decode(T.self, from: data)
        } catch {
            throw AuthClientError.unexpectedResponse(status: response.statusCode)
        }
    }

    private static func problem(_ data: Data, _ response: HTTPURLResponse) -> any Error {
        guard let body = try? decoder.decode(ProblemBody.self, from: data), let code = body.error else {
            return AuthClientError.unexpectedResponse(status: response.statusCode)
        }
        return AuthAPIError(
            status: response.statusCode, error: code, message: body.message ?? body.detail ?? "",
            retryAfter: response.value(forHTTPHeaderField: "Retry-After").flatMap { Int($0) })
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime]
            guard let date = formatter.date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not RFC 3339: \(text)"))
            }
            return date
        }
        return decoder
    }()

    // MARK: - Flows

    /// `POST /sign-up`: mails a code to `email` (the same answer whether or not it has an account).
    public func signUp(email: String, password: String) async throws -> CodeChallenge {
        try await send("POST", "sign-up", json: ["email": email, "password": password])
    }

    /// `POST /resend/verification/email`.
    public func resendVerification(email: String) async throws -> CodeChallenge {
        try await send("POST", "resend/verification/email", json: ["email": email])
    }

    /// `POST /verify-email`: redeems the sign-up code and holds the new session.
    public func verifyEmail(_ challenge: CodeChallenge, code: String, password: String? = nil) async throws {
        var body = ["token_id": challenge.verificationID, "code": code]
        if let password { body["password"] = password }
        try await adopt(try await send("POST", "verify-email", json: body) as TokenAnswer)
    }

    /// `POST /sign-in/credentials`.
    public func signIn(email: String, password: String) async throws -> SignInOutcome {
        try await signingIn("sign-in/credentials", ["email": email, "password": password])
    }

    /// `POST /sign-in/mfa`: completes a sign-in with a second factor's code.
    /// - Parameter method: `totp`, `recovery_code` or `email` (default: the mailed code).
    public func completeSignIn(_ challenge: MFAChallenge, code: String, method: String? = nil) async throws {
        var body = ["token_id": challenge.verificationID, "code": code]
        if let method { body["method"] = method }
        try await adopt(try await send("POST", "sign-in/mfa", json: body) as TokenAnswer)
    }

    /// `POST /sign-in/email-code`: mails a sign-in code (no password).
    public func requestSignInCode(email: String) async throws -> CodeChallenge {
        try await send("POST", "sign-in/email-code", json: ["email": email])
    }

    /// `POST /sign-in/email-code/verify`.
    public func signIn(with challenge: CodeChallenge, code: String) async throws -> SignInOutcome {
        try await signingIn("sign-in/email-code/verify", ["token_id": challenge.verificationID, "code": code])
    }

    /// `POST /sign-in/{provider}/web/callback`: completes an OAuth sign-in whose consent screen
    /// the app opened (e.g. with `ASWebAuthenticationSession`).
    public func completeOAuth(provider: String, code: String, state: String, redirectURI: String) async throws -> SignInOutcome {
        try await signingIn("sign-in/\(provider)/web/callback", ["code": code, "state": state, "redirect_uri": redirectURI])
    }

    private func signingIn(_ path: String, _ body: [String: String]) async throws -> SignInOutcome {
        let (data, response) = try await transport.send(try request("POST", path, json: body))
        if response.statusCode == 401, let challenge = try? Self.decoder.decode(MFAChallenge.self, from: data),
           (try? Self.decoder.decode(ProblemBody.self, from: data))?.error == "mfa_required"
        {
            return .mfaRequired(challenge)
        }
        try await adopt(try decode(data, response) as TokenAnswer)
        return .signedIn
    }

    /// `GET /me`.
    public func me() async throws -> Me { try await authorized("GET", "me") }

    /// `GET /me/all`: the user's signed-in devices, most recently active first (the first page).
    public func sessions() async throws -> [SessionInfo] { try await authorized("GET", "me/all") }

    /// `DELETE /logout`: ends this session and forgets its tokens (also when authd already had).
    public func signOut() async throws {
        do {
            let _: Success = try await authorized("DELETE", "logout")
        } catch AuthClientError.signedOut {}
        try await signOutLocally()
    }

    /// `DELETE /logout/all`: ends every other session of the user.
    public func signOutOtherDevices() async throws { let _: Success = try await authorized("DELETE", "logout/all") }

    /// `POST /reauthenticate {password}`: makes the session recent for protection changes.
    public func reauthenticate(password: String) async throws {
        let _: Success = try await authorized("POST", "reauthenticate", json: ["password": password])
    }

    /// `POST /reauthenticate {method, code}` with a second factor.
    public func reauthenticate(method: String, code: String) async throws {
        let _: Success = try await authorized("POST", "reauthenticate", json: ["method": method, "code": code])
    }

    /// `PATCH /enable/mfa` or `/disable/mfa` (the mailed second factor); returns the new state.
    public func setMailedSecondFactor(enabled: Bool) async throws -> Bool {
        let state: MFAState = try await authorized("PATCH", enabled ? "enable/mfa" : "disable/mfa")
        return state.mfaEnabled
    }

    /// `PATCH /password`: every other session ends.
    public func changePassword(current: String, new: String) async throws {
        let _: Success = try await authorized("PATCH", "password", json: ["current_password": current, "new_password": new])
    }

    /// `POST /email`: mails a code to the new address (recent authentication).
    public func requestEmailChange(to newEmail: String) async throws -> CodeChallenge {
        try await authorized("POST", "email", json: ["new_email": newEmail])
    }

    /// `POST /email/confirm`.
    public func confirmEmailChange(_ challenge: CodeChallenge, code: String) async throws {
        let _: Success = try await authorized("POST", "email/confirm", json: ["token_id": challenge.verificationID, "code": code])
    }

    /// `POST /reset/password`: mails a reset code (the same answer for unknown addresses).
    public func requestPasswordReset(email: String) async throws -> CodeChallenge {
        try await send("POST", "reset/password", json: ["email": email])
    }

    /// `PATCH /reset/password`: sets a new password; every session ends, this client's too.
    public func resetPassword(_ challenge: CodeChallenge, code: String, newPassword: String) async throws {
        let _: Success = try await send(
            "PATCH", "reset/password", json: ["token_id": challenge.verificationID, "code": code, "password": newPassword])
        try await signOutLocally()
    }

    /// `DELETE /me`: deletes the account (recent authentication) and forgets the tokens.
    public func deleteAccount() async throws {
        let _: Success = try await authorized("DELETE", "me")
        try await signOutLocally()
    }
}
