import Testing
@testable import AudienciaCore

@Suite("Public feed: snapshots, sequence numbers, privacy")
struct FeedTests {
    @Test func aViewerIsBoundAndGetsASnapshotWithTheCurrentSeq() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        let now = Fixtures.at("10:02")
        let effects = room.hearing.handle(.viewerConnected(Conn.viewer), at: now)
        #expect(effects == [
            .bind(Conn.viewer, .viewer),
            .send(.feedSnapshot(FeedSnapshot(seq: 3, board: room.hearing.board(at: now), announcements: [],
                                             recent: room.hearing.timeline)), to: .connection(Conn.viewer)),
        ])
        #expect(room.hearing.timeline.map(\.kind) == [.sessionOpened, .sessionLive, .checkedIn])
        #expect(room.hearing.feedSeq == 3)
    }

    @Test func aViewerOfAClosedRoomSeesSeqZeroAndTheNextSession() {
        var room = Room()
        let effects = room.hearing.handle(.viewerConnected(Conn.viewer), at: Fixtures.at("08:00"))
        guard case .send(.feedSnapshot(let snapshot), _)? = effects.last else {
            Issue.record("expected a snapshot"); return
        }
        #expect(snapshot.seq == 0)
        #expect(snapshot.recent.isEmpty)
        #expect(snapshot.board.session == SessionSummary(id: nil, phase: .closed, startsAt: nil, endsAt: nil,
                                                         nextSessionStart: Fixtures.at("10:00")))
    }

    @Test func everyAcceptedFactPublishesExactlyOneEventWithSeqIncreasingByOne() {
        let script = ScriptedSession()
        var expectedSeq = 0
        for step in script.steps {
            for event in step.published {
                expectedSeq += 1
                #expect(event.seq == expectedSeq)
            }
        }
        #expect(expectedSeq == 29)
        #expect(script.room.hearing.feedSeq == 29)
        #expect(script.room.hearing.timeline.count == 29)
        // Each event carries the timeline entry it announces.
        #expect(script.all.published.map(\.entry) == script.room.hearing.timeline)
        // The close publishes the carried-forward petitions and then the close itself.
        #expect(script.steps[script.steps.count - 2].published.map(\.entry.kind)
                == [.carriedForward, .carriedForward, .sessionClosed])
        // A snapshot taken mid-session continues exactly where the events are.
        #expect(script.snapshots.map(\.seq) == [15, 29])
    }

    @Test func refusedCommandsPublishNothing() {
        var room = Room.live()
        room.checkIn(1, at: Fixtures.at("10:01"))
        let seq = room.hearing.feedSeq
        let refused: [[Effect]] = [
            room.checkIn(2, Fixtures.form(consent: false), at: Fixtures.at("10:02")),
            room.official(.openSession, at: Fixtures.at("10:02")),
            room.official(.callNext(officialID: nil), by: Fixtures.dirAgua, at: Fixtures.at("10:02")),
            room.official(.markNoShow(folio: Fixtures.folio(1)), at: Fixtures.at("10:02")),
            room.official(.takeFloor, by: Fixtures.mayor, at: Fixtures.at("10:02")),
            room.official(.announce(text: "   "), at: Fixtures.at("10:02")),
            room.official(.announce(text: String(repeating: "x", count: 281)), at: Fixtures.at("10:02")),
            room.official(.announce(text: "Hola"), by: Fixtures.dirAgua, at: Fixtures.at("10:02")),
            room.leave(3, folio: nil, at: Fixtures.at("10:02")),
        ]
        for effects in refused {
            #expect(effects.count == 1)
            #expect(effects.published.isEmpty)
            #expect(effects.errors.count == 1)
        }
        #expect(refused.map { $0.errors.first } == [.consentRequired, .sessionAlreadyOpen, .forbidden, .floorEmpty,
                                                    .floorEmpty, .invalidAnnouncement, .invalidAnnouncement,
                                                    .forbidden, .notCheckedIn])
        #expect(room.hearing.feedSeq == seq)
    }

    @Test func seqNeverGoesBackAcrossSessions() {
        var room = Room.live()
        room.official(.closeSession, at: Fixtures.at("10:30"))
        let seq = room.hearing.feedSeq
        #expect(seq == 3)
        let reopened = room.official(.openSession, at: Fixtures.at("11:00"))
        #expect(reopened.published.map(\.seq) == [4])
    }

    @Test func announcementsArePublishedWithTheirText() throws {
        var room = Room.live()
        let effects = room.official(.announce(text: "  Receso de 10 minutos.  "), ref: "m5", at: Fixtures.at("10:20"))
        let event = try #require(effects.published.first)
        #expect(event.entry == TimelineEntry(at: Fixtures.at("10:20"), kind: .announcement, text: "Receso de 10 minutos."))
        #expect(room.hearing.announcements == [Announcement(number: 1, at: Fixtures.at("10:20"), text: "Receso de 10 minutos.")])
        #expect(effects.last == .send(.ok(ref: "m5"), to: .connection(Conn.moderator)))
        room.official(.announce(text: String(repeating: "y", count: 280)), at: Fixtures.at("10:21"))
        #expect(room.hearing.announcements.map(\.number) == [1, 2])
        #expect(effects.consoles.first?.announcements.map(\.text) == ["Receso de 10 minutos."])
    }

    @Test func snapshotsKeepOnlyTheRecentTimelineAndAnnouncements() {
        var room = Room.live()
        for n in 1...12 { room.official(.announce(text: "Aviso \(n)"), at: Fixtures.at("10:\(10 + n)")) }
        for n in 1...10 { room.checkIn(n, at: Fixtures.at("11:\(10 + n)")) }
        let effects = room.hearing.handle(.viewerConnected(Conn.viewer), at: Fixtures.at("12:00"))
        guard case .send(.feedSnapshot(let snapshot), _)? = effects.last else {
            Issue.record("expected a snapshot"); return
        }
        #expect(snapshot.seq == 24)
        #expect(snapshot.announcements.map(\.number) == Array(3...12))
        #expect(snapshot.recent.count == 20)
        #expect(snapshot.recent == Array(room.hearing.timeline.suffix(20)))
        #expect(snapshot.board.queueLength == 10)
    }

    @Test func theBoardShowsTheFloorByTurnoColoniaAndTopicOnly() throws {
        let script = ScriptedSession()
        // At 10:31 folio 3 (turno 3, Casa Blanca, predial) was on the floor with the Agua director after its transfer.
        let snapshot = try #require(script.snapshots.first)
        #expect(snapshot.board.floor == PublicFloor(
            turno: 3, colonia: "Casa Blanca", service: "Pago y aclaración de predial", department: "Agua Potable",
            officialName: "Rodrigo Alcántara Nava", officialTitle: "Director General del Organismo de Agua Potable",
            since: Fixtures.at("10:30")))
        #expect(snapshot.board.queueLength == 3)
        #expect(snapshot.board.counters.checkedIn == 6)
        #expect(snapshot.board.counters.waiting == 3)
        #expect(snapshot.board.counters.transferred == 1)
    }

    @Test func noPersonalDataEverReachesTheFeed() {
        let script = ScriptedSession()
        let events = script.all.published
        #expect(events.count == 29)
        #expect(script.snapshots.count == 2)
        let forbidden = ScriptedSession.personalStrings + ScriptedSession.folios.map(\.rawValue)
        var publicText = events.map { dumped($0) }.joined(separator: "\n")
        publicText += script.snapshots.map { dumped($0) }.joined(separator: "\n")
        for secret in forbidden {
            #expect(!publicText.contains(secret), "feed leaks \(secret)")
        }
        // Sanity: the same rendering does contain what is public.
        #expect(publicText.contains("Casa Blanca"))
        #expect(publicText.contains("Mariana Sotelo Arriaga"))
        #expect(publicText.contains(ScriptedSession.announcement))
        // And the personal data did flow — to officials and citizens only.
        let privateText = dumped(script.all.filter { if case .publish = $0 { false } else { true } })
        #expect(privateText.contains(ScriptedSession.citizens[0].name))
        #expect(privateText.contains(ScriptedSession.answer1))
    }

    @Test func viewersAndCitizensNeverReceiveTheConsoleOrBriefs() {
        let script = ScriptedSession()
        for effect in script.all {
            switch effect {
            case .send(.console, let to):
                #expect(to == .officials)
            case .send(.floorBrief, let to):
                guard case .official = to else { Issue.record("floor brief sent to \(to)"); continue }
            default:
                break
            }
        }
        #expect(script.all.consoles.count == script.steps.filter { !$0.published.isEmpty }.count)
    }

    @Test func theLastBoardShowsTheClosedRoomAndTheNextHearing() throws {
        let script = ScriptedSession()
        let board = try #require(script.all.published.last?.board)
        #expect(board.session == SessionSummary(
            id: "2026-12-01", phase: .closed, startsAt: Fixtures.at("10:00"), endsAt: Fixtures.at("14:00"),
            nextSessionStart: Fixtures.at("10:00", on: CivilDate(year: 2026, month: 12, day: 8))))
        #expect(board.floor == nil)
        #expect(board.queueLength == 0)
        #expect(board.counters == script.archive?.publicRecord.counters)
        #expect(script.snapshots.last?.board == board)
    }
}
