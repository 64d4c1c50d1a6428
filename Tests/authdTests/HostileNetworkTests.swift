import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Slow clients, connection floods and a graceful drain, against the built binary over real
/// sockets (docs/deployment.md). Timeouts are configured short; every wait polls with a generous bound.
@Suite("hostile network, black box", .serialized)
struct HostileNetworkTests {
    static func start(_ environment: [String: String], openFileLimit: Int? = nil) async throws -> (AuthdProcess, UInt16) {
        let authd = try AuthdProcess(environment: environment.merging(["PORT": "0", "HOST": "127.0.0.1"]) { a, _ in a }, openFileLimit: openFileLimit)
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        return (authd, port)
    }

    /// Polls `condition` every 100 ms for up to `limit`.
    static func eventually(within limit: Duration = .seconds(30), _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }

    @Test func halfSentRequestsAreClosedAfterTheReadTimeoutWhileANormalClientIsServed() async throws {
        let (authd, port) = try await Self.start(["HTTP_READ_TIMEOUT": "2"])
        let http = RawHTTPClient(port: port)
        #expect(try http.request("GET", "/healthz").status == 200)
        let baseline = authd.openDescriptors

        // 300 clients each send half a request head, then nothing.
        let attackers = try (0..<300).map { _ in
            let connection = try RawConnection(port: port)
            connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            return connection
        }
        var peak = authd.openDescriptors
        var statuses: [Int] = []
        for _ in 0..<5 {
            statuses.append(try http.request("GET", "/healthz").status)
            peak = max(peak, authd.openDescriptors)
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(peak >= baseline + 200, "the attack never held descriptors (baseline \(baseline), peak \(peak))")
        #expect(statuses == [200, 200, 200, 200, 200], "a normal client was not served during the attack")

        // Each half-sent request is answered 408 and its connection closed…
        var answered408 = 0
        for attacker in attackers {
            let (data, closed) = attacker.readUntilClosed(timeout: .seconds(30))
            #expect(closed)
            if String(decoding: data, as: UTF8.self).hasPrefix("HTTP/1.1 408") { answered408 += 1 }
        }
        #expect(answered408 == attackers.count)
        // …and authd's descriptors go back down.
        let recovered = try await Self.eventually { authd.openDescriptors <= baseline + 2 }
        #expect(recovered, "descriptors stayed at \(authd.openDescriptors) (baseline \(baseline))")
        #expect(try http.request("GET", "/healthz").status == 200)
        #expect(authd.terminate() == 0)
    }

    @Test func connectionsBeyondTheCapWaitWithoutCrashingAuthdOrStarvingServedOnes() async throws {
        // One address may take every place here, so that the flood meets the cap itself.
        let (authd, port) = try await Self.start(
            ["HTTP_MAX_CONNECTIONS": "20", "HTTP_MAX_CONNECTIONS_PER_ADDRESS": "20", "HTTP_READ_TIMEOUT": "1"])
        #expect(authd.stderr.contains("max_connections=20"))
        let served = try RawConnection(port: port)  // a kept-alive client, served before the flood
        served.send(RawConnection.get("/healthz"))
        #expect(try served.readResponse(timeout: .seconds(30)).status == 200)
        let baseline = authd.openDescriptors

        // 100 connections that send nothing: 19 more fit under the cap, the rest wait.
        let flood = try (0..<100).map { _ in try RawConnection(port: port) }
        try await Task.sleep(for: .milliseconds(300))
        for _ in 0..<5 {
            // At most the cap is held (a few over: one accept round takes up to 4)...
            #expect(authd.openDescriptors <= baseline + 19 + 3, "cap not enforced: \(authd.openDescriptors) open (baseline \(baseline))")
            // ...and the connection already served keeps being served.
            #expect(served.send(RawConnection.get("/healthz")))
            #expect(try served.readResponse(timeout: .seconds(30)).status == 200)
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(authd.process.isRunning)

        // The waiting connections are taken in turn as read timeouts free places: none is refused.
        for connection in flood {
            let (data, closed) = connection.readUntilClosed(timeout: .seconds(60))
            #expect(closed && data.isEmpty)  // sent nothing, so closed without an answer
        }
        let late = try RawConnection(port: port)
        late.send(RawConnection.get("/healthz"))
        #expect(try late.readResponse(timeout: .seconds(30)).status == 200)
        #expect(authd.terminate() == 0)
    }

    /// Connections that each announce a 2,000-byte body and then drip one byte of it every 2 s.
    static func drippers(_ count: Int, port: UInt16, from source: String? = nil) throws -> [RawConnection] {
        try (0..<count).map { _ in
            let connection = try RawConnection(port: port, from: source)
            connection.send(
                "POST /api/v1/auth/sign-in/credentials HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n{")
            return connection
        }
    }

    /// Drips a byte into each of `drippers` every 2 s until `probe` is answered (or `limit` passes).
    /// - Returns: how long the probe waited, or `nil` when it was not answered.
    static func drip(_ drippers: [RawConnection], until probe: RawConnection, within limit: Duration) -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            for dripper in drippers { dripper.send(" ") }
            if probe.waitReadable(timeout: .seconds(2)) { return ContinuousClock.now - start }
        }
        return nil
    }

