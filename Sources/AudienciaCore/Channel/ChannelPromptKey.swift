/// The permanent channel's texts in `seeds/guidance.json` (under `channel`): the note each
/// reception records, when the office will look at a petition, and the next step for each
/// status, with the values each may name.
public enum ChannelPromptKey: String, Sendable, Equatable, CaseIterable {
    /// Notes recorded in a petition's history when the channel receives it.
    case receivedNote, hearingNote, noShowNote, leftNote, carriedForwardNote
    /// "hoy mismo…" while the office is open; otherwise its next opening.
    case reviewToday, reviewOn
    /// The due date before one is set.
    case dueDateUndefined
    /// The next step for each status; the `Public` ones are shown without the resume code,
    /// so they may not carry the officials' notes.
    case received, transferred, inProcess, inProcessPublic, answered, answeredPublic

    /// The values this text may name; any other placeholder is a typo in the seeds.
    public var placeholders: Set<String> {
        switch self {
        case .receivedNote, .hearingNote, .noShowNote, .leftNote, .carriedForwardNote, .dueDateUndefined: []
        case .reviewToday: ["channelHours"]
        case .reviewOn: ["date", "time", "channelHours"]
        case .received, .transferred: ["folio", "department", "review", "dueDate", "channelHours"]
        case .inProcess: ["folio", "department", "commitment", "dueDate"]
        case .inProcessPublic: ["folio", "department", "dueDate"]
        case .answered: ["folio", "department", "answer"]
        case .answeredPublic: ["folio", "department"]
        }
    }

    /// What the text must say for the citizen to have what the moment gives them.
    public var requiredPlaceholders: Set<String> {
        switch self {
        case .receivedNote, .hearingNote, .noShowNote, .leftNote, .carriedForwardNote: []
        case .reviewToday, .dueDateUndefined: []
        case .reviewOn: ["date", "time"]
        case .received, .transferred: ["folio", "department", "review"]
        case .inProcess: ["folio", "commitment"]
        case .inProcessPublic, .answeredPublic: ["folio"]
        case .answered: ["folio", "answer"]
        }
    }
}
