/// A response body being written in pieces: lws writes HTTP bodies from the writable
/// callback, a bounded chunk at a time, so one large report never blocks the service loop.
struct HTTPBodyCursor {
    static let chunkBytes = 16 * 1024
    private let body: [UInt8]
    private var offset = 0

    init(_ body: [UInt8]) { self.body = body }

    /// The next piece and whether it is the last one (an empty body is one empty last piece).
    mutating func next() -> (bytes: ArraySlice<UInt8>, isLast: Bool) {
        let end = min(offset + Self.chunkBytes, body.count)
        let piece = body[offset..<end]
        offset = end
        return (piece, offset == body.count)
    }
}