    @Test func oneAddressDrippingBodiesCannotTakeEveryPlaceUnderTheCap() async throws {
        let (authd, port) = try await Self.start(["HTTP_MAX_CONNECTIONS": "20"])
        #expect(authd.stderr.contains("per_address=10"), "\(authd.stderr)")
        let attack = try Self.drippers(24, port: port, from: "127.0.0.2")
        try await Task.sleep(for: .milliseconds(500))  // the attack is accepted first
        let probe = try RawConnection(port: port)  // another client: 127.0.0.1
        probe.send(RawConnection.get("/healthz"))
        let waited = try #require(Self.drip(attack, until: probe, within: .seconds(30)), "/healthz was not answered within 30 s")
        #expect(try probe.readResponse(timeout: .seconds(5)).status == 200)
        // Served while the attack still held its places, not after the read timeout freed them.
        #expect(waited < .seconds(9), "the probe waited \(waited)")
        // Ten of the attack's connections were served and are cut at the body's deadline; the
        // other fourteen were closed as they opened.
        var answered408 = 0
        for connection in attack {
            let (data, closed) = connection.readUntilClosed(timeout: .seconds(30))
            #expect(closed)
            if String(decoding: data, as: UTF8.self).hasPrefix("HTTP/1.1 408") { answered408 += 1 }
        }
        #expect(answered408 == 10)
        #expect(authd.terminate() == 0)
    }

    @Test func aBodyDrippedAByteAtATimeIsCutAtTheReadTimeout() async throws {
        // Every place may go to one address here: only the body's deadline frees them.
        let (authd, port) = try await Self.start(["HTTP_MAX_CONNECTIONS": "20", "HTTP_MAX_CONNECTIONS_PER_ADDRESS": "20"])
        let attack = try Self.drippers(24, port: port)
        try await Task.sleep(for: .milliseconds(500))
        let probe = try RawConnection(port: port)  // waits in the backlog behind the attack
        probe.send(RawConnection.get("/healthz"))
        #expect(Self.drip(attack, until: probe, within: .seconds(30)) != nil, "/healthz was not answered within 30 s")
        #expect(try probe.readResponse(timeout: .seconds(5)).status == 200)
        let first = attack[0].readUntilClosed(timeout: .seconds(30))
        #expect(first.closed && String(decoding: first.data, as: UTF8.self).hasPrefix("HTTP/1.1 408"))
        #expect(authd.terminate() == 0)
    }

