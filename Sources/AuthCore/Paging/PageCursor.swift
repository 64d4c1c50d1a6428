import Foundation

/// The opaque cursors of the admin listings, shared by every adapter so that a cursor means the
/// same thing whichever store answers: the last address of a users page, the insertion number of
/// the last event of an audit page. Base64url, so a cursor is URL-safe and callers do not build
/// their own.
public enum PageCursor {
    /// The cursor after the address `email`.
    public static func email(_ email: String) -> String { "e" + Base64URL.encode(Array(email.utf8)) }

    /// The address a users cursor continues after.
    /// - Throws: `AuthError(.invalidRequest)` for anything but a cursor made by ``email(_:)``.
    public static func emailAfter(_ cursor: String) throws -> String {
        guard cursor.hasPrefix("e"), cursor.utf8.count <= 700,
              let bytes = Base64URL.decode(String(cursor.dropFirst())), let text = String(bytes: bytes, encoding: .utf8)
        else { throw AuthError.invalidRequest("malformed cursor") }
        return text
    }

    /// The cursor after the event numbered `seq`.
    public static func sequence(_ seq: Int) -> String { "s\(seq)" }

    /// The event number an audit cursor continues before.
    /// - Throws: `AuthError(.invalidRequest)` for anything but a cursor made by ``sequence(_:)``.
    public static func sequenceBefore(_ cursor: String) throws -> Int {
        guard cursor.hasPrefix("s"), cursor.count <= 20, let seq = Int(cursor.dropFirst()), seq > 0 else {
            throw AuthError.invalidRequest("malformed cursor")
        }
        return seq
    }
}
