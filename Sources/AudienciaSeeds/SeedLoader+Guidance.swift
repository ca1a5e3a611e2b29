import AudienciaCore
import AudienciaJSON

/// `guidance.json`: the hearing's prompts at the top level and the permanent channel's under
/// `channel`. Every prompt must be there, and each may name only the values the engine fills
/// for it and must name the ones the citizen needs, so a typo such as `{folo}` or a dropped
/// `{answer}` stops `audiencia seeds check` instead of reaching a citizen's phone.
extension SeedLoader {
    static func loadGuidance(_ file: SeedFile) throws(SeedError) -> GuidanceTemplates {
        let o = try file.object(file.root, "")
        var templates: [GuidanceKey: String] = [:]
        for key in GuidanceKey.allCases {
            let text = try text(file, o, key.rawValue, "")
            try checkPlaceholders(file, key.rawValue, text, allowed: GuidanceKey.placeholders,
                                  required: key.requiredPlaceholders)
            templates[key] = text
        }
        if let unknown = o.keys.first(where: { GuidanceKey(rawValue: $0) == nil && $0 != "channel" }) {
            throw file.fail(unknown, "not a guidance moment (expected one of \(GuidanceKey.allCases.map(\.rawValue).joined(separator: ", ")), channel)")
        }
        let c = try file.object(o["channel"], "channel")
        var channel: [ChannelPromptKey: String] = [:]
        for key in ChannelPromptKey.allCases {
            let text = try text(file, c, key.rawValue, "channel")
            try checkPlaceholders(file, "channel.\(key.rawValue)", text, allowed: key.placeholders,
                                  required: key.requiredPlaceholders)
            channel[key] = text
        }
        if let unknown = c.keys.first(where: { ChannelPromptKey(rawValue: $0) == nil }) {
            throw file.fail("channel.\(unknown)", "not a channel text (expected one of \(ChannelPromptKey.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return GuidanceTemplates(templates: templates, channel: channel)
    }

    /// A missing text is named as missing, not as a wrong value.
    private static func text(_ file: SeedFile, _ o: JSONObject, _ key: String, _ path: String) throws(SeedError) -> String {
        guard o[key] != nil else {
            let place = path.isEmpty ? "guidance.json" : path
            throw file.fail(path.isEmpty ? key : "\(path).\(key)", "missing (every text in \(place) must be in the seeds)")
        }
        return try file.string(o, key, path)
    }

    private static func checkPlaceholders(_ file: SeedFile, _ path: String, _ text: String,
                                          allowed: Set<String>, required: Set<String>) throws(SeedError) {
        let named = PromptTemplate.placeholders(in: text)
        if let unknown = named.first(where: { !allowed.contains($0) }) {
            let expected = allowed.isEmpty ? "this text takes none" : "expected one of \(allowed.sorted().joined(separator: ", "))"
            throw file.fail(path, "unknown placeholder {\(unknown)} (\(expected))")
        }
        if let missing = required.sorted().first(where: { !named.contains($0) }) {
            throw file.fail(path, "missing placeholder {\(missing)}")
        }
    }
}
