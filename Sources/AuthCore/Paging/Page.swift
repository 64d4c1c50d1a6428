/// One page of a keyset-paged listing: the items and, when more follow, the opaque cursor that
/// asks for the next page.
public struct Page<Item: Sendable>: Sendable {
    /// The items, in the listing's order.
    public var items: [Item]
    /// Pass it back to get the next page; `nil` on the last page.
    public var next: String?

    /// Creates a page.
    public init(items: [Item], next: String?) {
        self.items = items
        self.next = next
    }
}

extension Page: Equatable where Item: Equatable {}
