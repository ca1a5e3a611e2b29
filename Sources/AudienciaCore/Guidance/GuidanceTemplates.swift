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
        let template = templates[key] ?? ""
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return result + rest[open...] }
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
