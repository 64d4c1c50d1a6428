/// An ``AccountEraser`` that asks every registered store to forget the user, one after another,
/// then leaves the anonymised record: what the in-memory set uses, and what fits stores that
/// share no transaction.
///
/// The stores are given in erasure order; put the user store first, so that nothing can sign in
/// to the account while the rest goes. An erasure that stops half-way (a store is unreachable)
/// throws, and can run again: erasing what is already gone is not an error.
public struct StoreByStoreAccountEraser: AccountEraser {
    let stores: [any UserDataEraser]
    let audit: any AuditLog

    /// Creates the eraser.
    /// - Parameters:
    ///   - stores: every store that holds data about users, the user store first.
    ///   - audit: the audit log: it forgets the user after the stores, then keeps the record.
    public init(stores: [any UserDataEraser], audit: any AuditLog) {
        self.stores = stores
        self.audit = audit
    }

    public func erase(_ user: User, leaving record: AuditEvent) async throws {
        for store in stores { try await store.eraseData(of: user) }
        try await audit.eraseData(of: user)
        try await audit.record(record)
    }
}
