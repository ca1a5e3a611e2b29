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
    /// When the peer last sent anything, a message or a pong (the transport's idle clock).
    var lastHeard: Int64
    /// A ping is waiting for the next writable callback.
    var pingDue = false
    /// Pinged since it was last heard: the next step is the hang-up, not another ping.
    var pinged = false
    /// Dropped for silence; lws closes it at the next service.
    var dropped = false
    /// A viewer on the feed: the position in the feed log of the next event it gets.
    var feedCursor: Int?
    /// Closing: the feed log's end at the close; what came after is not sent.
    var feedStop: Int?
    /// Caught up and listed to be woken by the next feed event (WebSocketTransport+Feed).
    var awaitingFeed = false
    /// lws has closed it: `wsi` is gone, whoever still holds this object must not use it.
    var isClosed = false

    init(wsi: OpaquePointer, options: WebSocketTransport.Options, writesFrames: Bool = true, heardAt: Int64 = 0) {
        self.wsi = wsi
        lastHeard = heardAt
        self.writesFrames = writesFrames
        outbox = Outbox(limit: options.maxOutboxBytes)
        assembler = MessageAssembler(limit: options.maxMessageBytes)
    }

    func heard(at now: Int64) {
        lastHeard = now
        pinged = false
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
