import AudienciaCore
import AudienciaJSON

/// The journal's forms of the values facts carry: the session, a petition with everything the
/// room knows about it, its resolution and transfers.
extension JournalCodec {
    // MARK: Session

    static func session(_ info: SessionInfo) -> JSON {
        .object([
            "id": .string(info.id), "date": JSON(info.date), "phase": .string(info.phase.rawValue),
            "openedAt": JSON(info.openedAt), "startsAt": JSON(info.startsAt),
            "scheduledEnd": JSON(info.scheduledEnd), "openedBy": JSON(info.openedBy?.rawValue),
            "closedAt": JSON(info.closedAt),
        ])
    }

    static func session(_ f: JournalFields) throws(JournalDecodingError) -> SessionInfo {
        let phaseName = try f.string("phase")
        guard let phase = SessionPhase(rawValue: phaseName) else {
            throw f.invalid("phase", "unknown phase \"\(phaseName)\"")
        }
        var info = SessionInfo(
            id: try f.string("id"), date: try f.date("date"), phase: phase,
            openedAt: try f.instant("openedAt"), startsAt: try f.instant("startsAt"),
            scheduledEnd: try f.optionalInstant("scheduledEnd"),
            openedBy: try f.optionalString("openedBy").map { OfficialID($0) })
        info.closedAt = try f.optionalInstant("closedAt")
        return info
    }

    // MARK: Petition

    static func petition(_ p: Petition) -> JSON {
        .object([
            "folio": .string(p.folio.rawValue), "turno": JSON(p.turno), "resumeToken": .string(p.resumeToken),
            "citizen": citizen(p.citizen),
            "coloniaId": .string(p.coloniaID.rawValue), "serviceId": .string(p.serviceID.rawValue),
            "departmentId": .string(p.departmentID.rawValue),
            "consent": .object(["noticeVersion": .string(p.consent.noticeVersion), "at": JSON(p.consent.at)]),
            "priority": .bool(p.priority),
            "sensitiveConsent": p.sensitiveConsent.map { consent in
                .object(["noticeVersion": .string(consent.noticeVersion), "at": JSON(consent.at)])
            } ?? .null,
            "arcoActions": .array(p.arcoActions.map(arcoAction)),
            "checkedInAt": JSON(p.checkedInAt), "firstCalledAt": JSON(p.firstCalledAt),
            "stage": .string(p.stage.rawValue),
            "resolution": p.resolution.map(resolution) ?? .null,
            "transfers": .array(p.transfers.map(transfer)),
        ])
    }

    static func petition(_ f: JournalFields) throws(JournalDecodingError) -> Petition {
        let consent = try f.object("consent")
        var petition = Petition(
            folio: Folio(try f.string("folio")), turno: try f.int("turno"),
            resumeToken: try f.string("resumeToken"),
            citizen: try citizen(try f.object("citizen")),
            coloniaID: ColoniaID(try f.string("coloniaId")), serviceID: ServiceID(try f.string("serviceId")),
            departmentID: DepartmentID(try f.string("departmentId")),
            consent: Consent(noticeVersion: try consent.string("noticeVersion"), at: try consent.instant("at")),
            checkedInAt: try f.instant("checkedInAt"))
        petition.priority = try f.bool("priority")
        if let sensitive = try f.optionalObject("sensitiveConsent") {
            petition.sensitiveConsent = Consent(noticeVersion: try sensitive.string("noticeVersion"),
                                                at: try sensitive.instant("at"))
        }
        for element in try f.objects("arcoActions") {
            petition.arcoActions.append(try arcoAction(element))
        }
        petition.firstCalledAt = try f.optionalInstant("firstCalledAt")
        let stageName = try f.string("stage")
        guard let stage = PetitionStage(rawValue: stageName) else {
            throw f.invalid("stage", "unknown stage \"\(stageName)\"")
        }
        petition.stage = stage
        if let resolution = try f.optionalObject("resolution") {
            petition.resolution = try Self.resolution(resolution)
        }
        for element in try f.objects("transfers") {
            petition.transfers.append(try transfer(element))
        }
        return petition
    }

    // MARK: Resolution and transfer

    /// Only the values each kind carries; unlike the protected archive, no `dueDate: null` for
    /// `answered_now`, so every member maps to exactly one associated value.
    static func resolution(_ r: Resolution) -> JSON {
        switch r {
        case .answeredNow(let answer, let by):
            return .object(["kind": .string(r.kind), "answer": .string(answer), "by": .string(by.rawValue)])
        case .inProcess(let commitment, let department, let due, let by):
            return .object(["kind": .string(r.kind), "commitment": .string(commitment),
                            "departmentId": .string(department.rawValue), "dueDate": JSON(due),
                            "by": .string(by.rawValue)])
        case .noShow(let due), .left(let due), .carriedForward(let due):
            return .object(["kind": .string(r.kind), "dueDate": JSON(due)])
        }
    }

    static func resolution(_ f: JournalFields) throws(JournalDecodingError) -> Resolution {
        let kind = try f.string("kind")
        switch kind {
        case "answered_now":
            return .answeredNow(answer: try f.string("answer"), by: OfficialID(try f.string("by")))
        case "in_process":
            return .inProcess(commitment: try f.string("commitment"),
                              departmentID: DepartmentID(try f.string("departmentId")),
                              dueDate: try f.date("dueDate"), by: OfficialID(try f.string("by")))
        case "no_show": return .noShow(dueDate: try f.date("dueDate"))
        case "left": return .left(dueDate: try f.date("dueDate"))
        case "carried_forward": return .carriedForward(dueDate: try f.date("dueDate"))
        default: throw f.invalid("kind", "unknown resolution kind \"\(kind)\"")
        }
    }

    static func transfer(_ t: Transfer) -> JSON {
        .object(["from": .string(t.from.rawValue), "to": .string(t.to.rawValue),
                 "by": .string(t.by.rawValue), "at": JSON(t.at)])
    }

    static func transfer(_ f: JournalFields) throws(JournalDecodingError) -> Transfer {
        Transfer(from: DepartmentID(try f.string("from")), to: DepartmentID(try f.string("to")),
                 by: OfficialID(try f.string("by")), at: try f.instant("at"))
    }
}
