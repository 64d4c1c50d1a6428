/// The paged session lists: `?cursor=&limit=`, and the `Link` header of the next page.
extension OpenAPIDocument {
    /// A cursor exactly as the server hands them out, so a schema-valid one is never refused.
    static let sessionCursor: JSONValue = [
        "type": "string",
        "pattern": "^$|^[0-9a-f]{1,16}\\.[0-9a-f]{1,16}\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        "description": "opaque: the `cursor` of the previous page's `Link` header (or its `next_cursor`); absent or empty for the first page",
    ]

    /// `operation` with the `cursor` and `limit` query parameters, a 400 for a malformed one, and
    /// the `Link` header on its 200 (docs/api.md, "Paged lists").
    static func pagedBySessionCursor(_ operation: JSONValue) -> JSONValue {
        guard case .object(var members) = operation, case .object(var responses)? = members["responses"],
              case .object(var ok)? = responses["200"]
        else { return operation }
        ok["headers"] = [
            "Link": [
                "description": "`<…?cursor=…>; rel=\"next\"` while a next page exists; absent on the last page",
                "schema": ["type": "string"],
            ],
        ]
        responses["200"] = .object(ok)
        responses["400"] = ["$ref": "#/components/responses/Problem400"]
        members["responses"] = .object(responses)
        var parameters: [JSONValue] = if case .array(let existing)? = members["parameters"] { existing } else { [] }
        parameters += [
            ["name": "cursor", "in": "query", "required": false, "schema": sessionCursor],
            [
                "name": "limit", "in": "query", "required": false,
                "schema": ["type": "integer", "minimum": 1, "maximum": 500, "default": 100],
            ],
        ]
        members["parameters"] = .array(parameters)
        return .object(members)
    }
}
