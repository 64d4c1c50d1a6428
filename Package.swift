// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

// The modules split out of AuthCore also keep their imports out of their interface: a dependency
// becomes part of a module's API only where a file says `public import`.
let fenced: [SwiftSetting] = strict + [
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-auth",
    // iOS: for apps using AuthClient (the server modules need macOS 15 APIs, Synchronization).
    platforms: [.macOS(.v15), .iOS(.v16)],
    products: [
        .library(name: "AuthCore", targets: ["AuthCore"]),
        .library(name: "AuthHashing", targets: ["AuthHashing"]),
        .library(name: "AuthWebAuthn", targets: ["AuthWebAuthn"]),
        .library(name: "AuthQRCode", targets: ["AuthQRCode"]),
        .library(name: "AuthTesting", targets: ["AuthTesting"]),
        .library(name: "AuthHTTP", targets: ["AuthHTTP"]),
        .library(name: "AuthStorePostgres", targets: ["AuthStorePostgres"]),
        .library(name: "AuthCacheRedis", targets: ["AuthCacheRedis"]),
        .library(name: "AuthMailSMTP", targets: ["AuthMailSMTP"]),
        .library(name: "AuthGeoIP", targets: ["AuthGeoIP"]),
        .library(name: "AuthTokenVerifier", targets: ["AuthTokenVerifier"]),
        .library(name: "AuthWeb", targets: ["AuthWeb"]),
        .library(name: "AuthClient", targets: ["AuthClient"]),
        .executable(name: "authd", targets: ["authd"]),
    ],
    // The adapters that link a C library are behind traits, all on by default. A package that
    // only needs AuthCore, AuthTesting, AuthTokenVerifier, AuthHTTP or AuthWeb depends on this one
    // with `traits: []` and needs neither the libraries' headers nor pkg-config (docs/embedding.md).
    traits: [
        .default(enabledTraits: ["PostgreSQL", "Redis", "GeoIP"]),
        .trait(name: "PostgreSQL", description: "AuthStorePostgres, which links libpq (Debian: libpq-dev)"),
        .trait(name: "Redis", description: "AuthCacheRedis, which links hiredis (Debian: libhiredis-dev)"),
        .trait(name: "GeoIP", description: "AuthGeoIP, which links libmaxminddb (Debian: libmaxminddb-dev)"),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        // Argon2id, BLAKE2b, the per-thread hashing memory and the bounded pool they run on: pure
        // Swift with libc, no other dependency; AuthCore's `Argon2idPasswordHasher` uses it.
        .target(
            name: "AuthHashing",
            swiftSettings: fenced
        ),
        // The byte formats of WebAuthn (CBOR, COSE keys, authenticator data, client data) and the
        // refusal vocabulary `WebAuthnFailure`; AuthCore's relying party builds on it.
        .target(
            name: "AuthWebAuthn",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                // RSA signature checks for RS256 passkeys; already built for jwt-kit.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: fenced
        ),
        // The QR encoder and its SVG rendering (the authenticator-app enrolment's picture).
        .target(
            name: "AuthQRCode",
            swiftSettings: fenced
        ),
        .target(
            name: "AuthCore",
            dependencies: [
                "AuthHashing", "AuthWebAuthn", "AuthQRCode",
                .product(name: "Crypto", package: "swift-crypto"),
                // RSA: OpenID Connect requires RS256 ID tokens.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AuthTesting",
            // Crypto: the test authenticator's P-256 key signs passkey assertions.
            dependencies: ["AuthCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "AuthStorePostgres",
            dependencies: [
                "AuthCore", .target(name: "CLibPQ", condition: .when(traits: ["PostgreSQL"])),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .systemLibrary(
            name: "CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .target(
            name: "AuthCacheRedis",
            dependencies: [
                "AuthCore", .target(name: "CHiredis", condition: .when(traits: ["Redis"])),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AuthMailSMTP",
            dependencies: [
                "AuthCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .systemLibrary(
            name: "CMaxMindDB",
            pkgConfig: "libmaxminddb",
            providers: [.apt(["libmaxminddb-dev"])]
        ),
        .target(
            name: "AuthGeoIP",
            dependencies: [
                "AuthCore", .target(name: "CMaxMindDB", condition: .when(traits: ["GeoIP"])),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AuthHTTP",
            dependencies: [
                "AuthCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AuthWeb",
            dependencies: [
                "AuthCore", "AuthHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "AuthTokenVerifier",
            dependencies: [
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Foundation only (FoundationNetworking on Linux): builds for iOS and macOS apps without
        // NIO or Hummingbird (docs/client.md).
        .target(
            name: "AuthClient",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "authd",
            dependencies: [
                "AuthCore",
                "AuthHTTP",
                "AuthStorePostgres",
                "AuthCacheRedis",
                "AuthMailSMTP",
                "AuthGeoIP",
                "AuthWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "hello-bench",
            dependencies: ["AuthCacheRedis", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/HelloBench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "argon2-bench",
            dependencies: ["AuthHashing"],
            path: "Benchmarks/Argon2Bench",
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthCoreTests",
            dependencies: [
                "AuthCore", "AuthHashing", "AuthWebAuthn", "AuthTesting",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthHashingTests",
            dependencies: ["AuthHashing"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthWebAuthnTests",
            // AuthTesting: `TestCBOR`, the encoder the test authenticator writes with.
            dependencies: [
                "AuthWebAuthn", "AuthTesting", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthQRCodeTests",
            dependencies: ["AuthQRCode"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthStorePostgresTests",
            dependencies: [
                "AuthCore", "AuthTesting", "AuthStorePostgres",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthCacheRedisTests",
            dependencies: [
                "AuthCore", "AuthTesting", "AuthCacheRedis",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthMailSMTPTests",
            dependencies: ["AuthCore", "AuthTesting", "AuthMailSMTP"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthGeoIPTests",
            dependencies: ["AuthCore", "AuthGeoIP"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthHTTPTests",
            dependencies: [
                "AuthCore", "AuthTesting", "AuthHTTP", "AuthStorePostgres", "AuthWeb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthTokenVerifierTests",
            dependencies: [
                "AuthTokenVerifier", "AuthCore", "AuthHTTP", "AuthTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AuthClientTests",
            dependencies: ["AuthClient"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "authdTests",
            // Depends on the executable so `swift test` builds the binary it starts; Crypto signs
            // and checks the JWTs of the Apple stand-in.
            // AuthTesting: the software authenticator of the passkey black-box test.
            // AuthStorePostgres: the mail tests queue sealed mail straight into authd's outbox.
            dependencies: [
                "authd", "AuthCore", "AuthTesting", "AuthStorePostgres", "AuthClient",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
    ]
)
