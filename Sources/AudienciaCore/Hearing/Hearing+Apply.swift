/// Applying: the only place the hearing's state changes. Each fact is applied exactly as it
/// was decided, so replaying facts rebuilds the same room.
extension Hearing {
    mutating func apply(_ fact: Fact, at now: Instant) {
        switch fact {
        case .sessionOpened(let info):
            startFresh(with: info)
        case .sessionWentLive:
            session?.phase = .live
            session?.startsAt = now
        case .citizenCheckedIn(let petition):
            petitions[petition.folio] = petition
            checkInOrder.append(petition.folio)
            let place = petition.priority ? priorityPlace() : queue.count
            queueChanges(from: place)
            queue.insert(petition.folio, at: place)
            resumeIndex[petition.resumeToken] = petition.folio
            tally.checkedIn += 1
            history.lastFolio = petition.folio
        case .citizenCalled(let folio, let officialID):
            removeFromQueue(folio)
            floor = Floor(folio: folio, officialID: officialID, since: now)
            petitions[folio]?.stage = .onFloor
            if let petition = petitions[folio], petition.firstCalledAt == nil {
                petitions[folio]?.firstCalledAt = now
                tally.addWait(now.seconds(since: petition.checkedInAt))
            }
        case .floorTaken(let officialID):
            floor?.officialID = officialID
        case .petitionResolved(let folio, let resolution):
            switch resolution {
            case .answeredNow, .inProcess: endTurn(of: folio, at: now, measured: true)
            case .noShow, .left, .carriedForward: endTurn(of: folio, at: now, measured: false)
            }
            removeFromQueue(folio)
            petitions[folio]?.stage = .concluded
            petitions[folio]?.resolution = resolution
            tally.add(resolution)
        case .petitionTransferred(let folio, let transfer):
            endTurn(of: folio, at: now, measured: true)
            petitions[folio]?.departmentID = transfer.to
            petitions[folio]?.transfers.append(transfer)
            tally.transferred += 1
            petitions[folio]?.stage = .waiting
            // The citizen already waited their turn: they go back at the front.
            queueChanges(from: 0)
            queue.insert(folio, at: 0)
        case .petitionReassigned(let folio, let transfer):
            petitions[folio]?.departmentID = transfer.to
            petitions[folio]?.transfers.append(transfer)
            tally.transferred += 1
        case .petitionMoved(let folio, let position):
            let from = queue.firstIndex(of: folio) ?? queue.count
            queue.removeAll { $0 == folio }
            let to = min(max(position - 1, 0), queue.count)
            queueChanges(from: min(from, to))
            queue.insert(folio, at: to)
        case .announcementPosted(let announcement):
            announcements.append(announcement)
        case .sessionClosed:
            session?.phase = .closed
            session?.closedAt = now
            floor = nil
        case .personalDataRectified(let folio, let data, let by):
            petitions[folio]?.citizen = data
            petitions[folio]?.arcoActions.append(ArcoAction(kind: .rectified, by: by, at: now))
        case .personalDataCancelled(let folio, let by):
            petitions[folio]?.citizen = .cancelled
            petitions[folio]?.arcoActions.append(ArcoAction(kind: .cancelled, by: by, at: now))
        }
        guard let line = entry(for: fact, at: now) else { return }
        timeline.append(line)
        feedSeq += 1
    }

    /// The priority lane: a priority petition goes ahead of every waiting petition that is
    /// neither priority nor back from a transfer (those already waited their turn), and
    /// behind earlier priority ones, so priority petitions keep their arrival order.
    private func priorityPlace() -> Int {
        queue.firstIndex { folio in
            guard let petition = petitions[folio] else { return true }
            return !petition.priority && petition.transfers.isEmpty
        } ?? queue.count
    }

    private mutating func startFresh(with info: SessionInfo) {
        // Counted from the session's id, so replaying a session already in the history
        // (archived just before a crash) does not count it twice.
        history.record(sessionID: info.id)
        session = info
        petitions = [:]
        checkInOrder = []
        queue = []
        floor = nil
        turns = []
        announcements = []
        timeline = []
        resumeIndex = [:]
        toldQueue = []
        toldUpTo = 0
        tally = Tally()
    }

    private mutating func removeFromQueue(_ folio: Folio) {
        guard let index = queue.firstIndex(of: folio) else { return }
        queueChanges(from: index)
        queue.removeAll { $0 == folio }
    }

    /// Everyone from `index` on may have a new place (see `positionUpdates`).
    private mutating func queueChanges(from index: Int) {
        toldUpTo = min(toldUpTo, index)
    }

    private mutating func endTurn(of folio: Folio, at now: Instant, measured: Bool) {
        guard let floor, floor.folio == folio else { return }
        if measured, let department = petitions[folio]?.departmentID {
            let seconds = now.seconds(since: floor.since)
            turns.append(Turn(folio: folio, departmentID: department, seconds: seconds))
            tally.addTurn(seconds)
        }
        self.floor = nil
    }

    /// The public line for a fact: pseudonyms and public names only; nil for facts that are
    /// not public (ARCO), which neither reach the minutes nor the feed.
    func entry(for fact: Fact, at now: Instant) -> TimelineEntry? {
        switch fact {
        case .sessionOpened: return TimelineEntry(at: now, kind: .sessionOpened)
        case .sessionWentLive: return TimelineEntry(at: now, kind: .sessionLive)
        case .citizenCheckedIn(let petition): return petitionEntry(.checkedIn, petition.folio, at: now)
        case .citizenCalled(let folio, let officialID):
            var line = petitionEntry(.called, folio, at: now)
            line.official = catalog.official(officialID)?.name
            return line
        case .floorTaken(let officialID):
            var line = floor.map { petitionEntry(.floorTaken, $0.folio, at: now) }
                ?? TimelineEntry(at: now, kind: .floorTaken)
            line.official = catalog.official(officialID)?.name
            return line
        case .petitionResolved(let folio, let resolution):
            let kind = TimelineEntry.Kind(rawValue: resolution.kind) ?? .inProcess
            var line = petitionEntry(kind, folio, at: now)
            line.dueDate = resolution.dueDate
            if case .inProcess(_, let owner, _, _) = resolution {
                line.department = catalog.department(owner)?.shortName
            }
            return line
        case .petitionTransferred(let folio, _), .petitionReassigned(let folio, _):
            return petitionEntry(.transferred, folio, at: now)
        case .petitionMoved(let folio, _): return petitionEntry(.moved, folio, at: now)
        case .announcementPosted(let announcement):
            return TimelineEntry(at: now, kind: .announcement, text: announcement.text)
        case .sessionClosed: return TimelineEntry(at: now, kind: .sessionClosed)
        case .personalDataRectified, .personalDataCancelled:
            return nil
        }
    }

    private func petitionEntry(_ kind: TimelineEntry.Kind, _ folio: Folio, at now: Instant) -> TimelineEntry {
        guard let petition = petitions[folio] else { return TimelineEntry(at: now, kind: kind) }
        let labels = catalog.labels(for: petition)
        return TimelineEntry(at: now, kind: kind, turno: petition.turno, colonia: labels.colonia,
                             service: labels.service, department: labels.department)
    }
}
