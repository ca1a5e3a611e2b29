/// When the live hearing and the permanent channel run, in the municipality's civil time.
public struct Schedule: Sendable, Equatable {
    public struct Hearing: Sendable, Equatable {
        /// ISO weekday, 1 = Monday … 7 = Sunday.
        public var weekday: Int
        public var start: TimeOfDay
        public var end: TimeOfDay
        public var checkInOpensMinutesBefore: Int
        /// The estimated turn length until real turns have been measured.
        public var defaultTurnMinutes: Int

        public init(weekday: Int, start: TimeOfDay, end: TimeOfDay,
                    checkInOpensMinutesBefore: Int, defaultTurnMinutes: Int) {
            self.weekday = weekday
            self.start = start
            self.end = end
            self.checkInOpensMinutesBefore = checkInOpensMinutesBefore
            self.defaultTurnMinutes = defaultTurnMinutes
        }
    }

    public struct Channel: Sendable, Equatable {
        public var weekdays: [Int]
        public var start: TimeOfDay
        public var end: TimeOfDay

        public init(weekdays: [Int], start: TimeOfDay, end: TimeOfDay) {
            self.weekdays = weekdays
            self.start = start
            self.end = end
        }
    }

    public var hearing: Hearing
    public var permanentChannel: Channel
    public var holidays: Set<CivilDate>

    public init(hearing: Hearing, permanentChannel: Channel, holidays: Set<CivilDate>) {
        self.hearing = hearing
        self.permanentChannel = permanentChannel
        self.holidays = holidays
    }

    public func isHearingDay(_ date: CivilDate) -> Bool {
        date.isoWeekday == hearing.weekday && !holidays.contains(date)
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool {
        permanentChannel.weekdays.contains(date.isoWeekday) && !holidays.contains(date)
    }

    /// The first hearing day strictly after `date`, or `date` itself when `includingToday`.
    public func nextHearingDay(from date: CivilDate, includingToday: Bool) -> CivilDate {
        var day = includingToday ? date : date.adding(days: 1)
        // Bounded: a year always has a hearing weekday that is not a holiday.
        for _ in 0..<372 where !isHearingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// `count` working days after `date`: the due date the permanent channel commits to.
    public func addingWorkingDays(_ count: Int, to date: CivilDate) -> CivilDate {
        var day = date
        var remaining = count
        var guardDays = 0
        while remaining > 0 && guardDays < 3660 {
            day = day.adding(days: 1)
            guardDays += 1
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// "lunes a viernes de 9:00 a 18:00", for guidance prompts.
    public var permanentChannelHours: String {
        let names = ["", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
        let days = permanentChannel.weekdays.sorted()
        let span: String
        if let first = days.first, let last = days.last, days.count > 1,
           last - first + 1 == days.count {
            span = "\(names[first]) a \(names[last])"
        } else {
            span = days.map { names[$0] }.joined(separator: ", ")
        }
        return "\(span) de \(permanentChannel.start) a \(permanentChannel.end)"
    }
}
