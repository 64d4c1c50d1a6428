/// `{success: true, state, token}`: the seed's answer to a completed OAuth sign-in.
struct OAuthSignedInResponse: Codable, Sendable {
    var success = true
    /// The caller's own `state`, as it passed it to the start route.
    var state: String
    var token: String
}