    @Test func sigtermWhileSignInsAreInFlightAnswersEveryOneThenExits0() async throws {
        // Deadlines far out: on a loaded machine the debug build's hashes can take many seconds, and
        // this test is about the drain, not about them.
        let (authd, port) = try await Self.start(["RATE_LIMIT": "1000/60s", "SHUTDOWN_GRACE": "600", "HTTP_REQUEST_TIMEOUT": "600"])
        // Four sign-ins (an unknown account still costs a full password hash) on two hashing threads.
        let clients = try (0..<4).map { i in
            let connection = try RawConnection(port: port)
            connection.send(RawConnection.signIn(email: "nobody\(i)@example.com", password: "correct horse battery"))
            return connection
        }
        // Once the first is answered, the others are being hashed or queued: in flight.
        #expect(try await Self.eventually(within: .seconds(600)) { clients.contains(where: \.isReadable) })
        let inFlight = clients.filter { !$0.isReadable }.count
        let signalled = ContinuousClock.now
        kill(authd.process.processIdentifier, SIGTERM)

        for client in clients {
            let response = try client.readResponse(timeout: .seconds(600))
            #expect(response.status == 401)
            #expect(try response.object()["error"] as? String == "invalid_credentials")
        }
        #expect(inFlight >= 1, "no sign-in was still in flight at SIGTERM; the test proved nothing")
        authd.process.waitUntilExit()
        #expect(ContinuousClock.now - signalled < .seconds(600))  // within SHUTDOWN_GRACE
        #expect(authd.process.terminationReason == .exit)
        #expect(authd.process.terminationStatus == 0)
        _ = try await authd.waitFor(/(authd stopped)/)
        #expect(authd.stderr.contains("draining"))
        #expect(!authd.stderr.contains("closed_connections"))  // nothing had to be cut
    }

    @Test func idleKeepAliveConnectionsAreClosedAtOnceOnSigterm() async throws {
        let (authd, port) = try await Self.start(["SHUTDOWN_GRACE": "60"])
        let idle = try RawConnection(port: port)
        idle.send(RawConnection.get("/healthz"))
        #expect(try idle.readResponse(timeout: .seconds(30)).status == 200)

        let signalled = ContinuousClock.now
        kill(authd.process.processIdentifier, SIGTERM)
        #expect(idle.readUntilClosed(timeout: .seconds(30)).closed)
        authd.process.waitUntilExit()
        // Far sooner than the 60 s grace: an idle connection is not waited for.
        #expect(ContinuousClock.now - signalled < .seconds(30))
        #expect(authd.process.terminationStatus == 0)
    }

    @Test func aRequestStalledPastTheGracePeriodIsCutAndAuthdStillExits0() async throws {
        let (authd, port) = try await Self.start(["SHUTDOWN_GRACE": "1", "HTTP_READ_TIMEOUT": "600"])
        let stalled = try RawConnection(port: port)
        // A head, then a third of the body it announces: in flight, and going nowhere.
        stalled.send("POST /api/v1/auth/sign-in/credentials HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n{\"email\":\"ada@")
        try await Task.sleep(for: .seconds(1))  // let authd read the head

        let signalled = ContinuousClock.now
        kill(authd.process.processIdentifier, SIGTERM)
        #expect(stalled.readUntilClosed(timeout: .seconds(60)).closed)
        authd.process.waitUntilExit()
        #expect(ContinuousClock.now - signalled < .seconds(30))  // the grace, not the 600 s read timeout
        #expect(authd.process.terminationStatus == 0)
        _ = try await authd.waitFor(/(authd stopped)/)
        #expect(authd.stderr.contains("closed_connections=1"))
    }

    @Test func theDefaultConnectionLimitIsSizedFromTheOpenFileLimit() async throws {
        let (authd, _) = try await Self.start([:], openFileLimit: 512)
        // 512 descriptors, 64 kept for the database, Redis, files and event loops.
        #expect(authd.stderr.contains("descriptor_limit=512 max_connections=448"), "\(authd.stderr)")
        #expect(authd.terminate() == 0)

        let (tooMany, _) = try await Self.start(["HTTP_MAX_CONNECTIONS": "1000"], openFileLimit: 512)
        #expect(tooMany.stderr.contains("HTTP_MAX_CONNECTIONS leaves too few descriptors"), "\(tooMany.stderr)")
        #expect(tooMany.terminate() == 0)
    }
}
