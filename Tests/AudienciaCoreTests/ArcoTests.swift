@testable import AudienciaCore
import Testing

extension Room {
    @discardableResult
    mutating func arco(_ request: ArcoRequest, _ n: Int, token: String? = nil, conn: Int? = nil,
                       at now: Instant) -> [Effect] {
        handle(.citizen(.arco(request, folio: Fixtures.folio(n), resumeToken: token ?? "token-\(n)"), folio: nil,
                        Conn.citizen(conn ?? 50 + n), ref: "a\(n)"), at: now)
    }
}

extension Array where Element == Effect {
    var arcoData: [PersonalDataExport] {
        compactMap { if case .send(.arcoData(let export, _), _) = $0 { export } else { nil } }
    }
}

@Suite("ARCO: access, rectification and cancellation over the protocol")
struct ArcoTests {
    @Test func theRightTokenGetsEverythingHeldAboutTheFolio() throws {
        var room = Room.livePriority()
        room.checkIn(1, Fixtures.priorityForm(1), at: Fixtures.at("10:01"))
        let journalled = room.journal.count
        let effects = room.arco(.export, 1, at: Fixtures.at("10:02"))
        let export = try #require(effects.arcoData.first)
        #expect(export.petition.citizen.name == "Persona prioritaria 1")
        #expect(export.priorityReason == "Persona con discapacidad")
        #expect(export.position == 1)
        #expect(export.labels.service == "Reporte de fuga de agua potable")
        #expect(effects == [.send(.arcoData(export, ref: "a1"), to: .connection(Conn.citizen(51)))])
        #expect(room.journal.count == journalled)  // reading changes nothing
    }

