import AuthCore
import Logging
import Synchronization

/// A ``GeoLocator`` over a MaxMind-format City database (GeoLite2 City or DB-IP City Lite), the
/// file `GEOIP_DB` names.
///
/// The file is opened and memory-mapped once, in `init`; a lookup then reads mapped memory only
/// (no file I/O, no network), in about a microsecond, so it is cheap enough to run inline on any
/// thread, event loops included. Answers are also kept in a small bounded cache, so a repeated
/// address costs one dictionary access under a lock.
///
/// Answers are "City, Region, Country" in English, or as much of it as the file knows (empty
/// parts are skipped, and a region named like its city is shown once: "Stockholm, Sweden").
/// Private, loopback, link-local, unique-local, CGNAT, documentation, multicast and reserved
/// addresses and addresses the file does not know answer "".
///
/// - Important: input is an ``IPAddress`` (numeric only, parsed with `inet_pton`) handed to
///   libmaxminddb as a `sockaddr`, so a host name can never reach it and cause a DNS query
///   (`MMDB_lookup_string` would resolve one with `getaddrinfo`).
public final class MaxMindGeoLocator: GeoLocator {
    /// The default number of cached answers.
    public static let defaultCacheCapacity = 10_000

    /// The file's `database_type` metadata, such as `GeoLite2-City` or `DBIP-City-Lite`.
    public var databaseType: String { database.databaseType }

    private let database: MaxMindDatabase
    private let cache: Mutex<LocationCache>

    /// Opens and memory-maps the database at `path`.
    /// - Parameters:
    ///   - path: the `.mmdb` file, usually the value of `GEOIP_DB`.
    ///   - cacheCapacity: the most answers kept in memory; 0 disables the cache.
    ///   - logger: warned when the file is not a City database (a Country file answers countries
    ///     only; other kinds answer nothing).
    /// - Throws: `AuthError(.invalidRequest, "GEOIP_DB: …")` when the file is missing,
    ///   unreadable or not a MaxMind DB.
    public init(
        path: String,
        cacheCapacity: Int = MaxMindGeoLocator.defaultCacheCapacity,
        logger: Logger = Logger(label: "auth.geoip")
    ) throws {
        database = try MaxMindDatabase(path: path)
        cache = Mutex(LocationCache(capacity: cacheCapacity))
        if !database.databaseType.localizedCaseInsensitiveContains("city") {
            logger.warning("GEOIP_DB is not a City database; locations will be partial or empty", metadata: [
                "path": "\(path)", "database_type": "\(database.databaseType)",
            ])
        }
    }

    /// The location of `ip`; see the type's documentation for the format. Never suspends.
    public func locate(_ ip: IPAddress) async -> String {
        location(of: ip)
    }

    /// The synchronous form of ``locate(_:)``, for callers outside an async context.
    public func location(of address: IPAddress) -> String {
        guard address.isPublic else { return "" }
        if let cached = cache.withLock({ $0.value(for: address) }) { return cached }
        // The lookup runs outside the lock: the handle is safe for concurrent readers.
        let found = database.location(of: address)
        cache.withLock { $0.insert(found, for: address) }
        return found
    }

    /// The number of cached answers (for tests and metrics).
    var cachedCount: Int { cache.withLock { $0.count } }
}
