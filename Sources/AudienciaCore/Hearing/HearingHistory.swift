/// What earlier sessions leave for the next one: folio numbering continues, and a second
/// session on the same day gets a new id (`2026-12-01-2`) instead of reusing one.
public struct HearingHistory: Sendable, Equatable {
    public var lastFolio: Folio?
    public var lastSessionDate: CivilDate?
    public var sessionsOnLastDate = 0

    public init(lastFolio: Folio? = nil, lastSessionDate: CivilDate? = nil, sessionsOnLastDate: Int = 0) {
        self.lastFolio = lastFolio
        self.lastSessionDate = lastSessionDate
        self.sessionsOnLastDate = sessionsOnLastDate
    }

    /// The id of the last session held, as `SessionInfo.id` spells it.
    public var lastSessionID: String? {
        lastSessionDate.map { sessionsOnLastDate > 1 ? "\($0)-\(sessionsOnLastDate)" : "\($0)" }
    }

    /// Notes a past session id, `YYYY-MM-DD` or `YYYY-MM-DD-n`; other ids are ignored.
    public mutating func record(sessionID: String) {
        let date = CivilDate(String(sessionID.prefix(10)))
        let rest = sessionID.dropFirst(10)
        let ordinal = rest.isEmpty ? 1 : rest.first == "-" ? Int(rest.dropFirst()) : nil
        guard let date, let ordinal else { return }
        if lastSessionDate.map({ $0 < date }) ?? true {
            lastSessionDate = date
            sessionsOnLastDate = ordinal
        } else if lastSessionDate == date {
            sessionsOnLastDate = max(sessionsOnLastDate, ordinal)
        }
    }
}
