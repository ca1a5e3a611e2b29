/// What the transport wrote, for `/metrics`: WebSocket frames handed to lws (headers
/// included), the writes that carried them, connections closed as too slow (4001) and dropped as gone.
struct TransportCounters {
    var framesOut = 0
    var bytesOut = 0
    var writes = 0
    /// Of those, the writes made without waiting for lws's writable callback (+WritesAtOnce).
    var writesAtOnce = 0
    /// Slices of the feed's waves written, each between two passes of the loop (+FeedWave).
    var feedWaveSlices = 0
    var slowConsumerCloses = 0
    /// Connections dropped for silence: pinged, and nothing heard back (WebSocketTransport+Idle).
    var idleDrops = 0

    mutating func wrote(frames: Int, bytes: Int) {
        framesOut += frames
        bytesOut += bytes
        writes += 1
    }
}
