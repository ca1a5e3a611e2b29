import AudienciaCore
import AudienciaJSON

/// Writes the channel's server messages (docs/protocol.md, "The permanent channel").
public enum ChannelEncoder {
    public static func encode(_ message: ChannelMessage) -> JSON {
        switch message {
        case .received(let folio, let token, let status, let ref):
            return withRef(["type": "channel.received", "folio": .string(folio.rawValue),
                            "resumeToken": .string(token), "status": self.status(status)], ref)
        case .status(let status, let ref):
            var object: JSONObject = ["type": "folio.status"]
            if case .object(let body) = self.status(status) { for (key, value) in body.members { object[key] = value } }
            return withRef(object, ref)
        case .backlog(let backlog, let ref):
            return withRef(["type": "backlog", "departmentId": JSON(backlog.departmentID?.rawValue),
                            "today": JSON(backlog.today), "items": .array(backlog.items.map(item))], ref)
        case .ok(let ref):
            return withRef(["type": "ok"], ref)
        case .error(let error, let ref):
            return ServerEncoder.error(error, ref: ref)
        case .arcoData(let export, let ref):
            return arcoData(ArcoEncoder.export(channel: export, hearing: nil), ref: ref)
        }
    }

    public static func status(_ s: FolioStatus) -> JSON {
        .object([
            "folio": .string(s.folio.rawValue), "status": .string(s.status.rawValue),
            "departmentId": .string(s.departmentID.rawValue), "department": .string(s.department),
            "service": .string(s.service), "colonia": .string(s.colonia),
            "receivedAt": JSON(s.receivedAt), "dueDate": JSON(s.dueDate), "overdue": .bool(s.overdue),
            "withNotes": .bool(s.withNotes), "nextStep": .string(s.nextStep),
            "history": .array(s.history.map { step in
                var object: JSONObject = ["at": JSON(step.at), "kind": .string(step.kind.rawValue),
                                          "department": .string(step.department), "dueDate": JSON(step.dueDate)]
                if s.withNotes { object["note"] = JSON(step.note) }
                return .object(object)
            }),
        ])
    }

    static func item(_ i: BacklogItem) -> JSON {
        .object([
            "folio": .string(i.folio.rawValue), "status": .string(i.status.rawValue),
            "departmentId": .string(i.departmentID.rawValue), "department": .string(i.department),
            "service": .string(i.service), "colonia": .string(i.colonia), "name": .string(i.name),
            "contact": JSON(i.contact), "description": .string(i.description),
            "receivedAt": JSON(i.receivedAt), "dueDate": JSON(i.dueDate), "overdue": .bool(i.overdue),
            "origin": .string(i.origin),
            "lastChange": .object(["at": JSON(i.lastChange.at), "kind": .string(i.lastChange.kind.rawValue),
                                   "by": JSON(i.lastChange.by?.rawValue), "note": .string(i.lastChange.note)]),
        ])
    }

    /// The reply to an ARCO request, as the hearing's (`arco.data`).
    public static func arcoData(_ data: JSON, ref: String?) -> JSON {
        withRef(["type": "arco.data", "data": data], ref)
    }

    private static func withRef(_ object: JSONObject, _ ref: String?) -> JSON {
        var object = object
        object["ref"] = ref.map(JSON.string)
        return .object(object)
    }
}
