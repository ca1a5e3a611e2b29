import AudienciaCore
import AudienciaJSON

/// The checkpoint's forms of the values only the room's state holds (the journal's facts
/// never carry them whole): numbering history, running totals, minutes lines.
extension CheckpointCodec {
    static func history(_ h: HearingHistory) -> JSON {
        .object(["lastFolio": JSON(h.lastFolio?.rawValue), "lastSessionDate": JSON(h.lastSessionDate),
                 "sessionsOnLastDate": JSON(h.sessionsOnLastDate)])
    }

    static func history(_ f: JournalFields) throws(JournalDecodingError) -> HearingHistory {
        let date = try f.optionalString("lastSessionDate")
        let lastSessionDate = date.flatMap(CivilDate.init)
        guard (date == nil) == (lastSessionDate == nil) else {
            throw f.invalid("lastSessionDate", "expected a YYYY-MM-DD date")
        }
        return HearingHistory(lastFolio: try f.optionalString("lastFolio").map { Folio($0) },
                              lastSessionDate: lastSessionDate,
                              sessionsOnLastDate: try f.int("sessionsOnLastDate"))
    }

    static func tally(_ t: Tally) -> JSON {
        .object(["checkedIn": JSON(t.checkedIn), "answeredNow": JSON(t.answeredNow), "inProcess": JSON(t.inProcess),
                 "transferred": JSON(t.transferred), "noShows": JSON(t.noShows), "left": JSON(t.left),
                 "carriedForward": JSON(t.carriedForward), "waitSum": .int(t.waitSum), "waitCount": JSON(t.waitCount),
                 "turnSum": .int(t.turnSum), "turnCount": JSON(t.turnCount)])
    }

    static func tally(_ f: JournalFields) throws(JournalDecodingError) -> Tally {
        var t = Tally()
        t.checkedIn = try f.int("checkedIn")
        t.answeredNow = try f.int("answeredNow")
        t.inProcess = try f.int("inProcess")
        t.transferred = try f.int("transferred")
        t.noShows = try f.int("noShows")
        t.left = try f.int("left")
        t.carriedForward = try f.int("carriedForward")
        t.waitSum = Int64(try f.int("waitSum"))
        t.waitCount = try f.int("waitCount")
        t.turnSum = Int64(try f.int("turnSum"))
        t.turnCount = try f.int("turnCount")
        return t
    }

    /// Unlike the public minutes, every member is written, null for none.
    static func entry(_ e: TimelineEntry) -> JSON {
        .object(["at": JSON(e.at), "kind": .string(e.kind.rawValue), "turno": JSON(e.turno), "colonia": JSON(e.colonia),
                 "service": JSON(e.service), "department": JSON(e.department), "official": JSON(e.official),
                 "dueDate": JSON(e.dueDate), "text": JSON(e.text)])
    }

    static func entry(_ f: JournalFields) throws(JournalDecodingError) -> TimelineEntry {
        let kindName = try f.string("kind")
        guard let kind = TimelineEntry.Kind(rawValue: kindName) else {
            throw f.invalid("kind", "unknown minutes line \"\(kindName)\"")
        }
        guard let due = f.object["dueDate"] else { throw f.invalid("dueDate", "missing (write null for none)") }
        let dueDate = due.isNull ? nil : try f.date("dueDate")
        return TimelineEntry(at: try f.instant("at"), kind: kind, turno: try optionalInt(f, "turno"),
                             colonia: try f.optionalString("colonia"), service: try f.optionalString("service"),
                             department: try f.optionalString("department"), official: try f.optionalString("official"),
                             dueDate: dueDate, text: try f.optionalString("text"))
    }

    private static func optionalInt(_ f: JournalFields, _ key: String) throws(JournalDecodingError) -> Int? {
        guard let value = f.object[key] else { throw f.invalid(key, "missing (write null for none)") }
        return value.isNull ? nil : try f.int(key)
    }
}
