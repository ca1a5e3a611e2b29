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

    /// Fills every `{name}` found in `values`; unknown placeholders stay visible, so a typo in
    /// the seeds shows up on screen instead of silently vanishing.
    public func render(_ key: GuidanceKey, _ values: [String: String] = [:]) -> String {
        var text = templates[key] ?? ""
        for (name, value) in values {
            text = text.replacingAll("{\(name)}", with: value)
        }
        return text
    }
}

extension String {
    /// Plain substring replacement; the core avoids Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
