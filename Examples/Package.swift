// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "auth-examples",
    platforms: [.macOS(.v15)],
    dependencies: [
        // By path here; from git it is .package(url: "<the repository's URL>", from: "<version>", traits: []).
        // `name:` keeps `package: "swift-auth"` working whatever the folder is called, and
        // `traits: []` leaves out the adapters that link C libraries (libpq, hiredis, libmaxminddb).
        .package(name: "swift-auth", path: "..", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        // docs/embedding.md: AuthCore in-process.
        .target(name: "Accounts", dependencies: [.product(name: "AuthCore", package: "swift-auth")]),
        // docs/embedding.md: the pages and the JSON API served from your own Hummingbird app.
        .target(
            name: "AccountPages",
            dependencies: [
                .product(name: "AuthCore", package: "swift-auth"),
                .product(name: "AuthHTTP", package: "swift-auth"),
                .product(name: "AuthWeb", package: "swift-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        // docs/tokens.md: a service that checks authd's tokens without embedding AuthCore.
        .target(
            name: "OrdersService",
            dependencies: [
                .product(name: "AuthTokenVerifier", package: "swift-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            ]),
        .testTarget(
            name: "ExamplesTests",
            dependencies: [
                "Accounts", "AccountPages", "OrdersService",
                .product(name: "AuthTesting", package: "swift-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ]
)
