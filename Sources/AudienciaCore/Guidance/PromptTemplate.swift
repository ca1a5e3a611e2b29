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
        let bytes = template.utf8
        var result = ""
        var rest = bytes[...]
        while let open = rest.firstIndex(of: UInt8(ascii: "{")) {
            result += Substring(rest[..<open])
            guard let close = rest[open...].firstIndex(of: UInt8(ascii: "}")) else {
                return result + Substring(rest[open...])
            }
            let name = String(Substring(rest[bytes.index(after: open)..<close]))
            result += value(name) ?? String(Substring(rest[open...close]))
            rest = rest[bytes.index(after: close)...]
        }
        return result + Substring(rest)
    }

    /// The names between braces, in order, as `fill` would see them.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        _ = fill(template) { names.append($0); return "" }
        return names
    }
}
