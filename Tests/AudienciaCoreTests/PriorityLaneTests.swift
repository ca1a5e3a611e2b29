@testable import AudienciaCore
import Testing

extension Fixtures {
    static let discapacidad: PriorityReasonID = "discapacidad"
    static let adultoMayor: PriorityReasonID = "adulto-mayor"

    /// The fixture catalog with the priority lane configured, as seeds/privacy.json does.
    static let priorityCatalog: Catalog = {
        var catalog = Fixtures.catalog
        catalog.privacy.sensitive = SensitiveDataPolicy(
            priorityReasons: [PriorityReason(id: discapacidad, label: "Persona con discapacidad"),
                              PriorityReason(id: adultoMayor, label: "Persona adulta mayor")],
            consentText: "Acepto de manera expresa el tratamiento del motivo.")
        return catalog
    }()

    static func priorityForm(_ n: Int, reason: PriorityReasonID = discapacidad, consent: Bool = true) -> CheckInForm {
        var form = form(name: "Persona prioritaria \(n)")
        form.priority = PriorityRequest(reasonID: reason, expressConsent: consent)
        return form
    }
}

extension Room {
    /// A live room (09:30 check-in, 10:00 live) over the catalog with the priority lane.
    static func livePriority() -> Room {
        var room = Room(catalog: Fixtures.priorityCatalog)
        room.tick(Fixtures.at("09:30"))
        room.tick(Fixtures.at("10:00"))
        return room
    }
}

@Suite("Priority lane: sensitive data with its own express consent")
struct PriorityLaneTests {
    @Test func withoutTheSeparateConsentTheRequestIsRefusedAndNothingChanges() {
        var room = Room.livePriority()
        let before = room.snapshot
        let effects = room.checkIn(1, Fixtures.priorityForm(1, consent: false), at: Fixtures.at("10:01"))
        #expect(effects.errors == [.sensitiveConsentRequired])
        #expect(room.snapshot == before)
        #expect(room.journal.count == 2)  // the opening and going live only
    }

    @Test func aReasonNotInTheSeedsIsRefused() {
        var room = Room.livePriority()
        let effects = room.checkIn(1, Fixtures.priorityForm(1, reason: "capricho"), at: Fixtures.at("10:01"))
        #expect(effects.errors == [.unknownPriorityReason])
        #expect(room.hearing.petitions.isEmpty)
    }

    @Test func theConsentIsRecordedWithItsTimeAndNoticeVersion() throws {
        var room = Room.livePriority()
        room.checkIn(1, Fixtures.priorityForm(1, reason: Fixtures.adultoMayor), at: Fixtures.at("10:01"))
        let petition = try #require(room.hearing.petitions[Fixtures.folio(1)])
        #expect(petition.priority)
        #expect(petition.citizen.priorityReason == Fixtures.adultoMayor)
        #expect(petition.sensitiveConsent == Consent(noticeVersion: Fixtures.noticeVersion, at: Fixtures.at("10:01")))
        var plain = Room.livePriority()
        plain.checkIn(1, at: Fixtures.at("10:01"))
        #expect(plain.hearing.petitions[Fixtures.folio(1)]?.sensitiveConsent == nil)
        #expect(plain.hearing.petitions[Fixtures.folio(1)]?.priority == false)
    }

    @Test func priorityPetitionsGoAheadOfOrdinaryOnesInArrivalOrder() {
        var room = Room.livePriority()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        room.checkIn(3, Fixtures.priorityForm(3), at: Fixtures.at("10:03"))
        let effects = room.checkIn(4, Fixtures.priorityForm(4, reason: Fixtures.adultoMayor), at: Fixtures.at("10:04"))
        room.checkIn(5, at: Fixtures.at("10:05"))
        #expect(room.hearing.queue == [3, 4, 1, 2, 5].map { Fixtures.folio($0) })
        // Consoles mark the lane, never the reason.
        let console = room.hearing.consoleState(at: Fixtures.at("10:05"))
        #expect(console.queue.map(\.priority) == [true, true, false, false, false])
        #expect(!"\(console)".contains("discapacidad") && !"\(console)".contains("adulto-mayor"))
        // Whoever moved back is told their new place.
        #expect(effects.guidance(to: Fixtures.folio(1)).last?.position == 3)
        #expect(effects.guidance(to: Fixtures.folio(4)).last?.position == 2)
        // Turnos still count arrivals.
        #expect(room.hearing.petitions[Fixtures.folio(4)]?.turno == 4)
    }

    @Test func aPetitionBackFromATransferKeepsItsPlaceAheadOfPriority() {
        var room = Room.livePriority()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        room.callNext(at: Fixtures.at("10:03"))
        room.official(.recordOutcome(folio: Fixtures.folio(1), .transferred(to: Fixtures.obras)),
                      by: Fixtures.dirAgua, at: Fixtures.at("10:05"))
        room.checkIn(3, Fixtures.priorityForm(3), at: Fixtures.at("10:06"))
        #expect(room.hearing.queue == [1, 3, 2].map { Fixtures.folio($0) })
    }

    @Test func theReasonNeverReachesTheFeedOrThePublicRecord() {
        var room = Room.livePriority()
        var effects = room.checkIn(1, Fixtures.priorityForm(1), at: Fixtures.at("10:01"))
        effects += room.callNext(at: Fixtures.at("10:02"))
        effects += room.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:05"))
        effects += room.official(.closeSession, at: Fixtures.at("10:06"))
        let publicText = "\(effects.published) \(effects.archives.map(\.publicRecord))"
        #expect(!publicText.contains("discapacidad"))
        #expect(!publicText.contains("Persona con discapacidad"))
        #expect(!publicText.contains("Persona prioritaria"))
        // The protected record keeps the reason and the consent.
        let kept = effects.archives.first?.protectedRecord.petitions.first
        #expect(kept?.citizen.priorityReason == Fixtures.discapacidad)
        #expect(kept?.sensitiveConsent != nil)
    }

    @Test func replayPlacesPriorityPetitionsTheSameWay() {
        var room = Room.livePriority()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, Fixtures.priorityForm(2), at: Fixtures.at("10:02"))
        room.checkIn(3, Fixtures.priorityForm(3), at: Fixtures.at("10:03"))
        let restored = Hearing.restored(catalog: Fixtures.priorityCatalog, history: HearingHistory(), journal: room.journal)
        #expect(restored == room.hearing)
    }
}
