/// The prompts of the guidance engine, one per moment in a petition's life.
public enum GuidanceKey: String, Sendable, Equatable, CaseIterable {
    case checkedIn, checkInBeforeOpening, waiting, next, onFloor
    case answered, inProcess, transferred, noShow, left, carriedForward
    case sessionOpened, sessionClosed
}

/// Spanish templates from `seeds/guidance.json`, with `{variable}` placeholders.
public struct GuidanceTemplates: Sendable, Equatable {
    public var templates: [GuidanceKey: String]

    public init(templates: [GuidanceKey: String]) { self.templates = templates }

    /// Fills every `{name}` found in `values` in one pass over the template, so text that
    /// came from people (an answer containing "{folio}") is never expanded itself. Unknown
    /// placeholders stay visible, so a typo in the seeds shows on screen instead of vanishing.
    public func render(_ key: GuidanceKey, _ values: [String: String] = [:]) -> String {
        render(key) { values[$0] }
    }

    /// As above, asking `value` only for the placeholders the template has, so values that
    /// take work to produce are produced only when shown. The braces are ASCII, so the scan
    /// runs over UTF-8 bytes rather than characters.
    public func render(_ key: GuidanceKey, value: (String) -> String?) -> String {
        let template = (templates[key] ?? "").utf8
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: UInt8(ascii: "{")) {
            result += Substring(rest[..<open])
            guard let close = rest[open...].firstIndex(of: UInt8(ascii: "}")) else {
                return result + Substring(rest[open...])
            }
            let name = String(Substring(rest[template.index(after: open)..<close]))
            result += value(name) ?? String(Substring(rest[open...close]))
            rest = rest[template.index(after: close)...]
        }
        return result + Substring(rest)
    }
}
