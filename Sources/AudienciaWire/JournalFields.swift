import AudienciaCore
import AudienciaJSON

/// Why a journal line could not be read back, naming the member from the line's root
/// (`fact.petition.transfers[1].at`) so a damaged journal can be repaired by hand.
public struct JournalDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted member path, with `[i]` for array elements; empty for the line itself.
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}

/// One object of a journal line and its path, with typed readers that throw
/// `JournalDecodingError`. Members must be present even when null: the encoder always writes
/// them, so an absent one means the line is not what the encoder wrote. Members not read are
/// ignored.
///
/// Reads straight from jansson's parsed line (a `JSONView`), and spells out member paths only
/// for an error: a restart reads tens of thousands of lines and needs neither.
struct JournalFields {
    /// Decodes a Swift `JSON` value with a decoder written for jansson's view (how journals
    /// are read back), by writing it out and reading it again: one decoder for both.
    static func throughView<T>(_ json: JSON, _ decode: (JSONView) throws(JournalDecodingError) -> T) throws(JournalDecodingError) -> T {
        let decoded = json.serialized().withUnsafeBytes { bytes in
            // What `serialized` wrote always parses back.
            try? JSON.withParsed(bytes) { view in Result { () throws(JournalDecodingError) in try decode(view) } }
        }
        guard let decoded else { throw JournalDecodingError(path: "", problem: "expected an object") }
        return try decoded.get()
    }

    let object: JSONView
    let path: String

    init(_ json: JSONView, path: String) throws(JournalDecodingError) {
        guard json.isObject else { throw JournalDecodingError(path: path, problem: "expected an object") }
        self.object = json
        self.path = path
    }

    func path(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func invalid(_ key: String, _ problem: String) -> JournalDecodingError {
        JournalDecodingError(path: path(key), problem: problem)
    }

    func string(_ key: String) throws(JournalDecodingError) -> String {
        try required(key, Self.string)
    }

    func optionalString(_ key: String) throws(JournalDecodingError) -> String? {
        try optional(key, Self.string)
    }

    func int(_ key: String) throws(JournalDecodingError) -> Int {
        try required(key) { value, path throws(JournalDecodingError) in
            // Int(exactly:) rather than Int(_:), which would trap where Int is narrower.
            guard let wide = value.int, let number = Int(exactly: wide) else {
                throw JournalDecodingError(path: path(), problem: "expected an integer")
            }
            return number
        }
    }

    func bool(_ key: String) throws(JournalDecodingError) -> Bool {
        try required(key) { value, path throws(JournalDecodingError) in
            guard let flag = value.bool else { throw JournalDecodingError(path: path(), problem: "expected a boolean") }
            return flag
        }
    }

    func instant(_ key: String) throws(JournalDecodingError) -> Instant {
        try required(key, Self.instant)
    }

    func optionalInstant(_ key: String) throws(JournalDecodingError) -> Instant? {
        try optional(key, Self.instant)
    }

    func date(_ key: String) throws(JournalDecodingError) -> CivilDate {
        try required(key) { value, path throws(JournalDecodingError) in
            guard let date = value.string.flatMap(CivilDate.init) else {
                throw JournalDecodingError(path: path(), problem: "expected a YYYY-MM-DD date")
            }
            return date
        }
    }

    func object(_ key: String) throws(JournalDecodingError) -> JournalFields {
        try required(key) { value, path throws(JournalDecodingError) in try JournalFields(value, path: path()) }
    }

    func optionalObject(_ key: String) throws(JournalDecodingError) -> JournalFields? {
        try optional(key) { value, path throws(JournalDecodingError) in try JournalFields(value, path: path()) }
    }

    /// An array of objects, each with its index in the path.
    func objects(_ key: String) throws(JournalDecodingError) -> [JournalFields] {
        let items = try required(key) { value, path throws(JournalDecodingError) in
            guard let items = value.elements else { throw JournalDecodingError(path: path(), problem: "expected an array") }
            return items
        }
        var result: [JournalFields] = []
        for (index, item) in items.enumerated() {
            result.append(try JournalFields(item, path: "\(path(key))[\(index)]"))
        }
        return result
    }

    // MARK: Helpers

    /// The member's path, built only when an error needs it.
    typealias LazyPath = () -> String

    private func required<T>(_ key: String, _ read: (JSONView, LazyPath) throws(JournalDecodingError) -> T)
        throws(JournalDecodingError) -> T {
        guard let value = object[key] else { throw invalid(key, "missing") }
        if value.isNull { throw invalid(key, "must not be null") }
        return try read(value, { path(key) })
    }

    private func optional<T>(_ key: String, _ read: (JSONView, LazyPath) throws(JournalDecodingError) -> T)
        throws(JournalDecodingError) -> T? {
        guard let value = object[key] else { throw invalid(key, "missing (write null for none)") }
        return value.isNull ? nil : try read(value, { path(key) })
    }

    private static func string(_ value: JSONView, _ path: LazyPath) throws(JournalDecodingError) -> String {
        guard let text = value.string else { throw JournalDecodingError(path: path(), problem: "expected a string") }
        return text
    }

    private static func instant(_ value: JSONView, _ path: LazyPath) throws(JournalDecodingError) -> Instant {
        guard let instant = value.string.flatMap({ Instant(rfc3339: $0) }) else {
            throw JournalDecodingError(path: path(), problem: "expected an RFC 3339 instant")
        }
        return instant
    }
}
