import Hummingbird
import Logging
import Metrics
import Prometheus

/// The second listener of `METRICS_PORT`: `GET /metrics` in the Prometheus text format, apart from
/// the API so that it can be bound where only the scraper reaches it.
enum MetricsListener {
    /// Makes swift-metrics report into a fresh Prometheus registry (once per process) and returns it.
    static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }

    /// The listener serving `registry` on `host:port`; run it as a service of the group.
    static func application(
        registry: PrometheusCollectorRegistry, host: String, port: Int, logger: Logger
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            let body = MetricsCatalogue.exposition(of: registry)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                logger.notice("metrics on http://\(host):\(channel.localAddress?.port ?? port)/metrics")
            },
            logger: logger)
    }
}
