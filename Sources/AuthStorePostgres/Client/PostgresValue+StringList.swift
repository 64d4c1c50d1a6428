import AuthCore
import Foundation

// Lists of strings (redirect URIs, scopes) live in `jsonb` arrays: the client speaks no array
// wire format, and a JSON array keeps the order and any character a URI may hold.

extension PostgresValue {
    /// A `jsonb` array of `strings`, in order.
    static func stringList(_ strings: [String]) -> PostgresValue {
        // Encoding an array of strings cannot fail.
        .jsonb(String(decoding: (try? JSONEncoder().encode(strings)) ?? Data("[]".utf8), as: UTF8.self))
    }
}

extension PostgresRow {
    /// A `jsonb` array of strings, selected as text (`column::text AS name`).
    func stringList(_ name: String) throws -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(try string(name).utf8))
        } catch let error as AuthError {
            throw error
        } catch {
            throw PostgresError.decoding(column: name, "not a JSON array of strings")
        }
    }
}
