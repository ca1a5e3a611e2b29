/// What the transport wrote, for `/metrics`: WebSocket frames handed to lws (headers
/// included), the writes that carried them, and connections closed as too slow (4001).
struct TransportCounters {
    var framesOut = 0
    var bytesOut = 0
    var writes = 0
    var slowConsumerCloses = 0

    mutating func wrote(frames: Int, bytes: Int) {
        framesOut += frames
        bytesOut += bytes
        writes += 1
    }
}
