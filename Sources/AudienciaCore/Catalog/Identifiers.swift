/// A string id tagged with what it names, so a department id can never be passed where a
/// service id is expected.
public struct Identifier<Tag>: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
}

public enum DepartmentTag {}
public enum OfficialTag {}
public enum ServiceTag {}
public enum ColoniaTag {}

public typealias DepartmentID = Identifier<DepartmentTag>
public typealias OfficialID = Identifier<OfficialTag>
public typealias ServiceID = Identifier<ServiceTag>
public typealias ColoniaID = Identifier<ColoniaTag>

/// A petition's public id, e.g. `AUD-2026-000123`: sequential per year, never reused.
public struct Folio: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public init(prefix: String, year: Int, number: Int) {
        rawValue = "\(prefix)-\(year)-\(pad(Int64(number), 6))"
    }
    public var description: String { rawValue }
    /// By year, then number; text order only for folios of another shape.
    public static func < (lhs: Folio, rhs: Folio) -> Bool {
        guard let left = lhs.yearAndNumber, let right = rhs.yearAndNumber else { return lhs.rawValue < rhs.rawValue }
        return (left.year, left.number) < (right.year, right.number)
    }

    /// The year and sequence number, when the folio has the standard shape. Read from the
    /// end, since the prefix may itself contain hyphens (`AUD-MET-2026-000002`).
    /// Scanned in place: every check-in reads the last folio issued to number the next one.
    public var yearAndNumber: (year: Int, number: Int)? {
        var text = rawValue
        return text.withUTF8 { bytes in
            let dash = UInt8(ascii: "-")
            guard let last = bytes.lastIndex(of: dash),
                  let middle = bytes[..<last].lastIndex(of: dash),
                  let year = Self.integer(bytes[(middle + 1)..<last]),
                  let number = Self.integer(bytes[(last + 1)...]) else { return nil }
            return (year, number)
        }
    }

    /// What `Int(_:)` reads from one part: an optional `+`, then decimal digits.
    private static func integer(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var digits = part[...]
        if digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { return nil }
            value = sum
        }
        return value
    }
}

/// The adapter's handle for one WebSocket connection; the core only echoes it back in effects.
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    public var value: UInt64
    public init(_ value: UInt64) { self.value = value }
    public var description: String { "#\(value)" }
}
