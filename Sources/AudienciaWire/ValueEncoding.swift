import AudienciaCore
import AudienciaJSON

/// JSON forms of the values shared by the wire and the archive, so both read alike.
extension JSON {
    init(_ instant: Instant?) { self = instant.map { .string($0.description) } ?? .null }
    init(_ date: CivilDate?) { self = date.map { .string($0.description) } ?? .null }
    init(_ text: String?) { self = text.map(JSON.string) ?? .null }
    init(_ number: Int?) { self = number.map { .int(Int64($0)) } ?? .null }
    init(_ number: Double?) { self = number.map(JSON.double) ?? .null }
}

public enum ValueEncoding {
    public static func session(_ summary: SessionSummary) -> JSON {
        .object([
            "id": JSON(summary.id),
            "phase": .string(summary.phase.rawValue),
            "startsAt": JSON(summary.startsAt),
            "endsAt": JSON(summary.endsAt),
            "nextSessionStart": JSON(summary.nextSessionStart),
        ])
    }

    public static func counters(_ c: Counters) -> JSON {
        .object([
            "checkedIn": JSON(c.checkedIn), "waiting": JSON(c.waiting),
            "attended": JSON(c.attended), "answeredNow": JSON(c.answeredNow),
            "inProcess": JSON(c.inProcess), "transferred": JSON(c.transferred),
            "noShows": JSON(c.noShows), "left": JSON(c.left),
            "carriedForward": JSON(c.carriedForward),
            "answeredNowPercent": JSON(c.answeredNowPercent),
            "meanWaitSeconds": JSON(c.meanWaitSeconds),
            "meanTurnSeconds": JSON(c.meanTurnSeconds),
        ])
    }

    public static func board(_ board: PublicBoard) -> JSON {
        let floor: JSON = board.floor.map { floor in
            .object([
                "turno": JSON(floor.turno), "colonia": .string(floor.colonia),
                "service": .string(floor.service), "department": .string(floor.department),
                "official": .object(["name": .string(floor.officialName),
                                     "title": .string(floor.officialTitle)]),
                "since": JSON(floor.since),
            ])
        } ?? .null
        return .object([
            "session": session(board.session), "floor": floor,
            "queueLength": JSON(board.queueLength), "counters": counters(board.counters),
        ])
    }

    /// A timeline entry; absent facts are omitted rather than null, keeping minutes short.
    public static func entry(_ entry: TimelineEntry) -> JSON {
        var object: JSONObject = ["at": JSON(entry.at), "kind": .string(entry.kind.rawValue)]
        object["turno"] = entry.turno.map { JSON($0) }
        object["colonia"] = entry.colonia.map(JSON.string)
        object["service"] = entry.service.map(JSON.string)
        object["department"] = entry.department.map(JSON.string)
        object["official"] = entry.official.map(JSON.string)
        object["dueDate"] = entry.dueDate.map { JSON($0) }
        object["text"] = entry.text.map(JSON.string)
        return .object(object)
    }

    public static func announcement(_ a: Announcement) -> JSON {
        .object(["number": JSON(a.number), "at": JSON(a.at), "text": .string(a.text)])
    }

    public static func step(_ step: GuidanceStep) -> JSON {
        .object(["stage": .string(step.stage.rawValue), "title": .string(step.title),
                 "detail": .string(step.detail)])
    }

    public static func petition(_ p: PetitionDetail) -> JSON {
        .object([
            "folio": .string(p.folio.rawValue), "turno": JSON(p.turno), "name": .string(p.name),
            "contact": JSON(p.contact), "colonia": .string(p.colonia), "service": .string(p.service),
            "departmentId": .string(p.departmentID.rawValue), "department": .string(p.department),
            "description": .string(p.description), "checkedInAt": JSON(p.checkedInAt),
            "transferred": .bool(p.transferred), "priority": .bool(p.priority),
        ])
    }

    public static func brief(_ brief: FloorBrief) -> JSONObject {
        [
            "petition": petition(brief.petition),
            "officialId": .string(brief.official.id.rawValue),
            "official": .object(["id": .string(brief.official.id.rawValue), "name": .string(brief.official.name),
                                 "role": .string(brief.official.role.rawValue),
                                 "title": .string(brief.official.title)]),
            "since": JSON(brief.since),
            "checklist": .array(brief.checklist.map(step)),
        ]
    }
}
