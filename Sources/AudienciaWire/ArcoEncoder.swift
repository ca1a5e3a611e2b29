import AudienciaCore
import AudienciaJSON

/// The JSON a person receives when they ask for everything held about their folio, over the
/// protocol (`arco.data`) or from `audiencia arco export`. Personal data: it goes only to
/// whoever proved the folio is theirs, or to an official whose request is logged.
public enum ArcoEncoder {
    public static let format = "audiencia.arco.export/1"

    public static func export(_ export: PersonalDataExport) -> JSON {
        let p = export.petition
        let cancelled = p.citizen.isCancelled
        return .object([
            "format": .string(format),
            "folio": .string(p.folio.rawValue), "turno": JSON(p.turno), "sessionId": JSON(export.sessionID),
            "personalData": .object([
                "cancelled": .bool(cancelled),
                "name": JSON(cancelled ? nil : p.citizen.name),
                "contact": JSON(p.citizen.contact),
                "description": JSON(cancelled ? nil : p.citizen.description),
                "priorityReason": JSON(export.priorityReason),
            ]),
            "colonia": .string(export.labels.colonia), "service": .string(export.labels.service),
            "department": .string(export.labels.department),
            "priority": .bool(p.priority),
            "consent": consent(p.consent), "sensitiveConsent": p.sensitiveConsent.map(consent) ?? .null,
            "checkedInAt": JSON(p.checkedInAt), "calledAt": JSON(p.firstCalledAt),
            "stage": .string(p.stage.rawValue), "position": JSON(export.position),
            "resolution": p.resolution.map(ArchiveEncoder.resolution) ?? .null,
            "transfers": .array(p.transfers.map(ArchiveEncoder.transfer)),
            "arco": .array(p.arcoActions.map(action)),
        ])
    }

    static func consent(_ consent: Consent) -> JSON {
        .object(["noticeVersion": .string(consent.noticeVersion), "at": JSON(consent.at)])
    }

    static func action(_ action: ArcoAction) -> JSON {
        .object(["kind": .string(action.kind.rawValue), "by": JSON(action.by?.rawValue), "at": JSON(action.at)])
    }
}
