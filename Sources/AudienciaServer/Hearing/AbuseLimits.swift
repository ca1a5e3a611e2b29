/// Limits that keep one client (or one address) from flooding the room. Safe defaults for a
/// municipal hearing, where many phones may share one public address (a carrier's NAT, the
/// town hall's Wi-Fi): per-address limits are generous, per-connection ones tight.
public struct AbuseLimits: Sendable, Equatable {
    /// Messages a non-official connection may send per second, sustained, and in a burst.
    public var messagesPerSecond = 10.0
    public var messageBurst = 30.0
    /// Open connections from one address.
    public var connectionsPerAddress = 500
    /// Check-ins from one address in any hour.
    public var checkInsPerAddressPerHour = 120
    /// Citizens waiting at once.
    public var maxQueue = 1000
    /// Per-address limits skip loopback peers: behind a reverse proxy on the same machine
    /// every citizen would otherwise share the proxy's address (the proxy limits instead).
    public var exemptLoopback = true

    public init() {}

    func appliesPerAddress(to address: String) -> Bool {
        !(exemptLoopback && (address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")))
    }
}

/// A token bucket: `rate` tokens a second up to `burst`; each message takes one.
struct TokenBucket {
    private var tokens: Double
    private var last: Double

    init(burst: Double, now: Double) {
        tokens = burst
        last = now
    }

    mutating func take(rate: Double, burst: Double, now: Double) -> Bool {
        tokens = min(burst, tokens + max(0, now - last) * rate)
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

/// Check-ins per address over a sliding hour.
struct CheckInWindow {
    private var times: [String: [Int64]] = [:]

    /// Records a check-in from `address` at `now` (seconds) unless `limit` were exceeded.
    /// Addresses remembered; kept small by `forgetOld(now:)`.
    var count: Int { times.count }

    /// Drops check-ins older than an hour for every address, so addresses seen once do not
    /// stay in memory for the server's whole life.
    mutating func forgetOld(now: Int64) {
        times = times.compactMapValues { recent in
            let kept = recent.filter { $0 > now - 3600 }
            return kept.isEmpty ? nil : kept
        }
    }

    mutating func admit(_ address: String, now: Int64, limit: Int) -> Bool {
        var recent = (times[address] ?? []).filter { $0 > now - 3600 }
        defer { times[address] = recent.isEmpty ? nil : recent }
        guard recent.count < limit else { return false }
        recent.append(now)
        return true
    }
}
