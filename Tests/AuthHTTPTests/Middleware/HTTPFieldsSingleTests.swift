@testable import AuthHTTP
import HTTPTypes
import Testing

/// The header helpers of the hot path: a field that must be one value, a one-pass presence check,
/// and a replacing set of a prebuilt field.
@Suite struct HTTPFieldsSingleTests {
    @Test func theOneFieldIsRead() {
        let headers: HTTPFields = [.accept: "application/json", .authorization: "Bearer abc"]
        #expect(headers.single(.authorization) == "Bearer abc")
        let none: HTTPFields = [.accept: "application/json"]
        #expect(none.single(.authorization) == nil)
    }

    @Test func aRepeatedFieldIsNoValue() {
        let headers: HTTPFields = [.authorization: "Bearer abc", .authorization: "Bearer def"]
        #expect(headers.single(.authorization) == nil)
    }

    @Test func eitherNameIsFoundInOnePass() {
        let chunked: HTTPFields = [.transferEncoding: "chunked"], sized: HTTPFields = [.contentLength: "3"]
        let bodiless: HTTPFields = [.accept: "*/*"]
        #expect(chunked.contains(.contentLength, or: .transferEncoding))
        #expect(sized.contains(.contentLength, or: .transferEncoding))
        #expect(!bodiless.contains(.contentLength, or: .transferEncoding))
    }

    @Test func setReplacesEveryFieldOfItsNameOrAppends() {
        var headers: HTTPFields = [.cacheControl: "max-age=60", .accept: "*/*", .cacheControl: "public"]
        headers.set(HTTPField(name: .cacheControl, value: "no-store"))
        #expect(headers[fields: .cacheControl].map(\.value) == ["no-store"])
        #expect(headers[.accept] == "*/*")
        var empty = HTTPFields()
        empty.set(HTTPField(name: .cacheControl, value: "no-store"))
        #expect(empty[.cacheControl] == "no-store")
    }
}
