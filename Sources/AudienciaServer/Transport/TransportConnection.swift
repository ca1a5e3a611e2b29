import AudienciaCore

/// Per-connection transport state; the hearing's view of a connection lives elsewhere.
///
/// A value kept in the transport's `ConnectionTable` and changed in place there: a writable
/// callback reaches it by slot number, with no hashing and no reference to count.
struct TransportConnection {
    /// The hearing's name for this connection; a slot holds many over its life.
    let id: ConnectionID
    /// The connection's `lws`, only ever used on the service thread, and only while the slot
    /// is occupied.
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
    /// Dropped (silent, or a write at once failed); lws closes it at the next service.
    var dropped = false
    /// A viewer on the feed: the position in the feed log of the next event it gets.
    var feedCursor: Int?
    /// Closing: the feed log's end at the close; what came after is not sent.
    var feedStop: Int?
    /// Where a viewer is in the feed's wake-up (WebSocketTransport+FeedWave).
    var feedWake = FeedWake.unlisted
    /// When (tick and pass of the loop) a writable callback was asked for and has not come
    /// yet. Once the socket takes data lws calls back, or drains a write it kept, within a pass
    /// or a few: one still waiting after two ticks and two passes means a peer that is not
    /// reading, not a server that has not got round to it yet.
    var writableAskedAt: (tick: Int, pass: Int)?
    /// lws has closed it and the slot is free: only `feedWake` (`.unlisted`) may still be read
    /// through a stale slot number.
    private(set) var isVacant = false

    init(id: ConnectionID, wsi: OpaquePointer, options: WebSocketTransport.Options,
         writesFrames: Bool = true, heardAt: Int64 = 0) {
        self.id = id
        self.wsi = wsi
        lastHeard = heardAt
        self.writesFrames = writesFrames
        outbox = Outbox(limit: options.maxOutboxBytes)
        assembler = MessageAssembler(limit: options.maxMessageBytes)
    }

    mutating func heard(at now: Int64) {
        lastHeard = now
        pinged = false
    }

    /// Lets go of everything the connection held; the slot waits on the free list.
    mutating func vacate() {
        isVacant = true
        feedWake = .unlisted
        feedCursor = nil
        outbox.clear()
        assembler = MessageAssembler(limit: 0)
        closeReason = []
    }
}

extension TransportConnection {
    /// The slot kept in lws's per-session data, plus one: plain bytes, never a Swift object
    /// (GUIDE §4); zero means the connection was never established.
    static func slot(sessionData: UnsafeMutableRawPointer?) -> Int? {
        guard let sessionData else { return nil }
        let value = sessionData.load(as: UInt64.self)
        return value == 0 ? nil : Int(value - 1)
    }

    static func store(slot: Int, in sessionData: UnsafeMutableRawPointer?) {
        sessionData?.storeBytes(of: UInt64(slot + 1), as: UInt64.self)
    }
}

/// A viewer's part in the feed's wake-up. A slot number may stay in a list after its
/// connection has left (and the slot been taken again): only the state says whether it counts.
enum FeedWake {
    /// On no list: it is behind (a writable callback is coming), being written to, due a
    /// write at once (`dueAtOnce`), or not on the feed.
    case unlisted
    /// Caught up, and listed to be woken by the next feed event (`feedWaiting`).
    case listed
    /// Woken, and in the wave to be written to between passes (`feedWave`).
    case inWave
}
