import Crypto
import Foundation

extension AuthTokenVerifier {
    /// How a token's signature is checked, which must match authd's `JWT_ALG` (docs/tokens.md).
    public enum Signature: Sendable {
        /// ES256 or EdDSA against the keys authd publishes at this URL
        /// (`https://auth.example.com/.well-known/jwks.json`).
        case jwks(url: String)
        /// HS256 with authd's `JWT_SECRET`. Whoever holds the secret can mint tokens as well as
        /// verify them, so give it only to services you would trust to be authd.
        case sharedSecret(SymmetricKey)
        /// No local check: every token is sent to authd's introspection endpoint, which must then
        /// be configured.
        case introspectionOnly
    }

    /// Where authd is and how to ask it.
    public struct Configuration: Sendable {
        /// How signatures are checked.
        public var signature: Signature
        /// How long a fetched JWKS is used (default 5 minutes, authd's own `max-age`).
        public var jwksMaxAge: Duration = .seconds(300)
        /// The shortest time between two refetches caused by unknown `kid`s (default 1 minute).
        public var unknownKidRefetchInterval: Duration = .seconds(60)
        /// Ask authd about each token as well (revocation at once), or `nil`.
        public var introspection: Introspection?
        /// The OpenID clients (`client_id`s, docs/oidc.md) whose access tokens are accepted beside
        /// authd's session tokens; empty by default, so an app's token is refused: a token a user
        /// gave some third-party app must not open this service unless it was built for that app.
        public var acceptedClients: Set<String> = []

        /// Verifies ES256 or EdDSA tokens against authd's JWKS, and optionally introspects them.
        public init(jwksURL: String, introspection: Introspection? = nil) {
            self.signature = .jwks(url: jwksURL)
            self.introspection = introspection
        }

        /// Verifies HS256 tokens with authd's `JWT_SECRET` (the same text authd was given), and
        /// optionally introspects them.
        public init(jwtSecret: String, introspection: Introspection? = nil) {
            self.init(sharedSecret: SymmetricKey(data: Array(jwtSecret.utf8)), introspection: introspection)
        }

        /// Verifies HS256 tokens with a shared key, and optionally introspects them.
        public init(sharedSecret: SymmetricKey, introspection: Introspection? = nil) {
            self.signature = .sharedSecret(sharedSecret)
            self.introspection = introspection
        }

        /// Asks authd about every token and checks nothing locally: works whatever `JWT_ALG` authd
        /// runs with, and needs no key, at one request to authd per token and ``Introspection/cacheTTL``.
        public init(introspection: Introspection) {
            self.signature = .introspectionOnly
            self.introspection = introspection
        }
    }

    /// `POST /api/v1/auth/introspect` with a client of authd's `INTROSPECTION_CLIENTS`, or a
    /// confidential OpenID client (which is told only about its own access tokens).
    public struct Introspection: Sendable {
        /// `https://auth.example.com/api/v1/auth/introspect`.
        public var url: String
        /// The client's name in `INTROSPECTION_CLIENTS`, or an OpenID client's `client_id`.
        public var clientID: String
        /// The client's secret.
        public var clientSecret: String
        /// How long an answer is reused for the same token (default 2 s; zero asks every time).
        public var cacheTTL: Duration = .seconds(2)

        /// Creates the settings.
        public init(url: String, clientID: String, clientSecret: String, cacheTTL: Duration = .seconds(2)) {
            self.url = url
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.cacheTTL = cacheTTL
        }
    }
}
