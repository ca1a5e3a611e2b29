import AudienciaCore

/// What the WebSocket transport reports, always on its one service thread.
protocol TransportDelegate: AnyObject {
    func connectionOpened(_ id: ConnectionID)
    /// One complete message (all fragments joined).
    func messageReceived(_ id: ConnectionID, _ bytes: [UInt8])
    /// The client sent something the transport refused before decoding.
    func messageRefused(_ id: ConnectionID, _ reason: TransportRefusal)
    func connectionClosed(_ id: ConnectionID)
    /// About once a second, so the schedule can move the session along.
    func clockTicked()
}

enum TransportRefusal: Equatable {
    case binary
    case tooLarge(limit: Int)
}

/// One serialised message with the headroom lws needs in front of it, shared by every
/// connection it is queued on: a feed event is framed once, whatever the number of viewers.
final class OutgoingFrame {
    let storage: UnsafeMutableRawBufferPointer
    let headroom: Int
    let count: Int

    init(_ payload: [UInt8], headroom: Int) {
        self.headroom = headroom
        count = payload.count
        storage = .allocate(byteCount: headroom + payload.count, alignment: 16)
        payload.withUnsafeBytes { bytes in
            storage.baseAddress!.advanced(by: headroom).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        }
    }

    var payload: UnsafeMutableRawPointer { storage.baseAddress!.advanced(by: headroom) }

    deinit { storage.deallocate() }
}
