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
        joined += first.dropLast()      // without its "}"
        joined.append(UInt8(ascii: ","))
        joined += bytes.dropFirst()     // without its "{"
        return joined
    }
}
