import AuthCore
import Foundation
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Resolves host names with the system resolver (`getaddrinfo`), on NIO's blocking thread pool so
/// no event loop or task thread waits on DNS.
public struct SystemAddressResolver: AddressResolver {
    /// Creates the resolver.
    public init() {}

    public func addresses(of host: String) async throws -> [IPAddress] {
        let found = try await NIOThreadPool.singleton.runIfActive { Self.resolve(host) }
        guard !found.isEmpty else { throw AuthError.invalidRequest("\(host) does not resolve") }
        return found
    }

    /// Every IPv4 and IPv6 address of `host` (none when it does not resolve).
    static func resolve(_ host: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let sockaddr = entry.pointee.ai_addr {
                switch Int32(sockaddr.pointee.sa_family) {
                case AF_INET:
                    let bytes = sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                        withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
                    }
                    if let address = IPAddress(bytes: bytes) { addresses.append(address) }
                case AF_INET6:
                    let bytes = sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                    }
                    if let address = IPAddress(bytes: bytes) { addresses.append(address) }
                default: break
                }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }
}
