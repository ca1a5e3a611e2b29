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
    public var yearAndNumber: (year: Int, number: Int)? {
        let parts = rawValue.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let year = Int(parts[parts.count - 2]),
              let number = Int(parts[parts.count - 1]) else {
            return nil
        }
        return (year, number)
    }
}

/// The adapter's handle for one WebSocket connection; the core only echoes it back in effects.
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    public var value: UInt64
    public init(_ value: UInt64) { self.value = value }
    public var description: String { "#\(value)" }
}
