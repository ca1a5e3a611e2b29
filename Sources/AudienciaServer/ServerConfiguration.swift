import AudienciaCore
import Foundation

/// How to run a server; the defaults are the README's.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port; `RunningServer.port` tells which.
    public var port = 7681
    public var seeds = URL(fileURLWithPath: "seeds")
    public var data = URL(fileURLWithPath: "data")
    public var web = URL(fileURLWithPath: "web")
    public var maxMessageBytes = 16 * 1024
    /// Bytes that may wait for one connection before it is closed as too slow.
    public var maxOutboxBytes = 1024 * 1024
    /// Flood limits per connection and per address.
    public var limits = AbuseLimits()
    /// Web origins besides the server's own that may open WebSockets from a browser.
    public var allowedOrigins: Set<String> = []
    /// PEM certificate and private key: HTTPS and WSS instead of HTTP and WS.
    public var tlsCertificate: URL?
    public var tlsPrivateKey: URL?
    /// Feed events kept for viewers that reconnect (about 1 KB each).
    public var feedHistoryEvents = 1024
    /// Journal lines between two checkpoints of the room (docs/archive.md, "Checkpoint").
    public var checkpointEvery = 2000
    /// Milliseconds a caught-up viewer waits after a feed event so that one write carries
    /// every event of that interval (docs/performance.md, "Fan-out"); 0 wakes them at each
    /// event. Either way the viewers are then written to a slice at a time.
    public var feedCoalesceMilliseconds = 10
    /// Woken viewers written to between two passes of the loop: what arrives meanwhile waits
    /// for one slice. Not a flag of `serve`; tests make it small to cut a few viewers in slices.
    public var feedWaveSlice = 1_000
    /// Seconds a new connection has to say `hello`.
    public var helloTimeoutSeconds: Int64 = 30
    /// Seconds of silence before a connection is pinged, and before one that has not answered
    /// is dropped without a close frame (a phone that lost coverage). Checked once a second.
    public var idlePingSeconds: Int64 = 30
    public var idleHangupSeconds: Int64 = 70
    /// The hearing's clock; tests move it to a day without a scheduled session.
    public var clock: @Sendable () -> Instant = SystemClock.now

    public init() {}
}

extension ServerConfiguration {
    /// The TLS files as libwebsockets takes them, checked first: both or neither, readable,
    /// a PEM certificate and the PEM key that belongs to it.
    func tlsFiles() throws(ServerError) -> (certificate: String, privateKey: String)? {
        switch (tlsCertificate, tlsPrivateKey) {
        case (nil, nil):
            return nil
        case (let certificate?, let key?):
            try Crypto.checkCertificatePair(certificate: certificate.path, privateKey: key.path)
            return (certificate.path, key.path)
        case (nil, _?), (_?, nil):
            throw .configuration("--tls-cert y --tls-key van juntos: indica los dos o ninguno")
        }
    }
}
