import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Testing

@Suite("Wire: the priority lane and ARCO messages")
struct ArcoWireTests {
    private func decode(_ text: String) -> Result<ClientMessage, WireError> {
        ClientDecoder.decode(Array(text.utf8)).result
    }

    private static let checkIn = #"{"type":"checkin","consent":{"accepted":true,"noticeVersion":"2026-01"},"name":"Ana","coloniaId":"c","serviceId":"s","description":"d""#

    @Test func aCheckInMayAskForPriorityWithItsOwnConsent() {
        var form = CheckInForm(consentAccepted: true, noticeVersion: "2026-01", name: "Ana", coloniaID: "c",
                               contact: nil, serviceID: "s", description: "d")
        form.priority = PriorityRequest(reasonID: "embarazo", expressConsent: true)
        #expect(decode(Self.checkIn + #","priority":{"reasonId":"embarazo","consentAccepted":true}}"#)
                == .success(.checkIn(form)))
        form.priority = PriorityRequest(reasonID: "embarazo", expressConsent: false)
        #expect(decode(Self.checkIn + #","priority":{"reasonId":"embarazo","consentAccepted":false}}"#)
                == .success(.checkIn(form)))
        form.priority = nil
        #expect(decode(Self.checkIn + #","priority":null}"#) == .success(.checkIn(form)))
        #expect(decode(Self.checkIn + #","priority":true}"#) == .failure(.invalidField("priority")))
        #expect(decode(Self.checkIn + #","priority":{"reasonId":"embarazo"}}"#)
                == .failure(.missingField("priority.consentAccepted")))
        #expect(decode(Self.checkIn + #","priority":{"reasonId":"embarazo","consentAccepted":"sí"}}"#)
                == .failure(.invalidField("priority.consentAccepted")))
    }

    @Test func decodesTheThreeArcoRequests() {
        #expect(decode(#"{"type":"arco.export","folio":"AUD-2026-000001","resumeToken":"t"}"#)
                == .success(.arco(.export, folio: "AUD-2026-000001", resumeToken: "t")))
        #expect(decode(#"{"type":"arco.cancel","folio":"F","resumeToken":"t"}"#)
                == .success(.arco(.cancel, folio: "F", resumeToken: "t")))
        #expect(decode(#"{"type":"arco.rectify","folio":"F","resumeToken":"t","contact":""}"#)
                == .success(.arco(.rectify(CitizenCorrection(contact: "")), folio: "F", resumeToken: "t")))
        #expect(decode(#"{"type":"arco.rectify","folio":"F","resumeToken":"t"}"#) == .failure(.missingField("name")))
        #expect(decode(#"{"type":"arco.export","folio":"F"}"#) == .failure(.missingField("resumeToken")))
        #expect(decode(#"{"type":"arco.export","resumeToken":"t"}"#) == .failure(.missingField("folio")))
    }

    private static let t0 = Instant(millisecondsSinceEpoch: 1_796_140_800_000)

    private static var priorityPetition: Petition {
        var p = Petition(folio: "AUD-2026-000004", turno: 4, resumeToken: "tok",
                         citizen: CitizenData(name: "Ana", contact: "722", description: "Fuga",
                                              priorityReason: "discapacidad", salt: "s4"),
                         coloniaID: "centro", serviceID: "fuga", departmentID: "agua",
                         consent: Consent(noticeVersion: "2026-01", at: t0), checkedInAt: t0)
        p.priority = true
        p.sensitiveConsent = Consent(noticeVersion: "2026-01", at: t0)
        p.arcoActions = [ArcoAction(kind: .rectified, by: nil, at: t0), ArcoAction(kind: .cancelled, by: "moderacion", at: t0)]
        return p
    }

    static let facts: [Fact] = [
        .citizenCheckedIn(priorityPetition),
        .personalDataRectified("AUD-2026-000004", CitizenData(name: "Ana María", contact: nil, description: "Fuga",
                                                             salt: "s5"), by: nil),
        .personalDataRectified("AUD-2026-000004", CitizenData(name: "Ana", contact: "x", description: "y",
                                                             priorityReason: "embarazo", salt: "s6"), by: "moderacion"),
        .personalDataCancelled("AUD-2026-000004", by: nil),
        .personalDataCancelled("AUD-2026-000004", by: "moderacion"),
    ]

    @Test("The new facts read back exactly", arguments: facts)
    func roundTrips(_ fact: Fact) throws {
        let entry = JournalEntry(at: Self.t0, fact: fact)
        #expect(try JournalCodec.decode(try JSON.parse(JournalCodec.encode(entry).serialized())) == entry)
    }

    @Test func aSealedBlockReadsBackAsCancelledData() throws {
        guard case .object(var line) = JournalCodec.encode(JournalEntry(at: Self.t0, fact: Self.facts[0])),
              case .object(var fact)? = line["fact"], case .object(var petition)? = fact["petition"] else {
            Issue.record("not an object")
            return
        }
        petition["citizen"] = .object([JournalCodec.sealedMember: .string(String(repeating: "ab", count: 32))])
        fact["petition"] = .object(petition)
        line["fact"] = .object(fact)
        #expect(JournalCodec.folio(ofLine: line) == "AUD-2026-000004")
        let decoded = try JournalCodec.decode(.object(line))
        guard case .citizenCheckedIn(let read) = decoded.fact else { Issue.record("not a check-in"); return }
        #expect(read.citizen == .cancelled)
        #expect(read.priority && read.resumeToken == "tok" && read.sensitiveConsent != nil)
        // A seal must be text; anything else is a damaged line.
        petition["citizen"] = .object([JournalCodec.sealedMember: .null])
        fact["petition"] = .object(petition)
        line["fact"] = .object(fact)
        #expect(throws: JournalDecodingError.self) { try JournalCodec.decode(.object(line)) }
    }

    @Test func theExportCarriesThePersonalDataOnlyUntilCancelled() {
        let labels = PetitionLabels(colonia: "Centro", service: "Fuga", department: "Agua")
        var petition = Self.priorityPetition
        let export = ArcoEncoder.export(PersonalDataExport(sessionID: "2026-12-01", petition: petition, labels: labels,
                                                           priorityReason: "Persona con discapacidad", position: 2))
        #expect(export["personalData"]?["name"] == "Ana")
        #expect(export["personalData"]?["priorityReason"] == "Persona con discapacidad")
        #expect(export["sensitiveConsent"]?["noticeVersion"] == "2026-01")
        #expect(export["arco"]?.array?.count == 2)
        petition.citizen = .cancelled
        let cancelled = ArcoEncoder.export(PersonalDataExport(sessionID: nil, petition: petition, labels: labels,
                                                              priorityReason: nil, position: nil))
        #expect(cancelled["personalData"] == .object(["cancelled": .bool(true), "name": .null, "contact": .null,
                                                       "description": .null, "priorityReason": .null]))
    }
}