    @Test func aWrongTokenOrAnUnknownFolioGetTheSameRefusal() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        let before = room.snapshot
        #expect(room.arco(.export, 1, token: "token-2", at: Fixtures.at("10:03")).errors == [.arcoDenied])
        #expect(room.arco(.cancel, 1, token: "", at: Fixtures.at("10:03")).errors == [.arcoDenied])
        #expect(room.arco(.rectify(CitizenCorrection(name: "Otra")), 9, at: Fixtures.at("10:03")).errors == [.arcoDenied])
        #expect(room.snapshot == before)
    }

    @Test func rectificationIsAJournalledFactThatNeverReachesTheFeed() throws {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        let seq = room.hearing.feedSeq
        let effects = room.arco(.rectify(CitizenCorrection(name: "  María López Ruiz ", contact: "", salt: "s2")), 1,
                                at: Fixtures.at("10:02"))
        let petition = try #require(room.hearing.petitions[Fixtures.folio(1)])
        let expected = CitizenData(name: "María López Ruiz", contact: nil,
                                   description: "Fuga en la calle Juárez desde hace 3 días", salt: "s2")
        #expect(petition.citizen == expected)
        #expect(petition.arcoActions == [ArcoAction(kind: .rectified, by: nil, at: Fixtures.at("10:02"))])
        #expect(room.journal.last == JournalEntry(at: Fixtures.at("10:02"),
                                                  fact: .personalDataRectified(Fixtures.folio(1), expected, by: nil)))
        #expect(effects.published.isEmpty)
        #expect(room.hearing.feedSeq == seq)
        #expect(effects.arcoData.first?.petition.citizen.name == "María López Ruiz")
        // Officials' consoles show the corrected name.
        #expect(effects.consoles.last?.queue.first?.name == "María López Ruiz")
    }

    @Test func aRectificationIsCheckedLikeACheckIn() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        let before = room.snapshot
        #expect(room.arco(.rectify(CitizenCorrection(name: "X")), 1, at: Fixtures.at("10:02")).errors == [.invalidName])
        #expect(room.arco(.rectify(CitizenCorrection(description: "   ")), 1, at: Fixtures.at("10:02")).errors
                == [.invalidDescription])
        #expect(room.snapshot == before)
    }

    @Test func cancellingWhileWaitingLeavesTheQueueAndKeepsThePseudonymousRecord() throws {
        var room = Room.livePriority()
        room.checkIn(1, Fixtures.priorityForm(1), at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        let effects = room.arco(.cancel, 1, at: Fixtures.at("10:03"))
        let petition = try #require(room.hearing.petitions[Fixtures.folio(1)])
        #expect(petition.citizen.isCancelled)
        #expect(petition.citizen.priorityReason == nil)
        #expect(petition.priority)  // the record keeps that it was priority, not why
        #expect(petition.resolution == .left(dueDate: CivilDate(year: 2026, month: 12, day: 15)))
        #expect(room.hearing.queue == [Fixtures.folio(2)])
        #expect(effects.last == .send(.ok(ref: "a1"), to: .connection(Conn.citizen(51))))
        // The public sees a turno leaving the queue, as with any departure; nothing else.
        #expect(effects.published.map(\.entry.kind) == [.left])
        #expect(room.arco(.rectify(CitizenCorrection(name: "Otra vez")), 1, at: Fixtures.at("10:04")).errors
                == [.personalDataCancelled])
        #expect(room.arco(.cancel, 1, at: Fixtures.at("10:04")).errors == [.personalDataCancelled])
        // The person can still see what is left.
        let export = try #require(room.arco(.export, 1, at: Fixtures.at("10:05")).arcoData.first)
        #expect(export.petition.citizen.isCancelled && export.priorityReason == nil)
    }

    @Test func onTheFloorCancellationWaitsForTheTurnToEnd() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.callNext(at: Fixtures.at("10:02"))
        #expect(room.arco(.cancel, 1, at: Fixtures.at("10:03")).errors == [.arcoOnFloor])
        room.answer(Fixtures.folio(1), by: Fixtures.dirAgua, at: Fixtures.at("10:05"))
        room.arco(.cancel, 1, at: Fixtures.at("10:06"))
        #expect(room.hearing.petitions[Fixtures.folio(1)]?.citizen.isCancelled == true)
    }

    @Test func afterTheCloseTheArchiveIsThePlaceToAsk() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.official(.closeSession, at: Fixtures.at("10:02"))
        #expect(room.arco(.export, 1, at: Fixtures.at("10:03")).errors == [.arcoSessionArchived])
        #expect(room.arco(.export, 1, token: "nope", at: Fixtures.at("10:03")).errors == [.arcoDenied])
    }

    @Test func theArchiveAndTheReplayAgreeAfterRectifyingAndCancelling() throws {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.checkIn(2, at: Fixtures.at("10:02"))
        room.arco(.rectify(CitizenCorrection(description: "Fuga en Juárez 12")), 2, at: Fixtures.at("10:03"))
        room.arco(.cancel, 1, at: Fixtures.at("10:04"))
        let effects = room.official(.closeSession, at: Fixtures.at("10:05"))
        let archive = try #require(effects.archives.first)
        #expect(archive.protectedRecord.petitions.map(\.citizen.isCancelled) == [true, false])
        #expect(archive.protectedRecord.petitions[1].citizen.description == "Fuga en Juárez 12")
        // ARCO facts are not minutes: the timeline has no line for them.
        #expect(archive.publicRecord.timeline.count == room.hearing.feedSeq)
        let restored = Hearing.restored(catalog: Fixtures.catalog, history: HearingHistory(), journal: room.journal)
        #expect(restored == room.hearing)
        #expect(restored.archiveOfClosedSession == archive)
    }

    @Test func anOfficialActsOnAClosedSessionAndIsRecorded() throws {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        room.official(.closeSession, at: Fixtures.at("10:02"))
        let facts = try room.hearing.arcoFacts(.cancel, folio: Fixtures.folio(1), by: Fixtures.moderator,
                                                at: Fixtures.at("11:00"))
        #expect(facts == [.personalDataCancelled(Fixtures.folio(1), by: Fixtures.moderator)])
        var hearing = room.hearing
        hearing.replay(facts.map { JournalEntry(at: Fixtures.at("11:00"), fact: $0) })
        #expect(hearing.archiveOfClosedSession?.protectedRecord.petitions.first?.arcoActions
                == [ArcoAction(kind: .cancelled, by: Fixtures.moderator, at: Fixtures.at("11:00"))])
        #expect(hearing.archiveOfClosedSession?.publicRecord == room.hearing.archiveOfClosedSession?.publicRecord)
    }
}
