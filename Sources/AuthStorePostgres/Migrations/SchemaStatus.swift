/// The database schema against the migrations of this build (`authd migrate --status`, start-up
/// check, `/readyz`).
public struct SchemaStatus: Sendable, Hashable {
    /// The versions recorded in `schema_migrations`, ascending (empty for an unmigrated database).
    public var applied: [Int]
    /// This build's migrations that the database lacks.
    public var pending: [PostgresMigration]
    /// Versions in the database that this build does not know (the schema is newer: a rollback).
    public var unknown: [Int]
    /// The newest version this build ships.
    public var required: Int

    /// The newest applied version (0 before the first migration).
    public var current: Int { applied.last ?? 0 }

    /// Whether the schema is exactly what this build needs.
    public var isCurrent: Bool { pending.isEmpty && unknown.isEmpty }

    /// Why this build cannot serve the database, in one line an operator can act on; `nil` when it can.
    /// - Parameter allowNewer: serve a schema with versions this build does not know.
    public func refusal(allowNewer: Bool) -> String? {
        if !pending.isEmpty {
            let missing = applied.isEmpty ? "has no schema" : "is at schema version \(current)"
            return "the database \(missing); this authd needs version \(required): run `authd migrate`"
        }
        if !unknown.isEmpty, !allowNewer {
            return "the database is at schema version \(current), newer than this authd knows (\(required)): "
                + "a rollback may not understand it; run the newer authd, or pass --allow-newer-schema to serve anyway"
        }
        return nil
    }
}
