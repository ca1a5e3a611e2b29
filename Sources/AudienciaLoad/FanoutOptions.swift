import Foundation

/// What `audiencia bench fanout` drives. Everything is bounded: counts by validation, every
/// wait by `timeoutSeconds`.
public struct FanoutOptions: Sendable {
    public var viewers = 1000
    /// Viewers that say `hello` and then never read.
    public var stalledViewers = 0
    public var citizens = 100
    public var announcements = 1000
    /// Announcements per second; 0 sends them as fast as the server acknowledges them.
    public var rate = 0.0
    /// Announcements sent and not yet acknowledged, when sending as fast as possible.
    public var window = 64
    /// One viewer in `sampleEvery` reads the send time of every announcement it receives.
    public var sampleEvery = 10
    /// Viewers joining at once at most (handshake or `hello` unanswered); 0 connects them all
    /// in one burst.
    public var joiningAtOnce = 128
    public var timeoutSeconds = 120.0
    /// Seconds the viewers stay idle before the server's memory is read.
    public var idleSeconds = 2.0
    /// A running server to target instead of starting one (`port`, and a moderator token).
    public var port: Int?
    public var token: String?
    public var serverBinary = URL(fileURLWithPath: CommandLine.arguments[0])
    public var seeds = URL(fileURLWithPath: "seeds")
    public var web = URL(fileURLWithPath: "web")
    public var directory = FileManager.default.temporaryDirectory

    public init() {}
}
