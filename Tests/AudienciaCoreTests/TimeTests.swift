import Testing
@testable import AudienciaCore

@Suite("Time: CivilDate, TimeOfDay, LocalClock, Instant")
struct TimeTests {
    @Test("ISO weekday of known dates, including before the epoch", arguments: [
        ("2026-12-01", 2), ("2026-12-15", 2), ("2026-12-25", 5), ("1970-01-01", 4),
        ("1969-12-31", 3), ("2000-02-29", 2), ("1900-01-01", 1), ("2027-01-03", 7),
    ])
    func weekday(_ text: String, _ expected: Int) throws {
        let date = try #require(CivilDate(text))
        #expect(date.isoWeekday == expected)
    }

    @Test func daysSinceEpochRoundTripsOnBothSidesOfTheEpoch() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDate(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
        #expect(CivilDate(year: 2026, month: 12, day: 1).daysSinceEpoch == 20_788)
        #expect(CivilDate(year: 1900, month: 1, day: 1).daysSinceEpoch == -25_567)
        for days: Int64 in [-800_000, -25_567, -366, -1, 0, 59, 20_788, 1_000_000] {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate(daysSinceEpoch: -1) == CivilDate(year: 1969, month: 12, day: 31))
    }

    @Test func parsesOnlyWellFormedPossibleDates() {
        #expect(CivilDate("2026-12-01") == CivilDate(year: 2026, month: 12, day: 1))
        #expect(CivilDate("2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate("2000-02-29") != nil)
        for bad in ["2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                    "2026-1-01", "26-12-01", "2026/12/01", "2026-12-01-2", "", "abcd-ef-gh"] {
            #expect(CivilDate(bad) == nil, "\(bad) should not parse")
        }
    }

    @Test func descriptionIsZeroPaddedISO() {
        #expect("\(CivilDate(year: 2026, month: 3, day: 4))" == "2026-03-04")
        #expect("\(CivilDate(year: 987, month: 11, day: 30))" == "0987-11-30")
    }

    @Test func addingDaysCrossesMonthsYearsAndLeapDays() {
        #expect(CivilDate(year: 2026, month: 12, day: 31).adding(days: 1) == CivilDate(year: 2027, month: 1, day: 1))
        #expect(CivilDate(year: 2024, month: 2, day: 28).adding(days: 1) == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate(year: 2026, month: 3, day: 1).adding(days: -1) == CivilDate(year: 2026, month: 2, day: 28))
        #expect(CivilDate(year: 1970, month: 1, day: 1).adding(days: -365) == CivilDate(year: 1969, month: 1, day: 1))
    }

    @Test func datesOrderByYearThenMonthThenDay() {
        let a = CivilDate(year: 2026, month: 12, day: 31)
        let b = CivilDate(year: 2027, month: 1, day: 1)
        #expect(a < b)
        #expect(CivilDate(year: 2026, month: 2, day: 28) < CivilDate(year: 2026, month: 10, day: 1))
        #expect(!(b < a))
    }

    @Test func timeOfDayParsesAndPrintsWithoutLeadingZeroHour() {
        #expect(TimeOfDay("09:30")?.minutes == 570)
        #expect(TimeOfDay("00:00")?.minutes == 0)
        #expect(TimeOfDay("23:59")?.minutes == 1439)
        for bad in ["9:30", "24:00", "10:60", "1000", "10:0", "ab:cd", "10:00:00"] {
            #expect(TimeOfDay(bad) == nil, "\(bad) should not parse")
        }
        #expect("\(TimeOfDay(minutes: 540))" == "9:00")
        #expect("\(TimeOfDay(minutes: 845))" == "14:05")
        #expect(TimeOfDay(minutes: 600) < TimeOfDay(minutes: 601))
    }

    @Test func instantPrintsRFC3339UTCWithMilliseconds() {
        #expect("\(Instant(millisecondsSinceEpoch: 1_796_140_800_000))" == "2026-12-01T16:00:00.000Z")
        #expect("\(Instant(millisecondsSinceEpoch: 0))" == "1970-01-01T00:00:00.000Z")
        #expect("\(Instant(millisecondsSinceEpoch: 1_796_180_400_123))" == "2026-12-02T03:00:00.123Z")
    }

    @Test func instantBeforeTheEpochPrintsTheRightDayAndTime() {
        #expect("\(Instant(millisecondsSinceEpoch: -1))" == "1969-12-31T23:59:59.999Z")
        #expect("\(Instant(millisecondsSinceEpoch: -1_500))" == "1969-12-31T23:59:58.500Z")
        #expect("\(Instant(millisecondsSinceEpoch: -86_400_000))" == "1969-12-31T00:00:00.000Z")
        #expect("\(Instant(millisecondsSinceEpoch: -2_208_988_800_000))" == "1900-01-01T00:00:00.000Z")
    }

    @Test func instantArithmetic() {
        let t = Instant(millisecondsSinceEpoch: 1_796_140_800_000)
        #expect(t.adding(minutes: 30).millisecondsSinceEpoch == 1_796_142_600_000)
        #expect(t.adding(seconds: -90).millisecondsSinceEpoch == 1_796_140_710_000)
        #expect(t.adding(minutes: 6).seconds(since: t) == 360)
        #expect(t.seconds(since: t.adding(minutes: 1)) == -60)
        #expect(t < t.adding(seconds: 1))
    }

