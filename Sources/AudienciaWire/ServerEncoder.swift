import AudienciaCore
import AudienciaJSON

/// Writes protocol v1 server messages (docs/protocol.md, "Server messages").
public enum ServerEncoder {
    public static func encode(_ message: ServerMessage) -> JSON {
        switch message {
        case .citizenWelcome(let session, let catalog):
            return citizenWelcome(session: session, catalog: catalog)
        case .checkInAccepted(let receipt, let ref): return receiptMessage("checkin.accepted", receipt, ref: ref)
        case .resumed(let receipt): return receiptMessage("resumed", receipt, ref: nil)
        case .guidance(let guidance): return self.guidance(guidance)
        case .officialWelcome(let official):
            return .object([
                "type": "welcome", "role": "official",
                "official": .object([
                    "id": .string(official.id.rawValue), "name": .string(official.name),
                    "role": .string(official.role.rawValue), "title": .string(official.title),
                    "departmentId": JSON(official.departmentID?.rawValue),
                ]),
            ])
        case .console(let state): return console(state)
        case .floorBrief(let brief):
            var object: JSONObject = ["type": "floor.brief"]
            for (key, value) in ValueEncoding.brief(brief).members { object[key] = value }
            return .object(object)
        case .feedSnapshot(let snapshot): return feedSnapshot(snapshot)
        case .arcoData(let export, let ref):
            var object: JSONObject = ["type": "arco.data", "data": ArcoEncoder.export(export)]
            object["ref"] = ref.map(JSON.string)
            return .object(object)
        case .ok(let ref): return reply("ok", ref: ref)
        case .error(let error, let ref): return self.error(error, ref: ref)
        }
    }

    public static func feedEvent(_ event: FeedEvent) -> JSON {
        .object([
            "type": "feed.event", "seq": JSON(event.seq),
            "entry": ValueEncoding.entry(event.entry), "board": ValueEncoding.board(event.board),
        ])
    }

    public static func error(_ error: some CodedError, ref: String?) -> JSON {
        var object: JSONObject = ["type": "error", "code": .string(error.code),
                                  "message": .string(error.message)]
        object["ref"] = ref.map(JSON.string)
        return .object(object)
    }

    public static func pong(ref: String?) -> JSON { reply("pong", ref: ref) }

    /// The answer to a viewer's resume: the missed events `replayed` (possibly none) follow,
    /// or (nil) a fresh snapshot does.
    public static func feedResumed(epoch: String, replayed: Range<Int64>?) -> JSON {
        var object: JSONObject = ["type": "feed.resumed", "recovered": .bool(replayed != nil), "epoch": .string(epoch)]
        if let replayed {
            object["fromSeq"] = .int(replayed.lowerBound)
            object["toSeq"] = .int(replayed.upperBound - 1)
        }
        return .object(object)
    }

    private static func reply(_ type: String, ref: String?) -> JSON {
        var object: JSONObject = ["type": .string(type)]
        object["ref"] = ref.map(JSON.string)
        return .object(object)
    }

    private static func receiptMessage(_ type: String, _ receipt: CheckInReceipt, ref: String?) -> JSON {
        var object: JSONObject = [
            "type": .string(type), "folio": .string(receipt.folio.rawValue),
            "turno": JSON(receipt.turno), "resumeToken": .string(receipt.resumeToken),
            "stage": .string(receipt.stage.rawValue), "position": JSON(receipt.position),
        ]
        object["ref"] = ref.map(JSON.string)
        return .object(object)
    }

    /// The citizen's own members, then the steps (see GuidanceText).
    private static func guidance(_ g: Guidance) -> JSON {
        var object = guidanceHead(g)
        for (key, value) in guidanceSteps(g.steps).members { object[key] = value }
        return .object(object)
    }

    private static func console(_ state: ConsoleState) -> JSON {
        .object([
            "type": "console", "session": ValueEncoding.session(state.session),
            "floor": state.floor.map { .object(ValueEncoding.brief($0)) } ?? .null,
            "queue": .array(state.queue.map(ValueEncoding.petition)),
            "counters": ValueEncoding.counters(state.counters),
            "announcements": .array(state.announcements.map(ValueEncoding.announcement)),
        ])
    }

    private static func feedSnapshot(_ snapshot: FeedSnapshot) -> JSON {
        .object([
            "type": "feed.snapshot", "seq": JSON(snapshot.seq),
            "board": ValueEncoding.board(snapshot.board),
            "announcements": .array(snapshot.announcements.map(ValueEncoding.announcement)),
            "recent": .array(snapshot.recent.map(ValueEncoding.entry)),
        ])
    }

    /// The citizens' `welcome`: what changes (the session) first, then the catalog's members.
    private static func citizenWelcome(session: SessionSummary, catalog: Catalog) -> JSON {
        var object = welcomeHead(session)
        for (key, value) in citizenCatalog(catalog).members { object[key] = value }
        return .object(object)
    }
}
