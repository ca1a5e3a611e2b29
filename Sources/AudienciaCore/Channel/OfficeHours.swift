/// The permanent channel's office hours (the seeds' schedule: weekdays, hours, holidays),
/// which decide when a petition received at a given moment will be looked at.
public struct OfficeHours: Sendable, Equatable {
    public var schedule: Schedule
    public var clock: LocalClock

    public init(schedule: Schedule, clock: LocalClock) {
        self.schedule = schedule
        self.clock = clock
    }

    public func isOpen(at now: Instant) -> Bool {
        let time = clock.timeOfDay(of: now)
        let hours = schedule.permanentChannel
        return schedule.isWorkingDay(clock.date(of: now)) && time >= hours.start && time < hours.end
    }

    /// When the office will first look at something received at `now`: nil while it is open,
    /// else the opening of the next working day (today's, before opening time).
    public func nextOpening(after now: Instant) -> (date: CivilDate, time: TimeOfDay)? {
        guard !isOpen(at: now) else { return nil }
        let today = clock.date(of: now)
        let start = schedule.permanentChannel.start
        if schedule.isWorkingDay(today) && clock.timeOfDay(of: now) < start { return (today, start) }
        var day = today.adding(days: 1)
        // Bounded: a year always has a working day.
        for _ in 0..<372 where !schedule.isWorkingDay(day) { day = day.adding(days: 1) }
        return (day, start)
    }
}

/// Dates as a citizen reads them: "lunes 30 de noviembre".
public enum SpanishDate {
    static let weekdays = ["", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
    static let months = ["", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                         "septiembre", "octubre", "noviembre", "diciembre"]

    public static func long(_ date: CivilDate) -> String {
        "\(weekdays[date.isoWeekday]) \(date.day) de \(months[date.month])"
    }
}