    @Test func localClockUsesTheFixedOffset() {
        let clock = LocalClock(utcOffsetMinutes: -360)
        let tuesday = CivilDate(year: 2026, month: 12, day: 1)
        // 10:00 in Metepec is 16:00Z.
        #expect(clock.instant(on: tuesday, at: TimeOfDay(minutes: 600))
                == Instant(millisecondsSinceEpoch: 1_796_140_800_000))
        // 09:30 local is 15:30Z.
        #expect("\(clock.instant(on: tuesday, at: TimeOfDay(minutes: 570)))" == "2026-12-01T15:30:00.000Z")
        // 03:00Z on Wednesday is still Tuesday 21:00 in Metepec.
        let late = Instant(millisecondsSinceEpoch: 1_796_180_400_000)
        #expect(clock.date(of: late) == tuesday)
        #expect(clock.timeOfDay(of: late) == TimeOfDay(minutes: 21 * 60))
        // The epoch itself is the evening of 1969-12-31 in Metepec.
        #expect(clock.date(of: Instant(millisecondsSinceEpoch: 0)) == CivilDate(year: 1969, month: 12, day: 31))
        #expect(clock.timeOfDay(of: Instant(millisecondsSinceEpoch: 0)) == TimeOfDay(minutes: 18 * 60))
        #expect(clock.timeOfDay(of: Instant(millisecondsSinceEpoch: -1)) == TimeOfDay(minutes: 17 * 60 + 59))
    }

    @Test func localClockRoundTripsDateAndTime() {
        let clock = LocalClock(utcOffsetMinutes: -360)
        for date in [CivilDate(year: 2026, month: 12, day: 31), CivilDate(year: 1969, month: 12, day: 31)] {
            for minutes in [0, 359, 360, 600, 1439] {
                let instant = clock.instant(on: date, at: TimeOfDay(minutes: minutes))
                #expect(clock.date(of: instant) == date)
                #expect(clock.timeOfDay(of: instant).minutes == minutes)
            }
        }
    }

    @Test func folioShapeAndParts() {
        let folio = Folio(prefix: "AUD", year: 2026, number: 1)
        #expect(folio.rawValue == "AUD-2026-000001")
        #expect(Folio(prefix: "AUD", year: 2026, number: 123_456).rawValue == "AUD-2026-123456")
        #expect(folio.yearAndNumber?.year == 2026)
        #expect(folio.yearAndNumber?.number == 1)
        #expect(Folio("nonsense").yearAndNumber == nil)
        #expect(Folio(prefix: "AUD", year: 2026, number: 9) < Folio(prefix: "AUD", year: 2026, number: 10))
    }

    /// The in-place scan reads these shapes as splitting on "-" and `Int(_:)` would (a
    /// grapheme joined across a hyphen, which no folio the server issues has, may differ).
    @Test(arguments: [
        "AUD-2026-000001", "AUD-MET-2026-000002", "-2026-7", "2026-7", "AUD--7", "AUD-2026-",
        "AUD-+2026-+7", "AUD-2026-+", "AUD-20 26-1", "AUD-2026-99999999999999999999", "AUD-٢٠٢٦-1",
        "a-b-c", "---", "", "AUD-2026-0001é",
    ])
    func folioPartsMatchTheirTextualMeaning(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let expected = parts.count >= 3
            ? Int(parts[parts.count - 2]).flatMap { year in Int(parts[parts.count - 1]).map { (year, $0) } }
            : nil
        let scanned = Folio(text).yearAndNumber
        #expect(scanned?.year == expected?.0 && scanned?.number == expected?.1, "\(text)")
    }
}

extension TimeTests {
    @Test("Instant(rfc3339:) reads back what description writes", arguments: [
        "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "1900-03-01T00:00:00.001Z",
        "2000-02-29T23:59:59.999Z", "2024-12-31T23:59:59.999Z", "2026-12-01T16:00:00.000Z",
        "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
    ])
    func instantParsesItsOwnDescription(_ text: String) throws {
        let instant = try #require(Instant(rfc3339: text))
        #expect(instant.description == text)
    }

    @Test func instantRFC3339RoundTripsEveryMillisecondBoundaryNearTheEpoch() {
        for ms: Int64 in [-86_400_001, -86_400_000, -86_399_999, -60_001, -1_001, -1, 0, 1, 999, 1_000, 86_399_999] {
            let instant = Instant(millisecondsSinceEpoch: ms)
            #expect(Instant(rfc3339: instant.description) == instant, "\(ms)")
        }
        #expect(Instant(rfc3339: "2026-12-01T16:00:00.000Z")?.millisecondsSinceEpoch == 1_796_140_800_000)
    }

    @Test func instantRFC3339RefusesOtherForms() {
        for bad in ["2026-12-01T16:00:00Z", "2026-12-01T16:00:00.000", "2026-13-01T16:00:00.000Z",
                    "2026-02-29T16:00:00.000Z", "2026-12-01T24:00:00.000Z", "2026-12-01T16:00:00.000+06:00",
                    "2026-12-01T16:00:00.00xZ", "+026-12-01T16:00:00.000Z", "abcdefghijklmnopqrstuvwx", ""] {
            #expect(Instant(rfc3339: bad) == nil, "\(bad) should not parse")
        }
    }
}
