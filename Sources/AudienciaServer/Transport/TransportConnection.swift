import AudienciaCore

/// Per-connection transport state; the hearing's view of a connection lives elsewhere.
final class TransportConnection {
    /// The connection's `lws`, only ever used on the service thread.
    let wsi: OpaquePointer
    var outbox: Outbox
    var assembler: MessageAssembler
    var closeCode: UInt16?
    var closeReason: [UInt8] = []
    /// Whether whole frames may be written straight to the socket, several at a time.
    let writesFrames: Bool

    init(wsi: OpaquePointer, options: WebSocketTransport.Options, writesFrames: Bool = true) {
        self.wsi = wsi
        self.writesFrames = writesFrames
        outbox = Outbox(limit: options.maxOutboxBytes)
        assembler = MessageAssembler(limit: options.maxMessageBytes)
    }
}

extension ConnectionID {
    /// The id kept in lws's per-session data: plain bytes, never a Swift object (GUIDE §4);
    /// zero means the connection was never established.
    init?(sessionData: UnsafeMutableRawPointer?) {
        guard let sessionData else { return nil }
        let value = sessionData.load(as: UInt64.self)
        guard value != 0 else { return nil }
        self.init(value)
    }
}
