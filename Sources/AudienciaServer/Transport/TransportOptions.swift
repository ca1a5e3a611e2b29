/// How the transport listens and what it allows each connection.
extension WebSocketTransport {
    struct Options {
        var host: String
        var port: Int
        var mounts: [(mountpoint: String, directory: String)]
        /// Path prefixes answered by the delegate's `httpRequest` instead of a directory.
        var dynamicMountpoints: [String] = []
        var maxMessageBytes: Int
        /// Bytes queued for one connection before it is closed as too slow (4001).
        var maxOutboxBytes: Int
        var originPolicy = OriginPolicy(allowed: [])
        /// PEM files: with them the one port serves HTTPS and WSS only.
        var tls: (certificate: String, privateKey: String)?
        /// The kernel's send buffer per WebSocket. Left to autotune, loopback and LAN peers
        /// get up to 4 MiB each, which hides a client that has stopped reading for minutes.
        var socketSendBufferBytes: Int32 = 64 * 1024
        /// lws's receive buffer per connection (the kernel's is four times this). Viewers send
        /// one `hello`; a 16 KiB message from a citizen arrives in pieces and is joined.
        var receiveBufferBytes = 1024
        var tickMicroseconds: Int64 = 1_000_000
        /// Quiet seconds before a client is pinged, and before one that has not answered is
        /// dropped: half-open sockets (a phone that lost coverage) are collected. Checked on
        /// the clock tick, so each may run up to one tick late (see WebSocketTransport+Idle).
        var idlePingSeconds: Int64 = 30
        var idleHangupSeconds: Int64 = 70
        /// How long caught-up viewers wait after a feed event before they are woken, so that
        /// one write carries every event of that interval; 0 wakes them at each event.
        var feedCoalesceMicroseconds: Int64 = 0
        /// Woken viewers written to between two passes of the loop (see +FeedWave).
        var feedWaveSlice = 1_000

        /// Static mounts (a directory each), then the dynamic ones (no directory).
        var allMounts: [(point: String, directory: String?)] {
            mounts.map { ($0.mountpoint, Optional($0.directory)) } + dynamicMountpoints.map { ($0, nil) }
        }
    }
}
