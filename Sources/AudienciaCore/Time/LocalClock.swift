/// Wall-clock time of day, minutes after local midnight.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    /// Parses `HH:MM` (24-hour clock).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        minutes = h * 60 + m
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    public var description: String { "\(minutes / 60):\(pad(Int64(minutes % 60), 2))" }
}

/// The municipality's civil time: a fixed offset from UTC.
///
/// Mexico abolished daylight saving time in 2022, so America/Mexico_City is UTC−6 all year
/// and a fixed offset from the seeds is exact.
public struct LocalClock: Hashable, Sendable {
    public var utcOffsetMinutes: Int

    public init(utcOffsetMinutes: Int) { self.utcOffsetMinutes = utcOffsetMinutes }

    private func localMilliseconds(_ instant: Instant) -> Int64 {
        instant.millisecondsSinceEpoch + Int64(utcOffsetMinutes) * 60_000
    }

    public func date(of instant: Instant) -> CivilDate {
        CivilDate(daysSinceEpoch: floorDiv(localMilliseconds(instant), 86_400_000))
    }

    public func timeOfDay(of instant: Instant) -> TimeOfDay {
        let ms = localMilliseconds(instant)
        return TimeOfDay(minutes: Int((ms - floorDiv(ms, 86_400_000) * 86_400_000) / 60_000))
    }

    public func instant(on date: CivilDate, at time: TimeOfDay) -> Instant {
        let localMinutes = date.daysSinceEpoch * 1440 + Int64(time.minutes)
        return Instant(millisecondsSinceEpoch: (localMinutes - Int64(utcOffsetMinutes)) * 60_000)
    }
}
