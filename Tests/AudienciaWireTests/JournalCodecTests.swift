import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Foundation
import Testing

@Suite struct JournalCodecTests {
    private static let t0 = Instant(millisecondsSinceEpoch: 1_796_140_800_000)  // 2026-12-01T16:00:00.000Z
    private static let due = CivilDate(year: 2026, month: 12, day: 15)

    /// Encodes, serializes to one compact line, parses and decodes back.
    private func roundTrip(_ entry: JournalEntry) throws -> JournalEntry {
        let line = JournalCodec.encode(entry).serialized()
        return try JournalCodec.decode(try JSON.parse(line))
    }

    private func decodeError(_ text: String) -> JournalDecodingError? {
        do {
            _ = try JournalCodec.decode(try JSON.parse(text))
            return nil
        } catch let error as JournalDecodingError {
            return error
        } catch {
            Issue.record("not valid JSON: \(error)")
            return nil
        }
    }

    private static func session(scheduled: Bool, closed: Bool) -> SessionInfo {
        var info = SessionInfo(
            id: scheduled ? "2026-12-01" : "2026-12-01-2", date: CivilDate(year: 2026, month: 12, day: 1),
            phase: closed ? .closed : (scheduled ? .checkIn : .live),
            openedAt: t0.adding(minutes: -30), startsAt: t0,
            scheduledEnd: scheduled ? t0.adding(minutes: 240) : nil,
            openedBy: scheduled ? nil : "presidenta")
        if closed { info.closedAt = t0.adding(minutes: 240).adding(seconds: 1) }
        return info
    }

    private static func petition(number: Int, contact: String?, resolution: Resolution?,
                                 transfers: [Transfer], stage: PetitionStage) -> Petition {
        var p = Petition(
            folio: Folio(prefix: "AUD", year: 2026, number: number), turno: number,
            resumeToken: "rt-ñ-\(number)-abc_DEF",
            citizen: CitizenData(name: "María José Núñez \"la Güera\"", contact: contact,
                                 description: "Bache profundo frente al número 14\nSegunda línea\t«ojo» 🚧 \\ fin"),
            coloniaID: "barrio-de-san-mateo", serviceID: "bacheo", departmentID: "obras-públicas",
            consent: Consent(noticeVersion: "2026-01", at: t0.adding(seconds: -1_000).adding(seconds: 0)),
            checkedInAt: Instant(millisecondsSinceEpoch: 1_796_139_850_002))
        if stage != .waiting { p.firstCalledAt = t0.adding(seconds: 570) }
        p.stage = stage
        p.resolution = resolution
        p.transfers = transfers
        return p
    }

    private static let transfers = [
        Transfer(from: "agua", to: "obras-públicas", by: "dir-agua", at: t0.adding(seconds: 480)),
        Transfer(from: "obras-públicas", to: "dif", by: "dir-obras", at: Instant(millisecondsSinceEpoch: 1_796_141_400_999)),
    ]

    static let resolutions: [Resolution] = [
        .answeredNow(answer: "Se atenderá hoy mismo.\nCuadrilla 3 — sin costo.", by: "presidenta"),
        .inProcess(commitment: "Bacheo programado en la ruta del lunes «B»", departmentID: "obras-públicas",
                   dueDate: due, by: "dir-obras-publicas"),
        .noShow(dueDate: due),
        .left(dueDate: CivilDate(year: 2027, month: 1, day: 4)),
        .carriedForward(dueDate: CivilDate(year: 2024, month: 2, day: 29)),
    ]

