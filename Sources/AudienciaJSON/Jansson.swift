import CJansson

/// The one place that talks to jansson. Each `json_t` built or parsed here has exactly one
/// owner, `OwnedJSON`, whose deinit releases it.
final class OwnedJSON {
    let pointer: UnsafeMutablePointer<json_t>

    /// Takes ownership of a new reference; nil stays nil (jansson returns nil on failure).
    init?(taking pointer: UnsafeMutablePointer<json_t>?) {
        guard let pointer else { return nil }
        self.pointer = pointer
    }

    deinit { audiencia_json_release(pointer) }
}

extension JSON {
    /// Flags for `serialized`: one line for the wire, indented for files people may read.
    public enum Layout: Sendable {
        case compact, indented
        var flags: Int {
            // JSON_REAL_PRECISION(15) is a macro: ((15 & 0x1F) << 11). 15 significant digits
            // print 66.7 as 66.7 rather than 66.700000000000003.
            let precision = (15 & 0x1F) << 11
            let any = Int(JSON_ENCODE_ANY)  // scalars at the top level too
            switch self {
            case .compact: return Int(JSON_COMPACT) | precision | any
            case .indented: return 2 | precision | any  // JSON_INDENT(2)
            }
        }
    }

    /// Parses one document. Duplicate keys are refused: a message saying `"role"` twice is
    /// ambiguous, and jansson would otherwise keep the last one silently.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSON {
        let parsed = Array(bytes).withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try withParsed(buffer) { $0.json } }
        }
        return try parsed.get()
    }

    /// DECODE_ANY: a bare string or number parses, so the caller can say "not an object"
    /// instead of the vaguer "malformed".
    static let parseFlags = Int(JSON_REJECT_DUPLICATES) | Int(JSON_DECODE_ANY)

    public static func parse(_ text: String) throws(JSONError) -> JSON {
        try parse(Array(text.utf8))
    }

    /// Converts a jansson value without taking ownership.
    init(borrowing value: UnsafeMutablePointer<json_t>) {
        switch audiencia_json_typeof(value) {
        case JSON_OBJECT:
            // jansson already refused duplicate keys, so members are appended as they come:
            // no per-key search, no quadratic cost for a message with thousands of keys.
            var members: [(key: String, value: JSON)] = []
            var iterator = json_object_iter(value)
            while let current = iterator {
                if let member = json_object_iter_value(current) {
                    members.append((String(cString: json_object_iter_key(current)), JSON(borrowing: member)))
                }
                iterator = json_object_iter_next(value, current)
            }
            self = .object(JSONObject(uniqueMembers: members))
        case JSON_ARRAY:
            self = .array((0..<json_array_size(value)).compactMap { index in
                json_array_get(value, index).map { JSON(borrowing: $0) }
            })
        case JSON_STRING:
            let length = json_string_length(value)
            let bytes = UnsafeRawBufferPointer(start: json_string_value(value), count: length)
            self = .string(String(decoding: bytes, as: UTF8.self))
        case JSON_INTEGER: self = .int(Int64(json_integer_value(value)))
        case JSON_REAL: self = .double(json_real_value(value))
        case JSON_TRUE: self = .bool(true)
        case JSON_FALSE: self = .bool(false)
        default: self = .null
        }
    }

    /// A new jansson tree for this value, owned by the returned handle.
    func makeJansson() -> OwnedJSON? {
        OwnedJSON(taking: newReference())
    }

    /// A new reference; the caller owns it (or hands it to a `_new` setter that steals it).
    private func newReference() -> UnsafeMutablePointer<json_t>? {
        switch self {
        case .null: return json_null()
        case .bool(let flag): return flag ? json_true() : json_false()
        case .int(let number): return json_integer(json_int_t(number))
        // JSON has no NaN or infinity; jansson would refuse them and drop the member.
        case .double(let number): return number.isFinite ? json_real(number) : json_null()
        case .string(let text):
            var text = text
            // A Swift string is always valid UTF-8: jansson need not check it again.
            return text.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) { json_stringn_nocheck($0.baseAddress, $0.count) }
            }
        case .array(let items):
            let array = json_array()
            for item in items { json_array_append_new(array, item.newReference()) }
            return array
        case .object(let object):
            let result = json_object()
            for (key, value) in object.members {
                var key = key
                key.withUTF8 { utf8 in
                    utf8.withMemoryRebound(to: CChar.self) {
                        _ = json_object_setn_new_nocheck(result, $0.baseAddress, $0.count, value.newReference())
                    }
                }
            }
            return result
        }
    }

    /// The UTF-8 text of this value, as jansson writes it.
    public func serialized(_ layout: Layout = .compact) -> [UInt8] {
        guard let owned = makeJansson() else { return Array("null".utf8) }
        // jansson's dump callback writes into one scratch buffer, grown when a document outgrows
        // it: one walk of the tree whatever the size. (json_dumpb into a fixed buffer walks a
        // document that does not fit once to learn its size and again to write it; the console
        // of a long queue and the room's checkpoints are such documents.)
        return withExtendedLifetime(owned) {
            withUnsafeTemporaryAllocation(byteCount: Self.scratchBytes, alignment: 1) { scratch in
                var sink = DumpSink(scratch)
                defer { sink.release() }
                _ = withUnsafeMutablePointer(to: &sink) { sink in
                    json_dump_callback(owned.pointer, { piece, size, sink in
                        guard let piece, let sink else { return -1 }
                        sink.assumingMemoryBound(to: DumpSink.self).pointee.append(piece, size)
                        return 0
                    }, sink, layout.flags)
                }
                return sink.bytes
            }
        }
    }

    /// Large enough for every wire message but the catalog and the console.
    private static let scratchBytes = 4096

    public func text(_ layout: Layout = .compact) -> String {
        String(decoding: serialized(layout), as: UTF8.self)
    }
}

extension JSONError {
    /// jansson's report, with its position.
    init(_ error: json_error_t) {
        var error = error
        let text = withUnsafeBytes(of: &error.text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        self.init(message: text, line: Int(error.line), column: Int(error.column))
    }
}

/// Where jansson's dump callback writes: the scratch buffer it starts with, then, for a
/// document that outgrows it, heap memory it owns until `release`.
private struct DumpSink {
    private var base: UnsafeMutableRawPointer?
    private var capacity: Int
    private var count = 0
    private var onHeap = false

    init(_ scratch: UnsafeMutableRawBufferPointer) {
        base = scratch.baseAddress
        capacity = scratch.count
    }

    /// jansson hands over the text in small pieces (a key, a quote, a number).
    mutating func append(_ piece: UnsafePointer<CChar>, _ size: Int) {
        if count + size > capacity || base == nil {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: max(capacity * 2, count + size), alignment: 1)
            if let base { grown.copyMemory(from: base, byteCount: count) }
            release()
            base = grown
            capacity = max(capacity * 2, count + size)
            onHeap = true
        }
        base?.advanced(by: count).copyMemory(from: piece, byteCount: size)
        count += size
    }

    var bytes: [UInt8] { [UInt8](UnsafeRawBufferPointer(start: base, count: count)) }

    mutating func release() {
        if onHeap { base?.deallocate() }
        onHeap = false
    }
}
