#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many client connections `authd serve` takes at once (`HTTP_MAX_CONNECTIONS`), and the
/// default sized from the open-file limit the process finds at start-up.
///
/// Each connection costs a descriptor. Past the limit the server stops accepting, so extra clients
/// wait in the kernel's listen backlog instead of the process running out of descriptors, where
/// every `accept`, database connection and file open would fail at once.
struct ConnectionLimit: Equatable {
    /// The largest value `HTTP_MAX_CONNECTIONS` accepts.
    static let ceiling = 1_000_000
    /// The largest default: beyond it memory, not descriptors, is what runs out first.
    static let defaultCeiling = 16_384

    /// The limit in force.
    var value: Int
    /// The soft `RLIMIT_NOFILE` at start-up (`nil`: unlimited or unknown).
    var descriptorLimit: Int?
    /// Whether `HTTP_MAX_CONNECTIONS` set it.
    var configured: Bool

    /// Descriptors kept for everything that is not a client connection: the listening socket,
    /// event loops, database and Redis pools, SMTP, the GeoIP file, logs.
    static func reserve(descriptorLimit: Int) -> Int { max(64, descriptorLimit / 8) }

    /// The limit for `configured` (from `HTTP_MAX_CONNECTIONS`), else the default for
    /// `descriptorLimit`: what the reserve leaves, but at least half of it and at most
    /// ``defaultCeiling``.
    init(configured: Int?, descriptorLimit: Int?) {
        self.descriptorLimit = descriptorLimit
        self.configured = configured != nil
        if let configured {
            value = configured
        } else if let limit = descriptorLimit {
            value = min(Self.defaultCeiling, max(limit / 2, limit - Self.reserve(descriptorLimit: limit)))
        } else {
            value = Self.defaultCeiling
        }
    }

    /// Whether the limit leaves less than the reserve of the descriptors (a configured limit can).
    var exceedsDescriptors: Bool {
        guard let limit = descriptorLimit else { return false }
        return value > limit - Self.reserve(descriptorLimit: limit)
    }

    /// The soft `RLIMIT_NOFILE` of this process, `nil` when unlimited or unreadable.
    static func currentDescriptorLimit() -> Int? {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        // RLIM_INFINITY is all ones (the Glibc macro does not import as a usable constant).
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }
}
