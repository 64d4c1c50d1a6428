import AuthCore
import AuthStorePostgres
import AuthTesting
import Foundation
import Testing

/// The server goes away mid-test: calls fail cleanly with `.unavailable` and the same pool recovers
/// once the server is back. Uses its own cluster so the shared one is never interrupted.
@Suite(.enabled(if: TestDatabase.canStartClusters), .serialized)
struct PostgresRecoveryTests {
    @Test func poolRecoversAfterTheServerStopsAndStartsAgain() async throws {
        _ = try TestDatabase.requireURL()
        let cluster = try PrivateCluster()
        defer { cluster.destroy() }
        let stores = try await PostgresStores.connect(url: cluster.url, poolSize: 4, logger: .init(label: "recovery-test"))
        defer { stores.shutdown() }
        try await stores.migrate()
        let user = Sample.user(at: Date(timeIntervalSince1970: 1_767_225_600))
        try await stores.users.insert(user)
        try await Self.warm(stores)

        try cluster.pgctl("stop")
        for _ in 0..<3 {
            let error = await #expect(throws: AuthError.self) { try await stores.users.user(id: user.id) }
            #expect(error?.code == .unavailable)
        }
        let readiness = await #expect(throws: AuthError.self) { try await stores.ping() }
        #expect(readiness?.code == .unavailable)

        try cluster.pgctl("start")
        #expect(try await stores.users.user(id: user.id) == user)  // data survived; same pool
        try await Self.warm(stores)
    }

    @Test func theReadinessProbeFailsWhileTheServerIsDownAndRecovers() async throws {
        _ = try TestDatabase.requireURL()
        let cluster = try PrivateCluster()
        defer { cluster.destroy() }
        let stores = try await PostgresStores.connect(url: cluster.url, poolSize: 2, logger: .init(label: "recovery-test"))
        defer { stores.shutdown() }
        let probe: any ReadinessProbe = stores
        #expect(probe.name == "postgresql")
        // Reachable but unmigrated: not ready, and /readyz can say why.
        let unmigrated = await #expect(throws: ReadinessFailure.self) { try await probe.check() }
        #expect(unmigrated?.reason == "schema_missing")
        try await stores.migrate()
        try await probe.check()

        try cluster.pgctl("stop")
        let down = await #expect(throws: AuthError.self) { try await probe.check() }
        #expect(down?.code == .unavailable)

        try cluster.pgctl("start")
        try await probe.check()
    }

    @Test func idleConnectionsBrokenByARestartAreReplacedBeforeUse() async throws {
        _ = try TestDatabase.requireURL()
        let cluster = try PrivateCluster()
        defer { cluster.destroy() }
        let stores = try await PostgresStores.connect(url: cluster.url, poolSize: 4, logger: .init(label: "recovery-test"))
        defer { stores.shutdown() }
        try await Self.warm(stores)
        try cluster.pgctl("restart")
        // Every pooled connection died with the old server; checkout notices and reconnects.
        try await Self.warm(stores)
    }

    /// Uses all four connections at once, so each one is opened or checked.
    static func warm(_ stores: PostgresStores) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await stores.pool.withConnection { connection in
                        _ = try await connection.query("SELECT pg_sleep(0.05)")
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
