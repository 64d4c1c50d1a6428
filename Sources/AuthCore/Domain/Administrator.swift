/// An admin proven for one request: the only way to call an ``AdminConsole`` action, so no
/// action can run without the role check of ``AdminConsole/authorize(_:)``.
public struct Administrator: Hashable, Sendable {
    /// The admin's account.
    public let user: User
    /// The session the admin acts through (never ended by their own "revoke all").
    public let sessionID: SessionID

    init(user: User, sessionID: SessionID) {
        self.user = user
        self.sessionID = sessionID
    }
}
