/// The `{name}` placeholders of a seeds prompt: filling them, and listing them so the seeds
/// loader can refuse a prompt that names a value the engine does not have.
public enum PromptTemplate {
    /// Fills every `{name}` that `value` knows in one pass over the template, so text that
    /// came from people (an answer containing "{folio}") is never expanded itself. Unknown
    /// placeholders stay visible, so a typo in the seeds shows on screen instead of vanishing.
    /// `value` is asked only for the placeholders the template has, so values that take work
    /// to produce are produced only when shown. The braces are ASCII, so the scan runs over
    /// UTF-8 bytes rather than characters.
    public static func fill(_ template: String, value: (String) -> String?) -> String {
        var template = template
        return template.withUTF8 { bytes in
            func text(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            var result = ""
            var start = 0
            while let open = bytes[start...].firstIndex(of: UInt8(ascii: "{")) {
                result += text(start..<open)
                guard let close = bytes[open...].firstIndex(of: UInt8(ascii: "}")) else {
                    return result + text(open..<bytes.count)
                }
                result += value(text((open + 1)..<close)) ?? text(open..<(close + 1))
                start = close + 1
            }
            return result + text(start..<bytes.count)
        }
    }

    /// The names between braces, in order, as `fill` would see them.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        _ = fill(template) { names.append($0); return "" }
        return names
    }
}
