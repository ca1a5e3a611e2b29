/// The prompts of the guidance engine, one per moment in a petition's life.
public enum GuidanceKey: String, Sendable, Equatable, CaseIterable {
    case checkedIn, checkInBeforeOpening, waiting, next, onFloor
    case answered, inProcess, transferred, noShow, left, carriedForward
    case sessionOpened, sessionClosed
}

/// Spanish templates from `seeds/guidance.json`, with `{variable}` placeholders: the hearing's
/// moments at the top level, the permanent channel's texts under `channel`.
public struct GuidanceTemplates: Sendable, Equatable {
    public var templates: [GuidanceKey: String]
    public var channel: [ChannelPromptKey: String]

    public init(templates: [GuidanceKey: String], channel: [ChannelPromptKey: String] = [:]) {
        self.templates = templates
        self.channel = channel
    }

    /// Fills every `{name}` found in `values`; see `PromptTemplate.fill`.
    public func render(_ key: GuidanceKey, _ values: [String: String] = [:]) -> String {
        render(key) { values[$0] }
    }

    public func render(_ key: GuidanceKey, value: (String) -> String?) -> String {
        PromptTemplate.fill(templates[key] ?? "", value: value)
    }

    public func render(_ key: ChannelPromptKey, _ values: [String: String] = [:]) -> String {
        PromptTemplate.fill(channel[key] ?? "", value: { values[$0] })
    }
}

extension GuidanceKey {
    /// Every value the guidance engine can put in a hearing prompt.
    public static let placeholders: Set<String> = [
        "turno", "folio", "service", "department", "channelHours", "start", "position", "ahead", "wait",
        "official", "role", "answer", "commitment", "dueDate",
    ]

    /// What a prompt must say for the citizen to have what the moment gives them.
    public var requiredPlaceholders: Set<String> {
        switch self {
        case .checkedIn: ["folio"]
        case .answered: ["answer"]
        case .inProcess: ["commitment"]
        default: []
        }
    }
}
