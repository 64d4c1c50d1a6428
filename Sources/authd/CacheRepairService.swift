import AuthCore
import Logging
import ServiceLifecycle

/// Lands session-cache invalidations that waited for Redis (docs/operations.md); on graceful
/// shutdown it tries once more before it stops, after the server stopped taking requests.
struct CacheRepairService: Service {
    let job: CacheRepairJob
    func run() async throws {
        await cancelWhenGracefulShutdown { await job.run() }
        if !(await job.repairOnce()) {
            Logger(label: "auth").error("session cache invalidations still waiting at exit; their entries expire with the cache TTL")
        }
    }
}
