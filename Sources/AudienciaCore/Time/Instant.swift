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
        // Every journal line, reply and archive entry carries instants: written digit by digit
        // into one buffer when the year has four digits, as it always has in practice.
        guard date.hasFourDigitYear else {
            return "\(date)T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(msOfDay % 1000, 3))Z"
        }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var at = date.writeDigits(into: buffer)
            buffer[at] = UInt8(ascii: "T")
            at = writePadded(h, width: 2, into: buffer, at: at + 1)
            buffer[at] = UInt8(ascii: ":")
            at = writePadded(m, width: 2, into: buffer, at: at + 1)
            buffer[at] = UInt8(ascii: ":")
            at = writePadded(s, width: 2, into: buffer, at: at + 1)
            buffer[at] = UInt8(ascii: ".")
            at = writePadded(msOfDay % 1000, width: 3, into: buffer, at: at + 1)
            buffer[at] = UInt8(ascii: "Z")
            return at + 1
        }
    }
}

extension Instant {
    /// Parses exactly the form `description` writes, `YYYY-MM-DDTHH:MM:SS.mmmZ`, so the journal
    /// reads back what it wrote. Other RFC 3339 spellings (offsets, other fractions, lowercase
    /// `t`/`z`, leap seconds) are refused: nothing in Audiencia writes them.
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
              bytes[23] == UInt8(ascii: "Z"),
              let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]),
              let day = digits(bytes[8..<10]), let hour = digits(bytes[11..<13]),
              let minute = digits(bytes[14..<16]), let second = digits(bytes[17..<19]),
              let millisecond = digits(bytes[20..<23]),
              (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60
        else { return nil }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        let msOfDay = Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
        self.init(millisecondsSinceEpoch: days * 86_400_000 + msOfDay)
    }
}

/// The value of a run of ASCII digits; nil if any byte is not one (no signs, no spaces).
private func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
    var value = 0
    for byte in bytes {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// Writes `value` (not negative, at most `width` digits) zero-padded to `width` digits at
/// `index`; returns the index after it.
func writePadded(_ value: Int64, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
    var rest = value
    for offset in stride(from: width - 1, through: 0, by: -1) {
        buffer[index + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
    }
    return index + width
}

func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
