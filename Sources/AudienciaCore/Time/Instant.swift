/// A point in time as milliseconds since the Unix epoch.
///
/// The core never reads a clock: every instant arrives from the adapter with the event, so a
/// test can replay a whole Tuesday in microseconds.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    public func adding(seconds: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + seconds * 1000)
    }

    public func adding(minutes: Int) -> Instant { adding(seconds: Int64(minutes) * 60) }

    /// Whole seconds from `earlier` to `self`; negative when `earlier` is later.
    public func seconds(since earlier: Instant) -> Int64 {
        (millisecondsSinceEpoch - earlier.millisecondsSinceEpoch) / 1000
    }

    /// RFC 3339 in UTC with milliseconds, e.g. `2026-12-01T16:00:00.000Z`.
    public var description: String {
        let ms = millisecondsSinceEpoch
        let days = floorDiv(ms, 86_400_000)
        let msOfDay = ms - days * 86_400_000
        let date = CivilDate(daysSinceEpoch: days)
        let h = msOfDay / 3_600_000, m = msOfDay / 60_000 % 60, s = msOfDay / 1000 % 60
        return "\(date)T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(msOfDay % 1000, 3))Z"
    }
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
