import AudienciaCore
import AudienciaJSON

/// The JSON a person receives when they ask for everything held about their folio, over the
/// protocol (`arco.data`) or from `audiencia arco export`. Personal data: it goes only to
/// whoever proved the folio is theirs, or to an official whose request is logged.
public enum ArcoEncoder {
    public static let format = "audiencia.arco.export/1"

    /// The hearing's record of the folio, with what the permanent channel holds about it
    /// (`channel`, null when it holds nothing).
    public static func export(_ export: PersonalDataExport, channel: ChannelPersonalDataExport? = nil) -> JSON {
        let p = export.petition
        let cancelled = p.citizen.isCancelled
        return .object([
            "channel": channel.map(channelPart) ?? .null,
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

    /// A folio the permanent channel holds: with the hearing's record when a hearing handed
    /// it over and its archive still holds it, else on its own in the same shape (null where
    /// only a hearing knows the answer: turno, stage).
    public static func export(channel: ChannelPersonalDataExport, hearing: PersonalDataExport?) -> JSON {
        if let hearing { return export(hearing, channel: channel) }
        let p = channel.petition
        let cancelled = p.citizen.isCancelled
        var sessionID: String?
        if case .hearing(let session, _) = p.origin { sessionID = session }
        return .object([
            "format": .string(format),
            "folio": .string(p.folio.rawValue), "turno": .null, "sessionId": JSON(sessionID),
            "personalData": .object([
                "cancelled": .bool(cancelled),
                "name": JSON(cancelled ? nil : p.citizen.name),
                "contact": JSON(p.citizen.contact),
                "description": JSON(cancelled ? nil : p.citizen.description),
                "priorityReason": .null,
            ]),
            "colonia": .string(channel.status.colonia), "service": .string(channel.status.service),
            "department": .string(channel.status.department),
            "priority": .bool(false),
            "consent": consent(p.consent), "sensitiveConsent": .null,
            "checkedInAt": JSON(p.receivedAt), "calledAt": .null,
            "stage": .null, "position": .null, "resolution": .null, "transfers": .array([]),
            "arco": .array(p.arcoActions.map(action)),
            "channel": channelPart(channel),
        ])
    }

    /// The channel's side: where the petition stands and every change, with who made it and
    /// the note the citizen reads, and the ARCO actions recorded on the channel.
    static func channelPart(_ c: ChannelPersonalDataExport) -> JSON {
        let origin: JSON
        switch c.petition.origin {
        case .channel: origin = .object(["kind": "channel", "sessionId": .null, "outcome": .null])
        case .hearing(let session, let outcome):
            origin = .object(["kind": "hearing", "sessionId": .string(session), "outcome": .string(outcome)])
        }
        let steps = zip(c.petition.history, c.status.history).map { change, step in
            JSON.object(["at": JSON(change.at), "kind": .string(change.kind.rawValue), "by": JSON(change.by?.rawValue),
                         "department": .string(step.department), "dueDate": JSON(change.dueDate),
                         "note": .string(change.note)])
        }
        return .object([
            "status": .string(c.status.status.rawValue), "departmentId": .string(c.status.departmentID.rawValue),
            "department": .string(c.status.department), "receivedAt": JSON(c.petition.receivedAt),
            "dueDate": JSON(c.status.dueDate), "overdue": .bool(c.status.overdue), "origin": origin,
            "history": .array(steps), "arco": .array(c.petition.arcoActions.map(action)),
        ])
    }

    static func consent(_ consent: Consent) -> JSON {
        .object(["noticeVersion": .string(consent.noticeVersion), "at": JSON(consent.at)])
    }

    static func action(_ action: ArcoAction) -> JSON {
        .object(["kind": .string(action.kind.rawValue), "by": JSON(action.by?.rawValue), "at": JSON(action.at)])
    }
}
