/// The compact text jansson wrote for an object, kept to be sent again: the part of a message
/// that is the same for everyone (the catalog in every citizen's `welcome`) is dumped once,
/// not once a connection.
public struct EncodedObject: Sendable, Equatable {
    /// `{…}`, exactly as `JSON.object(…).serialized()` wrote it.
    public let bytes: [UInt8]

    public init(_ object: JSONObject) {
        bytes = JSON.object(object).serialized()
    }

    /// The text of one object holding `head`'s members, then these: both parts are jansson's
    /// dumps, joined where one closes and the other opens, so the result is byte for byte what
    /// jansson writes for the merged object. `head` must not use any of these keys.
    public func appended(to head: JSONObject) -> [UInt8] {
        let first = JSON.object(head).serialized()
        // "{}" on either side: nothing to join.
        guard bytes.count > 2 else { return first }
        guard first.count > 2 else { return bytes }
        var joined = [UInt8]()
        joined.reserveCapacity(first.count + bytes.count)
        // Copied as buffers (one memcpy each): `+= first.dropLast()` picked Sequence's
        // dropLast, which built a new array byte by byte (about 18,000 instructions for a
        // welcome's catalog, at every welcome and guidance).
        first.withUnsafeBufferPointer { joined.append(contentsOf: UnsafeBufferPointer(rebasing: $0.dropLast())) }
        joined.append(UInt8(ascii: ","))    // in place of "}" and "{"
        bytes.withUnsafeBufferPointer { joined.append(contentsOf: UnsafeBufferPointer(rebasing: $0.dropFirst())) }
        return joined
    }
}
