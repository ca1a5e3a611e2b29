import Glibc

/// Finding a short pattern in journal bytes fast: every line of a replay is searched for its
/// personal block, so this runs over the whole journal. memchr finds a rare byte of the
/// pattern (its `anchor`), memcmp checks the rest; glibc's memmem is not visible to Swift.
struct BytePattern {
    let bytes: [UInt8]
    /// Index into `bytes` of a byte that is rare in the text searched.
    let anchor: Int

    /// Every start of the pattern in `haystack`, in order (at most `limit`).
    func occurrences(in haystack: ArraySlice<UInt8>, limit: Int = .max) -> [Int] {
        var found: [Int] = []
        haystack.withUnsafeBytes { text in
            bytes.withUnsafeBytes { pattern in
                guard let base = text.baseAddress, let wanted = pattern.baseAddress else { return }
                var offset = anchor
                while found.count < limit, offset < text.count,
                      let hit = memchr(base + offset, Int32(bytes[anchor]), text.count - offset) {
                    let position = base.distance(to: UnsafeRawPointer(hit)) - anchor
                    if position + pattern.count <= text.count, memcmp(base + position, wanted, pattern.count) == 0 {
                        found.append(haystack.startIndex + position)
                    }
                    offset = position + anchor + 1
                }
            }
        }
        return found
    }

    func firstIndex(in haystack: ArraySlice<UInt8>) -> Int? { occurrences(in: haystack, limit: 1).first }
}
