/// One serialised message, framed once, shared by every connection it is queued on: a feed
/// event costs one encoding and one RFC 6455 header whatever the number of viewers.
///
/// Layout: `LWS_PRE` headroom, then the unmasked text-frame header (2, 4 or 10 bytes, RFC 6455
/// §5.2) right before the payload. The transport writes `framed` as is (several frames in one
/// write); where lws must frame it itself (`payload` with `LWS_WRITE_TEXT`) lws rewrites the
/// same header bytes into the headroom. Sharing is safe because nothing ever changes the
/// payload: server frames are unmasked (§5.1) and permessage-deflate is not enabled.
final class OutgoingFrame {
    private static let maxHeader = 10
    let storage: UnsafeMutableRawBufferPointer
    let headroom: Int
    /// Payload bytes.
    let count: Int
    private let headerCount: Int

    init(_ payload: [UInt8], headroom: Int) {
        self.headroom = headroom
        count = payload.count
        headerCount = count < 126 ? 2 : count < 65_536 ? 4 : 10
        storage = .allocate(byteCount: headroom + Self.maxHeader + payload.count, alignment: 16)
        let start = headroom + Self.maxHeader
        var header: [UInt8] = [0x81]  // FIN, text
        switch headerCount {
        case 2: header.append(UInt8(count))
        case 4: header += [126, UInt8(count >> 8), UInt8(count & 0xFF)]
        default: header.append(127); header += (0..<8).reversed().map { UInt8((UInt64(count) >> (8 * UInt64($0))) & 0xFF) }
        }
        for (offset, byte) in header.enumerated() { storage[start - headerCount + offset] = byte }
        payload.withUnsafeBytes { bytes in
            guard let source = bytes.baseAddress, let target = storage.baseAddress else { return }
            target.advanced(by: start).copyMemory(from: source, byteCount: bytes.count)
        }
    }

    /// The payload, with at least `headroom` bytes before it for lws to frame it.
    var payload: UnsafeMutableRawPointer { storage.baseAddress!.advanced(by: headroom + Self.maxHeader) }

    /// The whole frame, header and payload, ready for the socket; `headroom` bytes before it.
    var framed: UnsafeMutableRawPointer { payload - headerCount }
    var framedCount: Int { headerCount + count }

    /// The same bytes as plain pointers, for the write path: the log and the outboxes keep a
    /// view next to each frame, so copying frames out costs no reference counting. Valid while
    /// the frame is held.
    var view: FrameView { FrameView(framed: framed, headerCount: headerCount, count: count) }

    deinit { storage.deallocate() }
}

/// Where a held `OutgoingFrame`'s bytes are: no reference, so reading it retains nothing.
struct FrameView {
    /// The header, then the payload; `LWS_PRE` headroom before it.
    let framed: UnsafeMutableRawPointer
    let headerCount: Int
    /// Payload bytes.
    let count: Int

    var framedCount: Int { headerCount + count }
    var payload: UnsafeMutableRawPointer { framed + headerCount }
}
