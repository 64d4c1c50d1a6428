import HTTPTypes

extension HTTPFields {
    /// The value of the one field named `name`, or `nil` when there is none or more than one.
    ///
    /// Read field by field: the `[name]` subscript joins repeated values through a generic lazy
    /// sequence, which showed in profiles of `GET /me` (docs/benchmarks.md). A header that must be one value
    /// (a credential, a request id) is refused when repeated rather than joined.
    func single(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            guard found == nil else { return nil }
            found = field.value
        }
        return found
    }

    /// Whether any field is named `name` or `other`, in one pass.
    func contains(_ name: HTTPField.Name, or other: HTTPField.Name) -> Bool {
        contains { $0.name == name || $0.name == other }
    }

    /// Sets `field`, replacing any field of its name. A field built once (a `static let`) is
    /// validated once; the `[name] = value` setter validates its value on every call.
    mutating func set(_ field: HTTPField) {
        if contains(where: { $0.name == field.name }) {
            self[fields: field.name] = [field]
        } else {
            append(field)
        }
    }
}
