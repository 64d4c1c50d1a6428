import NIOCore
import NIOPosix

extension RedisClient {
    /// Tuning of a ``RedisClient``; the defaults suit a cache on the request path.
    public struct Configuration: Sendable {
        /// How long a TCP connect may take (default 1 s): when Redis is down, callers learn it fast.
        public var connectTimeout: Duration = .seconds(1)
        /// How long any one command may wait for its reply (default 1 s); the connection is dropped
        /// on timeout and the next command reconnects.
        public var commandTimeout: Duration = .seconds(1)
        /// After a failed connect, commands fail at once for this long instead of each trying again
        /// (default 250 ms), so an outage costs callers no connect timeouts in a row.
        public var reconnectBackoff: Duration = .milliseconds(250)
        /// A PEM file of CA certificates to trust for `rediss://` instead of the system roots;
        /// overrides the URL's `tls_ca` parameter when set (default `nil`).
        public var tlsCAFile: String?
        /// The event loops connections run on (default: NIO's shared singleton group).
        public var eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

        /// Creates the default configuration.
        public init() {}
    }
}
