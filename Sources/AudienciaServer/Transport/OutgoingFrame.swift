/// One serialised message with the headroom lws needs in front of it, shared by every
/// connection it is queued on: a feed event is framed once, whatever the number of viewers.
/// Sharing is safe because lws only writes the frame header into the headroom and never
/// touches the payload: server frames are unmasked (RFC 6455 §5.1) and permessage-deflate
/// is not enabled.
final class OutgoingFrame {
    let storage: UnsafeMutableRawBufferPointer
    let headroom: Int
    let count: Int

    init(_ payload: [UInt8], headroom: Int) {
        self.headroom = headroom
        count = payload.count
        storage = .allocate(byteCount: headroom + payload.count, alignment: 16)
        payload.withUnsafeBytes { bytes in
            guard let source = bytes.baseAddress, let target = storage.baseAddress else { return }
            target.advanced(by: headroom).copyMemory(from: source, byteCount: bytes.count)
        }
    }

    var payload: UnsafeMutableRawPointer { storage.baseAddress!.advanced(by: headroom) }

    deinit { storage.deallocate() }
}
