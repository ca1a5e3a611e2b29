import Testing
@testable import AudienciaCore

/// The hearing tells waiting citizens their new place by tracking where the queue changed;
/// this checks it against the plain rule (everyone whose index holds someone else now, or
/// who is new) over a session that moves the queue every way it can move: check-ins (priority
/// ones too), calls, transfers back to the front, leaving, and the moderator's moves.
@Suite("Position updates: exactly the citizens whose place changed")
struct PositionUpdateTests {
    private func told(_ effects: [Effect]) -> [Folio: Int] {
        var told: [Folio: Int] = [:]
        for guidance in effects.allGuidance where guidance.key == .waiting || guidance.key == .next {
            told[guidance.folio] = guidance.position
        }
        return told
    }

    private func moved(from before: [Folio], to after: [Folio]) -> [Folio: Int] {
        var moved: [Folio: Int] = [:]
        for (index, folio) in after.enumerated() where index >= before.count || before[index] != folio {
            moved[folio] = index + 1
        }
        return moved
    }

    @Test func everyKindOfMoveTellsExactlyWhoMoved() {
        var room = Room.livePriority()
        var minute = 0
        var next = 1
        func now() -> Instant { minute += 1; return Fixtures.at("10:00", plusSeconds: Int64(minute * 60)) }

        // Each step is one input; after it, the queue is compared with the one before it.
        var steps: [(inout Room) -> [Effect]] = []
        let checkIn: (inout Room) -> [Effect] = { room in
            defer { next += 1 }
            return room.checkIn(next, at: now())
        }
        let call: (inout Room) -> [Effect] = { room in room.callNext(at: now()) }
        let answer: (inout Room) -> [Effect] = { room in
            guard let floor = room.hearing.floor else { return [] }
            return room.answer(floor.folio, by: Fixtures.mayor, at: now())
        }
        let transfer: (inout Room) -> [Effect] = { room in
            guard let floor = room.hearing.floor else { return [] }
            return room.official(.recordOutcome(folio: floor.folio, .transferred(to: Fixtures.tesoreria)),
                                 by: Fixtures.mayor, at: now())
        }
        let leaveMiddle: (inout Room) -> [Effect] = { room in
            let queue = room.hearing.queue
            guard queue.count > 2 else { return [] }
            let folio = queue[queue.count / 2]
            let n = room.hearing.petitions[folio].map(\.turno) ?? 0
            return room.leave(n, folio: folio, at: now())
        }
        let priorityCheckIn: (inout Room) -> [Effect] = { room in
            defer { next += 1 }
            return room.checkIn(next, Fixtures.priorityForm(next), at: now())
        }
        // The moderator moves the last one to the front, the first to the back, one to the middle.
        func move(_ pick: @escaping ([Folio]) -> Folio?, to position: @escaping ([Folio]) -> Int) -> (inout Room) -> [Effect] {
            { room in
                let queue = room.hearing.queue
                guard queue.count > 2, let folio = pick(queue) else { return [] }
                return room.official(.movePetition(folio: folio, toPosition: position(queue)), at: now())
            }
        }
        let moves = [move({ $0.last }, to: { _ in 1 }), move({ $0.first }, to: { $0.count }),
                     move({ $0[1] }, to: { $0.count / 2 + 1 })]
        for _ in 0..<8 { steps.append(checkIn) }
        for _ in 0..<3 { steps += [call, answer, checkIn, leaveMiddle, call, transfer, call, answer, checkIn] }
        steps += [leaveMiddle, checkIn, checkIn, call, transfer, leaveMiddle]
        steps += [priorityCheckIn, checkIn, priorityCheckIn] + moves + [call, priorityCheckIn] + moves

        var checked = 0
        for step in steps {
            let before = room.hearing.queue
            let effects = step(&room)
            #expect(told(effects) == moved(from: before, to: room.hearing.queue))
            checked += before == room.hearing.queue ? 0 : 1
        }
        #expect(checked > 40, "the steps must move the queue")
        #expect(room.hearing.counters.transferred == 4)
        #expect(room.hearing.petitions.values.contains { if case .left = $0.resolution { true } else { false } })

        // A room rebuilt from the journal starts where this one is: nobody is told twice.
        var restored = Hearing.restored(catalog: Fixtures.priorityCatalog, history: HearingHistory(), journal: room.journal)
        #expect(restored == room.hearing)
        #expect(told(restored.handle(.clockTicked, at: now())).isEmpty)
    }
}
