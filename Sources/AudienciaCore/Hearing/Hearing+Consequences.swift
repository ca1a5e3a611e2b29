/// Consequences: the messages an applied fact sends. Computed after `apply`, so they describe
/// the room as it now is.
extension Hearing {
    mutating func consequences(of fact: Fact, at now: Instant, origin: Origin?) -> [Effect] {
        var effects: [Effect] = []
        switch fact {
        case .sessionOpened:
            break
        case .sessionWentLive:
            effects += queue.compactMap { guide($0, .sessionOpened, at: now) }
        case .citizenCheckedIn(let petition):
            if let origin {
                effects.append(.bind(origin.connection, .citizen(petition.folio)))
                effects.append(.send(.checkInAccepted(receipt(for: petition), ref: origin.ref),
                                     to: .connection(origin.connection)))
            }
            let early = session?.phase == .checkIn
            effects += [guide(petition.folio, early ? .checkInBeforeOpening : .checkedIn, at: now)]
                .compactMap { $0 }
        case .citizenCalled(_, let officialID), .floorTaken(let officialID):
            effects += floorEffects(officialID: officialID, at: now)
        case .petitionMoved:
            break  // the position updates below tell everyone whose place changed
        case .petitionReassigned(let folio, _):
            // Same place, another department: the waiting prompt again, with its name.
            if let petition = petitions[folio] {
                effects.append(.send(.guidance(currentGuidance(for: petition, at: now)), to: .citizen(folio)))
            }
        case .petitionResolved(let folio, _), .petitionTransferred(let folio, _):
            if let petition = petitions[folio] {
                effects.append(.send(.guidance(outcomeGuidance(for: petition, at: now)),
                                     to: .citizen(folio)))
            }
        case .announcementPosted, .personalDataRectified, .personalDataCancelled:
            break
        case .sessionClosed:
            // Those carried forward at the close were just told so; the rest get a goodbye.
            effects += checkInOrder
                .filter { folio in
                    if case .carriedForward = petitions[folio]?.resolution { false } else { true }
                }
                .compactMap { guide($0, .sessionClosed, at: now) }
        }
        if fact.isPublic {
            effects.append(.publish(FeedEvent(seq: feedSeq, entry: timeline[timeline.count - 1],
                                              board: board(at: now))))
        }
        return effects
    }

    /// The citizen on the floor learns who answers them; that official gets the brief.
    private func floorEffects(officialID: OfficialID, at now: Instant) -> [Effect] {
        guard let floor, let petition = petitions[floor.folio] else { return [] }
        var effects = [Effect.send(.guidance(currentGuidance(for: petition, at: now)),
                                   to: .citizen(floor.folio))]
        if let brief = floorBrief() {
            effects.append(.send(.floorBrief(brief), to: .official(officialID)))
        }
        return effects
    }

    private func guide(_ folio: Folio, _ key: GuidanceKey, at now: Instant) -> Effect? {
        guard let petition = petitions[folio] else { return nil }
        return .send(.guidance(guidance(key, for: petition, at: now)), to: .citizen(folio))
    }

    /// Tells every waiting citizen whose place in the queue moved: "you are next" at the
    /// head, otherwise the new position and estimated wait.
    mutating func positionUpdates(at now: Instant) -> [Effect] {
        var effects: [Effect] = []
        for index in toldUpTo..<queue.count where index >= toldQueue.count || toldQueue[index] != queue[index] {
            if let petition = petitions[queue[index]] {
                effects.append(.send(.guidance(waitingGuidance(for: petition, position: index + 1, at: now)),
                                     to: .citizen(queue[index])))
            }
        }
        queueTold()
        return effects
    }

    /// Every waiting citizen now knows their place: the told copy catches up from where the
    /// queue last changed, not from the start.
    mutating func queueTold() {
        toldQueue.replaceSubrange(min(toldUpTo, toldQueue.count)..., with: queue[toldUpTo...])
        toldUpTo = queue.count
    }
}
