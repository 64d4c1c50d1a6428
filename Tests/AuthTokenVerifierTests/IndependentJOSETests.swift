import AuthCore
import Foundation
import Testing

/// authd's ES256 and EdDSA tokens checked by an independent JOSE implementation: PyJWT (PyPI),
/// which `make test` installs, reading only the published JWKS.
@Suite("tokens checked by PyJWT", .enabled(if: PyJWT.isEnabled, "needs PyJWT (make test installs it)"))
struct IndependentJOSETests {
    @Test(arguments: [TokenAlgorithm.es256, .edDSA])
    func pyJWTVerifiesTheTokenWithTheJWKSAndRefusesATamperedOne(algorithm: TokenAlgorithm) async throws {
        let authd = try await AuthTokenVerifierTests.Authd(algorithm: algorithm)
        let signedIn = try await authd.signedIn()
        let jwks = try JSONSerialization.data(withJSONObject: ["keys": try await #require(authd.auth.signingKeys).jwks()])
        let claims = try PyJWT.verify(token: signedIn.token, jwks: jwks, algorithm: algorithm.rawValue)
        #expect(claims["sub"] as? String == signedIn.user.id.description)
        #expect(claims["sid"] as? String == signedIn.session.id.description)
        #expect(claims["aal"] as? Int == 1)

        let parts = signedIn.token.split(separator: ".").map(String.init)
        let tampered = parts[0] + "." + parts[1] + "." + String(parts[2].reversed())
        #expect(throws: PyJWT.Refused.self) { try PyJWT.verify(token: tampered, jwks: jwks, algorithm: algorithm.rawValue) }
    }
}

/// Runs PyJWT through `python3`.
enum PyJWT {
    static let isEnabled = available() || ProcessInfo.processInfo.environment["AUTH_TEST_REQUIRE_SERVERS"] == "1"

    struct Refused: Error, CustomStringConvertible { var description: String }

    static func available() -> Bool {
        guard let pipe = popen("python3 -c 'import jwt, cryptography' 2>/dev/null", "r") else { return false }
        return pclose(pipe) == 0
    }

    static let script = """
        import json, sys, jwt
        token = open(sys.argv[1]).read(); jwks = json.load(open(sys.argv[2])); alg = sys.argv[3]
        kid = jwt.get_unverified_header(token)["kid"]
        key = jwt.PyJWKSet.from_dict(jwks)[kid]
        print(json.dumps(jwt.decode(token, key=key.key, algorithms=[alg])))
        """

    /// The verified claims, or ``Refused`` with PyJWT's complaint.
    static func verify(token: String, jwks: Data, algorithm: String) throws -> [String: Any] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pyjwt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = ["check.py": Data(script.utf8), "token": Data(token.utf8), "jwks.json": jwks]
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        let path = folder.path
        // Every argument is a path we made or the algorithm name: nothing to quote.
        guard let pipe = popen("python3 \(path)/check.py \(path)/token \(path)/jwks.json \(algorithm) 2>&1", "r") else {
            throw Refused(description: "cannot run python3")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            output += buffer[0..<count]
        }
        let status = pclose(pipe)
        let text = String(decoding: output, as: UTF8.self)
        guard status == 0, let object = try? JSONSerialization.jsonObject(with: Data(output)) as? [String: Any] else {
            throw Refused(description: text)
        }
        return object
    }
}
