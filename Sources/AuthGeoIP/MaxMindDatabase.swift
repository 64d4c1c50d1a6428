import AuthCore
import CMaxMindDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An open MaxMind DB file: libmaxminddb's `MMDB_s`, memory-mapped once and closed in `deinit`.
///
/// `@unchecked Sendable` because it wraps a C handle: the `MMDB_s` and the field paths are
/// written only in `init` and read-only afterwards, and libmaxminddb documents lookups on an
/// opened handle as thread-safe, so nothing needs a lock.
final class MaxMindDatabase: @unchecked Sendable {
    /// The file's `database_type` metadata, such as `GeoLite2-City` or `DBIP-City-Lite`.
    let databaseType: String

    private let handle: UnsafeMutablePointer<MMDB_s>
    /// NULL-terminated `MMDB_aget_value` paths, in display order: city, first subdivision,
    /// country (English names).
    private let fieldPaths: [UnsafeMutablePointer<UnsafePointer<CChar>?>]

    private static let fields = [
        ["city", "names", "en"], ["subdivisions", "0", "names", "en"], ["country", "names", "en"],
    ]

    /// Opens and memory-maps `path`.
    /// - Throws: `AuthError(.invalidRequest, "GEOIP_DB: …")` when the file cannot be opened or
    ///   is not a MaxMind DB.
    init(path: String) throws {
        handle = .allocate(capacity: 1)
        handle.initialize(to: MMDB_s())
        let status = MMDB_open(path, UInt32(MMDB_MODE_MMAP), handle)
        let openErrno = errno
        guard status == MMDB_SUCCESS else {
            // MMDB_open frees what it allocated when it fails; only our allocation is left.
            handle.deallocate()
            throw Self.openError(status, errno: openErrno, path: path)
        }
        databaseType = handle.pointee.metadata.database_type.map { String(cString: $0) } ?? ""
        fieldPaths = Self.fields.map { components in
            let path = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: components.count + 1)
            for (index, component) in components.enumerated() { path[index] = UnsafePointer(strdup(component)) }
            path[components.count] = nil
            return path
        }
    }

    deinit {
        MMDB_close(handle)
        handle.deallocate()
        for path in fieldPaths {
            var index = 0
            while let component = path[index] { free(UnsafeMutablePointer(mutating: component)); index += 1 }
            path.deallocate()
        }
    }

    /// "City, Region, Country" for `address`, or as much of it as the file knows; empty when the
    /// address is not in the file. Reads only mapped memory: no I/O, no DNS.
    func location(of address: IPAddress) -> String {
        var error: Int32 = 0
        var result = address.withSockaddr { MMDB_lookup_sockaddr(handle, $0, &error) }
        guard error == MMDB_SUCCESS, result.found_entry else { return "" }
        var parts: [String] = []
        for path in fieldPaths {
            var data = MMDB_entry_data_s()
            guard MMDB_aget_value(&result.entry, &data, path) == MMDB_SUCCESS, data.has_data,
                  data.type == UInt32(MMDB_DATA_TYPE_UTF8_STRING), let bytes = data.utf8_string
            else { continue }
            let text = bytes.withMemoryRebound(to: UInt8.self, capacity: Int(data.data_size)) {
                String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.data_size)), as: UTF8.self)
            }
            // Skip empty names, and a region named like its city ("Stockholm, Stockholm").
            if !text.isEmpty, text != parts.last { parts.append(text) }
        }
        return parts.joined(separator: ", ")
    }

    private static func openError(_ status: Int32, errno code: Int32, path: String) -> AuthError {
        let detail = switch status {
        case MMDB_FILE_OPEN_ERROR:
            "cannot open \(path): \(String(cString: strerror(code)))"
        case MMDB_INVALID_METADATA_ERROR, MMDB_UNKNOWN_DATABASE_FORMAT_ERROR,
             MMDB_CORRUPT_SEARCH_TREE_ERROR, MMDB_INVALID_DATA_ERROR:
            "\(path) is not a MaxMind DB file (GeoLite2 City or DB-IP City Lite .mmdb expected)"
        case MMDB_IO_ERROR where kind(of: path) != nil:
            "\(path) is \(kind(of: path)!), not a MaxMind DB file"
        default:
            "cannot read \(path) as a MaxMind DB: \(String(cString: MMDB_strerror(status)))"
        }
        return AuthError(.invalidRequest, "GEOIP_DB: " + detail)
    }

    /// "a directory" or "empty" when `path` is one (libmaxminddb then reports only an I/O error).
    private static func kind(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFDIR { return "a directory" }
        return info.st_size == 0 ? "empty" : nil
    }
}
