/// A JSON document as a Swift value. Everything above this module sees only this type;
/// jansson's `json_t` never leaves the module.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var int: Int64? { if case .int(let i) = self { i } else { nil } }
    public var array: [JSON]? { if case .array(let a) = self { a } else { nil } }
    public var object: JSONObject? { if case .object(let o) = self { o } else { nil } }
    public var isNull: Bool { self == .null }

    /// Member lookup; nil when this is not an object or the key is absent.
    public subscript(key: String) -> JSON? { object?[key] }
}

/// A JSON object that keeps its keys in insertion order, so archives read top to bottom the
/// way they were written.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var members: [(key: String, value: JSON)] = []

    public init() {}

    /// Members whose keys are known to be distinct (e.g. parsed by jansson, which refuses
    /// duplicates).
    init(uniqueMembers: [(key: String, value: JSON)]) { members = uniqueMembers }

    /// Every message the server writes is built from such a literal: members are appended
    /// into storage sized once, a repeated key keeping its first place and its last value.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        members.reserveCapacity(elements.count)
        for (key, value) in elements {
            if let index = members.firstIndex(where: { $0.key == key }) {
                members[index].value = value
            } else {
                members.append((key, value))
            }
        }
    }

    public subscript(key: String) -> JSON? {
        get { members.first { $0.key == key }?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    public var keys: [String] { members.map(\.key) }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }
}

/// Why a document could not be read, with jansson's position so the message can name the
/// line and column.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSON: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
