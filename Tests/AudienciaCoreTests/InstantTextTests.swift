import Testing
@testable import AudienciaCore

/// Instants and dates are written digit by digit into one buffer; the text must be exactly
/// what the padded interpolation wrote, for every part at every boundary.
@Suite("Time: instants and dates written as text")
struct InstantTextTests {
    private func reference(_ instant: Instant) -> String {
        let ms = instant.millisecondsSinceEpoch
        let days = floorDiv(ms, 86_400_000)
        let msOfDay = ms - days * 86_400_000
        let date = CivilDate(daysSinceEpoch: days)
        return "\(pad(Int64(date.year), 4))-\(pad(Int64(date.month), 2))-\(pad(Int64(date.day), 2))"
            + "T\(pad(msOfDay / 3_600_000, 2)):\(pad(msOfDay / 60_000 % 60, 2)):\(pad(msOfDay / 1000 % 60, 2))"
            + ".\(pad(msOfDay % 1000, 3))Z"
    }

    @Test func everyInstantReadsAsThePaddedTextAndBack() {
        var samples: [Int64] = [0, -1, 1, 999, 1000, 86_399_999, 86_400_000, -86_400_000,
                                1_795_971_600_000, 1_795_971_600_001, 253_402_300_799_999, 253_402_300_800_000,
                                -62_167_219_200_000, -62_167_219_200_001]
        // A walk over 200 years in uneven steps, so every digit position changes.
        var ms: Int64 = -3_000_000_000_000
        for _ in 0..<5000 {
            samples.append(ms)
            ms += 1_267_000_123_457
            ms %= 6_000_000_000_000
        }
        for sample in samples {
            let instant = Instant(millisecondsSinceEpoch: sample)
            #expect(instant.description == reference(instant), "\(sample)")
            if (0...9999).contains(CivilDate(daysSinceEpoch: floorDiv(sample, 86_400_000)).year) {
                #expect(Instant(rfc3339: instant.description) == instant, "\(sample)")
            }
        }
        #expect(Instant(millisecondsSinceEpoch: 1_795_971_600_123).description == "2026-11-29T17:00:00.123Z")
    }

    @Test func datesOutsideFourDigitsKeepTheirOldText() {
        #expect(CivilDate(year: 2026, month: 12, day: 1).description == "2026-12-01")
        #expect(CivilDate(year: 7, month: 1, day: 9).description == "0007-01-09")
        #expect(CivilDate(year: 12345, month: 1, day: 9).description == "12345-01-09")
        #expect(CivilDate(year: 2026, month: 123, day: 9).description == "2026-123-09")
    }
}
