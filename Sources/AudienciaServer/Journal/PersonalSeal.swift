/// The personal-data block of a journal line (`"citizen":{…}`, see docs/archive.md), found in
/// the line's bytes. A line's chain hash is taken over the line with its block replaced by
/// the block's seal, `{"sealed":"<SHA-256 of the block's bytes>"}`, so that a cancellation can
/// later put the seal in the block's place and leave every hash as it was.
///
/// Working on the bytes as written, rather than on parsed JSON, costs one extra hash of a few
/// hundred bytes per check-in line, and nothing needs to be serialised twice.
enum PersonalSeal {
    /// Anchored on the `z`, which JSON keys and most text rarely have.
    private static let key = BytePattern(bytes: Array(#""citizen":{"#.utf8), anchor: 5)
    private static let sealedPrefix = Array(#"{"sealed":""#.utf8)

    /// `body` (a line's compact JSON without `hash`) with its personal block sealed; nil when
    /// it has none, or it is sealed already.
    static func sealed(_ body: ArraySlice<UInt8>) -> [UInt8]? {
        guard let block = blockRange(in: body), !body[block].starts(with: sealedPrefix) else { return nil }
        let seal = sealedPrefix + Array(Hex.encode(Crypto.sha256(Array(body[block]))).utf8) + [UInt8(ascii: "\""), UInt8(ascii: "}")]
        return Array(body[..<block.lowerBound]) + seal + Array(body[block.upperBound...])
    }

    /// Where the block's object `{…}` lies. Its members are strings and nulls, so it ends at
    /// the first `}` outside a string. The key cannot match inside a string value: there its
    /// quotes would be escaped.
    static func blockRange(in body: ArraySlice<UInt8>) -> Range<Int>? {
        guard let found = key.firstIndex(in: body) else { return nil }
        let open = found + key.bytes.count - 1
        var inString = false
        var escaped = false
        for index in (open + 1)..<body.endIndex {
            let byte = body[index]
            if escaped {
                escaped = false
            } else if inString {
                if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "}") {
                return open..<(index + 1)
            }
        }
        return nil
    }
}
