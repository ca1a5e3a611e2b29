import AudienciaCore
import AudienciaWire
import Testing

@Suite struct ClientDecoderTests {
    private func decode(_ text: String) -> DecodedFrame { ClientDecoder.decode(Array(text.utf8)) }

    private func failure(_ text: String) -> WireError? {
        if case .failure(let error) = decode(text).result { return error }
        return nil
    }

    @Test func decodesHelloForEveryRole() {
        #expect(decode(#"{"type":"hello","role":"viewer"}"#).result == .success(.hello(.viewer(resumeFrom: nil))))
        #expect(decode(#"{"type":"hello","role":"viewer","epoch":"e1","seq":41}"#).result
                == .success(.hello(.viewer(resumeFrom: FeedPosition(epoch: "e1", seq: 41)))))
        #expect(failure(#"{"type":"hello","role":"viewer","seq":41}"#) == .missingField("epoch"))
        #expect(failure(#"{"type":"hello","role":"viewer","epoch":"e1"}"#) == .missingField("seq"))
        #expect(failure(#"{"type":"hello","role":"viewer","epoch":"e1","seq":-1}"#) == .invalidField("seq"))
        #expect(failure(#"{"type":"hello","role":"viewer","epoch":"e1","seq":"4"}"#) == .invalidField("seq"))
        #expect(decode(#"{"type":"hello","role":"citizen"}"#).result == .success(.hello(.citizen(resumeToken: nil))))
        #expect(decode(#"{"type":"hello","role":"citizen","resumeToken":"abc"}"#).result
                == .success(.hello(.citizen(resumeToken: "abc"))))
        #expect(decode(#"{"type":"hello","role":"official","token":"t.s"}"#).result
                == .success(.hello(.official(token: "t.s"))))
        #expect(failure(#"{"type":"hello","role":"king"}"#) == .invalidField("role"))
        #expect(failure(#"{"type":"hello","role":"official"}"#) == .missingField("token"))
    }

    @Test func decodesCheckIn() {
        let frame = decode("""
            {"type":"checkin","ref":"c1","consent":{"accepted":true,"noticeVersion":"2026-01"},
             "name":"Ana","coloniaId":"barrio-de-san-mateo","serviceId":"bacheo","description":"Bache"}
            """)
        #expect(frame.ref == "c1")
        #expect(frame.result == .success(.checkIn(CheckInForm(
            consentAccepted: true, noticeVersion: "2026-01", name: "Ana", coloniaID: "barrio-de-san-mateo",
            contact: nil, serviceID: "bacheo", description: "Bache"))))
    }

    @Test func namesTheMissingOrInvalidCheckInField() {
        #expect(failure(#"{"type":"checkin","name":"Ana"}"#) == .missingField("consent"))
        #expect(failure(#"{"type":"checkin","consent":true}"#) == .invalidField("consent"))
        #expect(failure(#"{"type":"checkin","consent":{"noticeVersion":"v"}}"#) == .missingField("consent.accepted"))
        #expect(failure(#"{"type":"checkin","consent":{"accepted":"yes","noticeVersion":"v"}}"#)
                == .invalidField("consent.accepted"))
        #expect(failure(#"{"type":"checkin","consent":{"accepted":true,"noticeVersion":"v"},"name":5}"#)
                == .invalidField("name"))
    }

    @Test func decodesEveryOfficialOrder() {
        let cases: [(String, OfficialCommand)] = [
            (#"{"type":"session.open"}"#, .openSession),
            (#"{"type":"session.close"}"#, .closeSession),
            (#"{"type":"queue.callNext"}"#, .callNext(officialID: nil)),
            (#"{"type":"queue.callNext","officialId":"presidenta"}"#, .callNext(officialID: "presidenta")),
            (#"{"type":"queue.noShow","folio":"AUD-2026-000001"}"#, .markNoShow(folio: "AUD-2026-000001")),
            (#"{"type":"queue.move","folio":"AUD-2026-000004","position":1}"#,
             .movePetition(folio: "AUD-2026-000004", toPosition: 1)),
            (#"{"type":"queue.transfer","folio":"AUD-2026-000004","departmentId":"tesoreria"}"#,
             .transferPetition(folio: "AUD-2026-000004", to: "tesoreria")),
            (#"{"type":"floor.take"}"#, .takeFloor),
            (#"{"type":"announce","text":"Receso"}"#, .announce(text: "Receso")),
            (#"{"type":"outcome.record","folio":"F","outcome":"answered_now","answer":"Sí"}"#,
             .recordOutcome(folio: "F", .answeredNow(answer: "Sí"))),
            (#"{"type":"outcome.record","folio":"F","outcome":"in_process","commitment":"C","dueDate":"2026-12-15"}"#,
             .recordOutcome(folio: "F", .inProcess(commitment: "C", departmentID: nil,
                                                   dueDate: CivilDate(year: 2026, month: 12, day: 15)))),
            (#"{"type":"outcome.record","folio":"F","outcome":"transferred","departmentId":"dif"}"#,
             .recordOutcome(folio: "F", .transferred(to: "dif"))),
        ]
        for (text, command) in cases {
            #expect(decode(text).result == .success(.official(command)), "\(text)")
        }
    }

    @Test func refusesBadQueueOrders() {
        #expect(failure(#"{"type":"queue.move","folio":"F"}"#) == .missingField("position"))
        #expect(failure(#"{"type":"queue.move","folio":"F","position":"1"}"#) == .invalidField("position"))
        #expect(failure(#"{"type":"queue.move","folio":"F","position":1.5}"#) == .invalidField("position"))
        #expect(failure(#"{"type":"queue.move","position":1}"#) == .missingField("folio"))
        #expect(failure(#"{"type":"queue.transfer","folio":"F"}"#) == .missingField("departmentId"))
    }

    @Test func refusesBadOutcomes() {
        #expect(failure(#"{"type":"outcome.record","folio":"F","outcome":"maybe"}"#) == .invalidField("outcome"))
        #expect(failure(#"{"type":"outcome.record","folio":"F","outcome":"in_process","commitment":"C","dueDate":"2026-02-30"}"#)
                == .invalidField("dueDate"))
        #expect(failure(#"{"type":"outcome.record","outcome":"answered_now","answer":"x"}"#) == .missingField("folio"))
    }

    @Test func codesMalformedInput() {
        guard case .malformedJSON(line: 2, _) = failure("{\n not json") else {
            Issue.record("malformed JSON should name line 2")
            return
        }
        #expect(failure("[1,2]") == .notAnObject)
        #expect(failure(#""hello""#) == .notAnObject)
        #expect(failure(#"{"type":"dance"}"#) == .unknownType)
        #expect(failure(#"{"no":"type"}"#) == .unknownType)
        #expect(failure(#"{"type":7}"#) == .unknownType)
    }

    @Test func keepsTheRefEvenWhenTheRestIsBad() {
        let frame = decode(#"{"type":"dance","ref":"r9"}"#)
        #expect(frame.ref == "r9")
        #expect(frame.result == .failure(.unknownType))
        let long = String(repeating: "x", count: ClientDecoder.maxRefLength + 1)
        #expect(failure(#"{"type":"ping","ref":"\#(long)"}"#) == .invalidField("ref"))
    }

    @Test func everyWireErrorHasAStableCodeAndASpanishMessage() {
        let errors = WireError.everyKind
        let codes = errors.map(\.code)
        #expect(Set(codes).count == errors.count)
        #expect(codes.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" } })
        #expect(errors.allSatisfy { !$0.message.isEmpty })
    }
}