    static let facts: [Fact] = [
        .sessionOpened(session(scheduled: true, closed: false)),
        .sessionOpened(session(scheduled: false, closed: false)),
        .sessionOpened(session(scheduled: true, closed: true)),
        .sessionWentLive(by: nil),
        .sessionWentLive(by: "moderadora"),
        .citizenCheckedIn(Petition(
            folio: "AUD-2026-000001", turno: 1, resumeToken: "tok", citizen: CitizenData(
                name: "Ana", contact: nil, description: "Fuga"),
            coloniaID: "centro", serviceID: "fuga", departmentID: "agua",
            consent: Consent(noticeVersion: "v1", at: t0), checkedInAt: t0)),
        .citizenCheckedIn(petition(number: 2, contact: "722 000 0000 · ana@ejemplo.mx",
                                   resolution: nil, transfers: [], stage: .onFloor)),
        .citizenCheckedIn(petition(number: 3, contact: nil, resolution: resolutions[1],
                                   transfers: transfers, stage: .concluded)),
        .citizenCalled("AUD-2026-000002", officialID: "dir-agua"),
        .floorTaken(by: "presidenta"),
        .petitionResolved("AUD-2026-000002", resolutions[0]),
        .petitionTransferred("AUD-MET-2026-000002", transfers[0]),
        .petitionReassigned("AUD-2026-000005", transfers[1]),
        .petitionMoved("AUD-2026-000004", toPosition: 1),
        .announcementPosted(Announcement(number: 3, at: t0.adding(minutes: 45),
                                         text: "Receso de 10 minutos.\nRegresamos a las 11:05 ☕")),
        .sessionClosed(by: nil, carriedForwardDue: due),
        .sessionClosed(by: "presidenta", carriedForwardDue: CivilDate(year: 2027, month: 1, day: 4)),
    ]

    @Test("Every fact reads back exactly", arguments: facts)
    func everyFactRoundTrips(_ fact: Fact) throws {
        let entry = JournalEntry(at: Self.t0.adding(seconds: 7), fact: fact)
        #expect(try roundTrip(entry) == entry)
    }

    @Test("Every resolution reads back exactly, alone and inside a petition", arguments: resolutions)
    func everyResolutionRoundTrips(_ resolution: Resolution) throws {
        let resolved = JournalEntry(at: Self.t0, fact: .petitionResolved("AUD-2026-000009", resolution))
        #expect(try roundTrip(resolved) == resolved)
        let checkedIn = JournalEntry(at: Self.t0, fact: .citizenCheckedIn(Self.petition(
            number: 9, contact: "x", resolution: resolution, transfers: Self.transfers, stage: .concluded)))
        #expect(try roundTrip(checkedIn) == checkedIn)
    }

    @Test func instantsBeforeTheEpochAndOddMillisecondsRoundTrip() throws {
        for ms: Int64 in [-2_208_988_800_001, -1, 0, 1, 951_782_400_999, 253_402_300_799_999] {
            let entry = JournalEntry(at: Instant(millisecondsSinceEpoch: ms), fact: .floorTaken(by: "p"))
            #expect(try roundTrip(entry) == entry)
        }
    }

    @Test func eachEntryIsOneLineEvenWithMultiLineText() throws {
        for fact in Self.facts {
            let line = JournalCodec.encode(JournalEntry(at: Self.t0, fact: fact)).serialized()
            #expect(!line.contains(UInt8(ascii: "\n")))
            #expect(!line.contains(UInt8(ascii: "\r")))
        }
    }

    @Test func writesTheDocumentedShape() {
        let entry = JournalEntry(at: Self.t0, fact: .petitionResolved("AUD-2026-000002", .noShow(dueDate: Self.due)))
        #expect(JournalCodec.encode(entry).text()
                == #"{"at":"2026-12-01T16:00:00.000Z","fact":{"kind":"petition_resolved","folio":"AUD-2026-000002","resolution":{"kind":"no_show","dueDate":"2026-12-15"}}}"#)
        let closed = JournalEntry(at: Self.t0, fact: .sessionClosed(by: nil, carriedForwardDue: Self.due))
        #expect(JournalCodec.encode(closed).text()
                == #"{"at":"2026-12-01T16:00:00.000Z","fact":{"kind":"session_closed","by":null,"carriedForwardDue":"2026-12-15"}}"#)
    }

