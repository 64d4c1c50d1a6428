/// Why CBOR input was refused. Every malformed input ends in one of these, never in a crash or
/// an unbounded allocation.
package enum CBORError: Error, Hashable, Sendable {
    /// The input ends inside an item.
    case truncated
    /// Arrays and maps nest deeper than the decoder's limit.
    case tooDeep
    /// The input, or one item's declared length, is larger than the decoder's limit.
    case tooLarge
    /// An indefinite-length item (or a stray "break"): not used by WebAuthn, refused.
    case indefiniteLength
    /// A tag, a float or a reserved encoding: not used by attestation objects or COSE keys.
    case unsupported
    /// A text string that is not UTF-8.
    case invalidText
    /// A map with the same key twice.
    case duplicateKey
    /// Bytes left over after the item.
    case trailingBytes
}
