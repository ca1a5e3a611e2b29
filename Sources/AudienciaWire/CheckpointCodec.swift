import AudienciaCore
import AudienciaJSON

/// What a checkpoint covers: the first `entries` lines of the journal, `offset` bytes, the
/// last of them hashing to `hash`; and the numbering the room started from (read from the
/// archives), which a restart must find unchanged.
public struct CheckpointCover: Sendable, Equatable {
    public var entries: Int64
    public var offset: Int64
    public var hash: String
    public var baseHistory: HearingHistory

    public init(entries: Int64, offset: Int64, hash: String, baseHistory: HearingHistory) {
        self.entries = entries
        self.offset = offset
        self.hash = hash
        self.baseHistory = baseHistory
    }
}

/// The checkpoint file's JSON form (docs/archive.md, "Checkpoint"): the room as a replay of
/// the covered journal lines leaves it. Like the journal, every member is written, `null`
/// included, and decoding insists on all of them: a checkpoint that does not read back whole
/// is not used.
public enum CheckpointCodec {
    public static let format = "audiencia-checkpoint"
    public static let version = 1

    public static func encode(_ snapshot: HearingSnapshot, cover: CheckpointCover) -> [UInt8] {
        let covers: JSON = .object(["entries": .int(cover.entries), "offset": .int(cover.offset),
                                    "hash": .string(cover.hash), "baseHistory": history(cover.baseHistory)])
        let hearing: JSON = .object([
            "session": snapshot.session.map(JournalCodec.session) ?? .null,
            "history": history(snapshot.history),
            "petitions": .array(snapshot.petitions.map(JournalCodec.petition)),
            "checkInOrder": .array(snapshot.checkInOrder.map { .string($0.rawValue) }),
            "queue": .array(snapshot.queue.map { .string($0.rawValue) }),
            "floor": snapshot.floor.map { floor in
                .object(["folio": .string(floor.folio.rawValue), "officialId": .string(floor.officialID.rawValue),
                         "since": JSON(floor.since)])
            } ?? .null,
            "turns": .array(snapshot.turns.map { turn in
                .object(["folio": .string(turn.folio.rawValue), "departmentId": .string(turn.departmentID.rawValue),
                         "seconds": .int(turn.seconds)])
            }),
            "announcements": .array(snapshot.announcements.map(ValueEncoding.announcement)),
            "timeline": .array(snapshot.timeline.map(entry)),
            "feedSeq": JSON(snapshot.feedSeq),
            "tally": tally(snapshot.tally),
        ])
        let document: JSON = .object(["format": .string(format), "version": JSON(version),
                                      "covers": covers, "hearing": hearing])
        return document.serialized()
    }

    public static func decode(_ bytes: [UInt8]) throws(JournalDecodingError) -> (HearingSnapshot, CheckpointCover) {
        let parsed = bytes.withUnsafeBytes { buffer in
            try? JSON.withParsed(buffer) { view in
                Result { () throws(JournalDecodingError) in try decode(try JournalFields(view, path: "")) }
            }
        }
        guard let parsed else { throw JournalDecodingError(path: "", problem: "not JSON") }
        return try parsed.get()
    }

    private static func decode(_ f: JournalFields) throws(JournalDecodingError) -> (HearingSnapshot, CheckpointCover) {
        guard try f.string("format") == format else { throw f.invalid("format", "not a checkpoint") }
        let found = try f.int("version")
        guard found == version else { throw f.invalid("version", "version \(found), expected \(version)") }
        let c = try f.object("covers")
        let cover = CheckpointCover(entries: Int64(try c.int("entries")), offset: Int64(try c.int("offset")),
                                    hash: try c.string("hash"), baseHistory: try history(try c.object("baseHistory")))
        let h = try f.object("hearing")
        var petitions: [Petition] = []
        for element in try h.objects("petitions") { petitions.append(try JournalCodec.petition(element)) }
        var turns: [Turn] = []
        for t in try h.objects("turns") {
            turns.append(Turn(folio: Folio(try t.string("folio")), departmentID: DepartmentID(try t.string("departmentId")),
                              seconds: Int64(try t.int("seconds"))))
        }
        var announcements: [Announcement] = []
        for a in try h.objects("announcements") {
            announcements.append(Announcement(number: try a.int("number"), at: try a.instant("at"), text: try a.string("text")))
        }
        var timeline: [TimelineEntry] = []
        for line in try h.objects("timeline") { timeline.append(try entry(line)) }
        let floor = try h.optionalObject("floor").map { (o: JournalFields) throws(JournalDecodingError) in
            Floor(folio: Folio(try o.string("folio")), officialID: OfficialID(try o.string("officialId")),
                  since: try o.instant("since"))
        }
        let snapshot = HearingSnapshot(
            session: try h.optionalObject("session").map { (o: JournalFields) throws(JournalDecodingError) in
                try JournalCodec.session(o)
            },
            history: try history(try h.object("history")), petitions: petitions,
            checkInOrder: try folios(h, "checkInOrder"), queue: try folios(h, "queue"), floor: floor,
            turns: turns, announcements: announcements, timeline: timeline, feedSeq: try h.int("feedSeq"),
            tally: try tally(try h.object("tally")))
        return (snapshot, cover)
    }

    private static func folios(_ f: JournalFields, _ key: String) throws(JournalDecodingError) -> [Folio] {
        guard let items = f.object[key]?.elements else { throw f.invalid(key, "expected an array") }
        var folios: [Folio] = []
        for item in items {
            guard let text = item.string else { throw f.invalid(key, "expected folios") }
            folios.append(Folio(text))
        }
        return folios
    }
}