    /// The example lines in docs/archive.md ("Journal") are exactly what the encoder writes,
    /// and show every fact kind and every resolution kind.
    @Test func documentedExamplesAreWhatTheEncoderWrites() throws {
        let document = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/archive.md")
        let text = try String(contentsOf: document, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "\n## Journal\n").last)
        let lines = section.split(separator: "\n").filter { $0.hasPrefix(#"{"at":""#) }.map(String.init)
        var kinds: Set<String> = [], resolutionKinds: Set<String> = []
        for line in lines {
            let entry = try JournalCodec.decode(try JSON.parse(line))
            #expect(JournalCodec.encode(entry).text() == line)
            let json = try JSON.parse(line)
            kinds.insert(json["fact"]?["kind"]?.string ?? "")
            if let kind = json["fact"]?["resolution"]?["kind"]?.string { resolutionKinds.insert(kind) }
        }
        #expect(lines.count == 17)
        #expect(kinds == ["session_opened", "session_went_live", "citizen_checked_in", "citizen_called",
                          "floor_taken", "petition_resolved", "petition_transferred", "petition_reassigned",
                          "petition_moved", "announcement_posted",
                          "session_closed", "personal_data_rectified", "personal_data_cancelled"])
        #expect(resolutionKinds == Set(Self.resolutions.map(\.kind)))
    }

    /// The server's journal adds `n`, `prev` and `hash` beside `at` and `fact`.
    @Test func membersItDoesNotKnowAreIgnored() throws {
        let json = try JSON.parse(#"""
            {"n":4,"prev":"00","at":"2026-12-01T16:00:00.000Z","fact":{"kind":"floor_taken","by":"p","x":1},"hash":"ab"}
            """#)
        #expect(try JournalCodec.decode(json) == JournalEntry(at: Self.t0, fact: .floorTaken(by: "p")))
    }

    @Test func decodingErrorsNameThePath() {
        let at = #""at":"2026-12-01T16:00:00.000Z""#
        let cases: [(String, String, String)] = [
            (#"[]"#, "", "expected an object"),
            (#"{"fact":{"kind":"floor_taken","by":"p"}}"#, "at", "missing"),
            (#"{\#(at)}"#, "fact", "missing"),
            (#"{\#(at),"fact":"floor_taken"}"#, "fact", "expected an object"),
            (#"{\#(at),"fact":{"kind":"floor_given","by":"p"}}"#, "fact.kind", #"unknown fact kind "floor_given""#),
            (#"{\#(at),"fact":{"by":"p"}}"#, "fact.kind", "missing"),
            (#"{\#(at),"fact":{"kind":"citizen_called","officialId":"p"}}"#, "fact.folio", "missing"),
            (#"{\#(at),"fact":{"kind":"citizen_called","folio":null,"officialId":"p"}}"#, "fact.folio", "must not be null"),
            (#"{\#(at),"fact":{"kind":"citizen_called","folio":17,"officialId":"p"}}"#, "fact.folio", "expected a string"),
            (#"{"at":"2026-12-01T16:00:00Z","fact":{"kind":"floor_taken","by":"p"}}"#, "at", "expected an RFC 3339 instant"),
            (#"{"at":1796140800000,"fact":{"kind":"floor_taken","by":"p"}}"#, "at", "expected an RFC 3339 instant"),
            (#"{\#(at),"fact":{"kind":"session_closed","by":null,"carriedForwardDue":"2026-02-30"}}"#,
             "fact.carriedForwardDue", "expected a YYYY-MM-DD date"),
            (#"{\#(at),"fact":{"kind":"session_closed","carriedForwardDue":"2026-02-20"}}"#,
             "fact.by", "missing (write null for none)"),
            (#"{\#(at),"fact":{"kind":"session_went_live","by":false}}"#, "fact.by", "expected a string"),
            (#"{\#(at),"fact":{"kind":"petition_resolved","folio":"F","resolution":{"kind":"ignored","dueDate":"2026-12-15"}}}"#,
             "fact.resolution.kind", #"unknown resolution kind "ignored""#),
            (#"{\#(at),"fact":{"kind":"petition_resolved","folio":"F","resolution":{"kind":"in_process","commitment":"c","dueDate":"2026-12-15","by":"p"}}}"#,
             "fact.resolution.departmentId", "missing"),
            (#"{\#(at),"fact":{"kind":"petition_transferred","folio":"F","transfer":{"from":"a","to":"b","by":"p","at":"ayer"}}}"#,
             "fact.transfer.at", "expected an RFC 3339 instant"),
            (#"{\#(at),"fact":{"kind":"announcement_posted","number":"3","at":"2026-12-01T16:00:00.000Z","text":"t"}}"#,
             "fact.number", "expected an integer"),
            (#"{\#(at),"fact":{"kind":"announcement_posted","number":3.0,"at":"2026-12-01T16:00:00.000Z","text":"t"}}"#,
             "fact.number", "expected an integer"),
            (#"{\#(at),"fact":{"kind":"session_opened","session":{"id":"s","date":"2026-12-01","phase":"paused"}}}"#,
             "fact.session.phase", #"unknown phase "paused""#),
        ]
        for (text, path, problem) in cases {
            #expect(decodeError(text) == JournalDecodingError(path: path, problem: problem), "\(text)")
        }
    }

    @Test func petitionErrorsNameTheNestedPath() throws {
        let good = JournalCodec.encode(JournalEntry(at: Self.t0, fact: .citizenCheckedIn(Self.petition(
            number: 5, contact: nil, resolution: .answeredNow(answer: "a", by: "p"),
            transfers: Self.transfers, stage: .concluded))))
        func broken(_ change: (inout JSONObject) -> Void) -> JournalDecodingError? {
            guard case .object(var line) = good, case .object(var fact)? = line["fact"],
                  case .object(var petition)? = fact["petition"] else { return nil }
            change(&petition)
            fact["petition"] = .object(petition)
            line["fact"] = .object(fact)
            do {
                _ = try JournalCodec.decode(.object(line))
                return nil
            } catch {
                return error
            }
        }
        #expect(try JournalCodec.decode(good).fact == .citizenCheckedIn(Self.petition(
            number: 5, contact: nil, resolution: .answeredNow(answer: "a", by: "p"),
            transfers: Self.transfers, stage: .concluded)))
        #expect(broken { $0["consent"] = .object(["noticeVersion": "v", "at": "2026-12-01T25:00:00.000Z"]) }
                == JournalDecodingError(path: "fact.petition.consent.at", problem: "expected an RFC 3339 instant"))
        #expect(broken { $0["stage"] = "gone" }
                == JournalDecodingError(path: "fact.petition.stage", problem: #"unknown stage "gone""#))
        #expect(broken { $0["citizen"] = .object(["name": "A", "description": "d"]) }
                == JournalDecodingError(path: "fact.petition.citizen.contact", problem: "missing (write null for none)"))
        #expect(broken { $0["transfers"] = .array([.object([:])]) }
                == JournalDecodingError(path: "fact.petition.transfers[0].from", problem: "missing"))
        #expect(broken { $0["transfers"] = .array([Self.transferJSON, .string("x")]) }
                == JournalDecodingError(path: "fact.petition.transfers[1]", problem: "expected an object"))
        #expect(broken { $0["transfers"] = .null }
                == JournalDecodingError(path: "fact.petition.transfers", problem: "must not be null"))
        #expect(broken { $0["turno"] = .double(2.5) }
                == JournalDecodingError(path: "fact.petition.turno", problem: "expected an integer"))
        #expect(broken { $0["resolution"] = .array([]) }
                == JournalDecodingError(path: "fact.petition.resolution", problem: "expected an object"))
        #expect(broken { $0["firstCalledAt"] = nil }
                == JournalDecodingError(path: "fact.petition.firstCalledAt", problem: "missing (write null for none)"))
    }

    private static let transferJSON: JSON = .object([
        "from": "a", "to": "b", "by": "p", "at": "2026-12-01T16:00:00.000Z",
    ])

    @Test func errorDescriptionStartsWithThePath() {
        #expect("\(JournalDecodingError(path: "fact.folio", problem: "missing"))" == "fact.folio: missing")
        #expect("\(JournalDecodingError(path: "", problem: "expected an object"))" == "expected an object")
    }

    /// Whatever a damaged journal holds, decoding throws rather than trapping.
    @Test func strangeInputThrowsInsteadOfCrashing() {
        let at = #""at":"2026-12-01T16:00:00.000Z""#
        let inputs = [
            "null", "9223372036854775807", #""text""#, "{}", #"{"at":null,"fact":null}"#,
            #"{\#(at),"fact":{"kind":"announcement_posted","number":9223372036854775807,"at":"2026-12-01T16:00:00.000Z","text":"t"}}"#,
            #"{\#(at),"fact":{"kind":"announcement_posted","number":-9223372036854775808,"at":"2026-12-01T16:00:00.000Z","text":"t"}}"#,
            #"{"at":"9999-99-99T99:99:99.999Z","fact":{}}"#,
            #"{"at":"-001-01-01T00:00:00.000Z","fact":{}}"#,
            #"{\#(at),"fact":{"kind":"citizen_checked_in","petition":{"transfers":[[[]]]}}}"#,
        ]
        for text in inputs {
            // Huge numbers still decode (they are valid Ints); everything else must throw.
            guard let json = try? JSON.parse(text) else {
                Issue.record("not valid JSON: \(text)")
                continue
            }
            _ = try? JournalCodec.decode(json)
        }
        #expect(decodeError(inputs[0]) == JournalDecodingError(path: "", problem: "expected an object"))
        #expect(decodeError(inputs[7]) == JournalDecodingError(path: "at", problem: "expected an RFC 3339 instant"))
    }
}

@Suite struct InstantRFC3339Tests {
    @Test func roundTripsOnBothSidesOfTheEpoch() {
        let values: [Int64] = [
            0, 1, -1, 999, -999, -1_000, -1_001, 86_399_999, -86_400_000, -86_400_001,
            1_796_140_800_000, 1_796_180_400_123, 951_782_400_000,  // 2000-02-29
            -2_208_988_800_000, -2_208_988_800_001, -62_135_596_800_000,  // 0001-01-01
            -62_167_219_200_000,  // 0000-01-01, the earliest four-digit year
            253_402_300_799_999,  // 9999-12-31T23:59:59.999Z, the latest
        ]
        for ms in values {
            let instant = Instant(millisecondsSinceEpoch: ms)
            #expect(Instant(rfc3339: instant.description) == instant, "\(instant)")
        }
        var ms: Int64 = -4_000_000_000_000
        while ms < 4_000_000_000_000 {
            let instant = Instant(millisecondsSinceEpoch: ms)
            #expect(Instant(rfc3339: instant.description) == instant, "\(instant)")
            ms += 98_765_432_109
        }
    }

    @Test func readsKnownInstants() {
        #expect(Instant(rfc3339: "2026-12-01T16:00:00.000Z")?.millisecondsSinceEpoch == 1_796_140_800_000)
        #expect(Instant(rfc3339: "1969-12-31T23:59:59.999Z")?.millisecondsSinceEpoch == -1)
        #expect(Instant(rfc3339: "1970-01-01T00:00:00.000Z")?.millisecondsSinceEpoch == 0)
        #expect(Instant(rfc3339: "2024-02-29T12:00:00.500Z") != nil)
    }

    @Test func refusesAnythingButTheFormItWrites() {
        for bad in [
            "", "2026-12-01", "2026-12-01T16:00:00Z", "2026-12-01T16:00:00.0000Z", "2026-12-01T16:00:00.000",
            "2026-12-01T16:00:00.000z", "2026-12-01t16:00:00.000Z", "2026-12-01 16:00:00.000Z",
            "2026-12-01T16:00:00.000+00", "2026-13-01T16:00:00.000Z", "2026-00-01T16:00:00.000Z",
            "2026-02-29T16:00:00.000Z", "2026-04-31T16:00:00.000Z", "2026-12-00T16:00:00.000Z",
            "2026-12-01T24:00:00.000Z", "2026-12-01T16:60:00.000Z", "2026-12-01T16:00:60.000Z",
            "2026-12-01T16:00:00.00aZ", "abcd-ef-ghTij:kl:mn.opqZ", "+026-12-01T16:00:00.000Z",
            "-026-12-01T16:00:00.000Z", "2026-1-01T16:00:00.000ZZ", "2026-12-01T16:0 :00.000Z",
            "2026/12/01T16:00:00.000Z", "２026-12-01T16:00:00.000Z", " 2026-12-01T16:00:00.000Z",
        ] {
            #expect(Instant(rfc3339: bad) == nil, "\(bad) should not parse")
        }
    }
}
