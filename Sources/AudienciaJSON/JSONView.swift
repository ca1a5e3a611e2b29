import CJansson

/// A read-only look into a document jansson has just parsed, for readers that take a few
/// members out of many documents (the journal's lines on a restart) and would otherwise pay
/// for building a whole `JSON` tree per document only to throw it away.
///
/// A view borrows the parsed tree: it is valid only inside the closure given to
/// `JSON.withParsed`, and must not be kept past it.
public struct JSONView {
    let pointer: UnsafeMutablePointer<json_t>

    public var isNull: Bool { audiencia_json_typeof(pointer) == JSON_NULL }
    public var isObject: Bool { audiencia_json_typeof(pointer) == JSON_OBJECT }

    /// Member lookup; nil when this is not an object or the key is absent.
    public subscript(key: String) -> JSONView? {
        guard isObject else { return nil }
        return json_object_get(pointer, key).map(JSONView.init(pointer:))
    }

    public var string: String? {
        guard audiencia_json_typeof(pointer) == JSON_STRING else { return nil }
        let bytes = UnsafeRawBufferPointer(start: json_string_value(pointer), count: json_string_length(pointer))
        return String(decoding: bytes, as: UTF8.self)
    }

    public var int: Int64? {
        guard audiencia_json_typeof(pointer) == JSON_INTEGER else { return nil }
        return Int64(json_integer_value(pointer))
    }

    public var bool: Bool? {
        switch audiencia_json_typeof(pointer) {
        case JSON_TRUE: true
        case JSON_FALSE: false
        default: nil
        }
    }

    /// The elements of an array; nil when this is not one.
    public var elements: [JSONView]? {
        guard audiencia_json_typeof(pointer) == JSON_ARRAY else { return nil }
        return (0..<json_array_size(pointer)).compactMap { json_array_get(pointer, $0).map(JSONView.init(pointer:)) }
    }

    /// An owned copy, for the rare caller that must keep it.
    public var json: JSON { JSON(borrowing: pointer) }
}

extension JSON {
    /// Parses `bytes` (as `parse` does: any value, duplicate keys refused) and hands a view of
    /// the result to `body`; the tree is released when `body` returns.
    public static func withParsed<Result>(_ bytes: UnsafeRawBufferPointer,
                                          _ body: (JSONView) -> Result) throws(JSONError) -> Result {
        var error = json_error_t()
        let loaded = OwnedJSON(taking: json_loadb(bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                                                  bytes.count, parseFlags, &error))
        guard let loaded else { throw JSONError(error) }
        return withExtendedLifetime(loaded) { body(JSONView(pointer: loaded.pointer)) }
    }
}
