import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("request bodies: 413 and 400, never 500")
struct RequestValidationTests {
    @Test func aBodyOneByteOver64KiBIs413() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let padding = String(repeating: "a", count: 64 * 1024 + 1 - #"{"email":"","password":"x"}"#.utf8.count)
            let body = #"{"email":"\#(padding)","password":"x"}"#
            #expect(body.utf8.count == 64 * 1024 + 1)
            try await client.sendRaw(.post, "/api/v1/auth/sign-in/credentials", body: body, contentType: "application/json")
                .expectProblem(.contentTooLarge, "payload_too_large")
            // Exactly 64 KiB is accepted by the limit (and then refused on its merits).
            let atLimit = String(body.dropFirst())
            let r = try await client.sendRaw(.post, "/api/v1/auth/sign-in/credentials", body: atLimit, contentType: "application/json")
            #expect(r.status == .badRequest)
        }
    }

    @Test func malformedJSONWrongTypesMissingFieldsAndWrongContentTypeAre400() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let cases: [(String, String?, String)] = [
                (#"{"email": "ada@example.com", "password": "#, "application/json", "the body is not valid JSON"),
                ("not json at all", "application/json", "the body is not valid JSON"),
                (#"{"email": 42, "password": "correct horse battery"}"#, "application/json", "field email must be of type string"),
                (#"{"email": "ada@example.com", "password": ["x"]}"#, "application/json", "field password must be of type string"),
                (#"{"email": "ada@example.com"}"#, "application/json", "missing field password"),
                (#"{"email": null, "password": "correct horse battery"}"#, "application/json", "field email must not be null"),
                (#"["ada@example.com"]"#, "application/json", "the body must be a JSON object"),
                ("", "application/json", "a JSON body is required"),
                (#"{"email": "ada@example.com", "password": "correct horse battery"}"#, "text/plain", "Content-Type must be application/json"),
                (#"email=ada%40example.com&password=x"#, "application/x-www-form-urlencoded", "Content-Type must be application/json"),
            ]
            for (body, contentType, detail) in cases {
                let problem = try await client.sendRaw(.post, "/api/v1/auth/sign-up", body: body, contentType: contentType)
                    .expectProblem(.badRequest, "invalid_request")
                #expect(problem["detail"] as? String == detail, "\(body) as \(contentType ?? "-")")
            }
            let codeAsNumber = try await client.sendRaw(
                .post, "/api/v1/auth/verify-email", body: #"{"token_id": "x", "code": 123456}"#, contentType: "application/json")
            #expect(try codeAsNumber.expectProblem(.badRequest, "invalid_request")["detail"] as? String == "field code must be of type string")
        }
    }

    @Test func jsonWithACharsetParameterIsAccepted() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let r = try await client.sendRaw(
                .post, "/api/v1/auth/sign-up", body: #"{"email":"ada@example.com","password":"correct horse battery"}"#,
                contentType: "application/json; charset=utf-8")
            #expect(r.status == .created)
        }
    }

    @Test func unknownRoutesAreProblemsToo() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            try await client.send(.get, "/api/v1/auth/nope").expectProblem(.notFound, "not_found")
        }
    }
}
