import AudienciaCore
import AudienciaJSON

/// The two JSON records of a closed session (docs/archive.md). The public one is built only
/// from `PublicRecord`, which has no personal fields to leak.
public enum ArchiveEncoder {
    public static let publicFormat = "audiencia.archive.public/1"
    public static let protectedFormat = "audiencia.archive.protected/1"

    /// - Parameter journalHead: the hash of the journal's last line, which ties the record to
    ///   the journal it was built from (`audiencia archive verify`).
    public static func publicRecord(_ archive: SessionArchive, journalHead: String) -> JSON {
        let record = archive.publicRecord
        return .object([
            "format": .string(publicFormat),
            "municipality": .string(archive.municipality),
            "journalHead": .string(journalHead),
            "session": session(archive.session),
            "counters": ValueEncoding.counters(record.counters),
            "byDepartment": .array(record.byDepartment.map { tally in
                .object(["departmentId": .string(tally.departmentID.rawValue),
                         "department": .string(tally.department),
                         "counters": ValueEncoding.counters(tally.counters)])
            }),
            "petitions": .array(record.petitions.map { p in
                .object([
                    "turno": JSON(p.turno), "folio": .string(p.folio.rawValue),
                    "colonia": .string(p.colonia), "service": .string(p.service),
                    "department": .string(p.department), "outcome": JSON(p.outcome),
                    "dueDate": JSON(p.dueDate), "transfers": JSON(p.transfers),
                    "checkedInAt": JSON(p.checkedInAt), "calledAt": JSON(p.calledAt),
                ])
            }),
            "timeline": .array(record.timeline.map(ValueEncoding.entry)),
        ])
    }

    public static func protectedRecord(_ archive: SessionArchive, journalHead: String) -> JSON {
        .object([
            "format": .string(protectedFormat),
            "municipality": .string(archive.municipality),
            "journalHead": .string(journalHead),
            "session": session(archive.session),
            "petitions": .array(archive.protectedRecord.petitions.map(petition)),
        ])
    }

    private static func session(_ info: SessionInfo) -> JSON {
        .object([
            "id": .string(info.id), "date": JSON(info.date), "openedAt": JSON(info.openedAt),
            "startsAt": JSON(info.startsAt), "scheduledEnd": JSON(info.scheduledEnd),
            "closedAt": JSON(info.closedAt), "openedBy": JSON(info.openedBy?.rawValue),
        ])
    }

    /// A cancelled person's name, contact, description and priority reason are null, and
    /// `personalDataCancelled` is true; the rest of the record stays.
    private static func petition(_ p: Petition) -> JSON {
        let cancelled = p.citizen.isCancelled
        return .object([
            "folio": .string(p.folio.rawValue), "turno": JSON(p.turno),
            "name": JSON(cancelled ? nil : p.citizen.name), "contact": JSON(p.citizen.contact),
            "description": JSON(cancelled ? nil : p.citizen.description),
            "personalDataCancelled": .bool(cancelled),
            "priority": .bool(p.priority), "priorityReasonId": JSON(p.citizen.priorityReason?.rawValue),
            "coloniaId": .string(p.coloniaID.rawValue), "serviceId": .string(p.serviceID.rawValue),
            "departmentId": .string(p.departmentID.rawValue),
            "consent": ArcoEncoder.consent(p.consent),
            "sensitiveConsent": p.sensitiveConsent.map(ArcoEncoder.consent) ?? .null,
            "checkedInAt": JSON(p.checkedInAt), "calledAt": JSON(p.firstCalledAt),
            "stage": .string(p.stage.rawValue),
            "resolution": p.resolution.map(resolution) ?? .null,
            "transfers": .array(p.transfers.map(transfer)),
            "arco": .array(p.arcoActions.map(ArcoEncoder.action)),
        ])
    }

    static func transfer(_ t: Transfer) -> JSON {
        .object(["from": .string(t.from.rawValue), "to": .string(t.to.rawValue),
                 "by": .string(t.by.rawValue), "at": JSON(t.at)])
    }

    static func resolution(_ r: Resolution) -> JSON {
        var object: JSONObject = ["kind": .string(r.kind), "dueDate": JSON(r.dueDate)]
        switch r {
        case .answeredNow(let answer, let by):
            object["answer"] = .string(answer)
            object["by"] = .string(by.rawValue)
        case .inProcess(let commitment, let department, _, let by):
            object["commitment"] = .string(commitment)
            object["departmentId"] = .string(department.rawValue)
            object["by"] = .string(by.rawValue)
        case .noShow, .left, .carriedForward:
            break
        }
        return .object(object)
    }
}
