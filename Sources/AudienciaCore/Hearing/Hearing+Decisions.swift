/// Deciding: turns an order into the facts it causes, or refuses it with a reason. Nothing
/// here changes state; `apply` does that once the facts are accepted.
extension Hearing {
    func decide(_ command: CitizenCommand, folio: Folio?, at now: Instant) throws(HearingError) -> [Fact] {
        switch command {
        case .checkIn(let form, let resumeToken):
            return [.citizenCheckedIn(try checkIn(form, resumeToken: resumeToken, bound: folio, at: now))]
        case .leave:
            guard let folio, let petition = petitions[folio] else { throw .notCheckedIn }
            guard petition.stage != .concluded else { throw .petitionConcluded }
            return [.petitionResolved(folio, .left(dueDate: followUpDueDate(at: now)))]
        case .arco(let request, let folio, let token):
            try authorizeArco(folio: folio, resumeToken: token)
            return try arcoFacts(request, folio: folio, by: nil, at: now)
        }
    }

    private func checkIn(_ form: CheckInForm, resumeToken: String, bound: Folio?,
                         at now: Instant) throws(HearingError) -> Petition {
        guard let session, session.phase != .closed else { throw .sessionClosed }
        // A connection still bound to a petition of an earlier session may check in again.
        guard bound.flatMap({ petitions[$0] }) == nil else { throw .alreadyCheckedIn }
        let valid = try form.validated(in: catalog)
        if let priority = form.priority {
            guard priority.expressConsent else { throw .sensitiveConsentRequired }
            guard catalog.privacy.sensitive.reason(priority.reasonID) != nil else { throw .unknownPriorityReason }
        }
        var citizen = valid.citizen
        citizen.priorityReason = form.priority?.reasonID

        let year = catalog.clock.date(of: now).year
        let number = (year == folioYear ? folioNumber : 0) + 1
        var petition = Petition(
            folio: Folio(prefix: catalog.municipality.folioPrefix, year: year, number: number),
            turno: checkInOrder.count + 1, resumeToken: resumeToken,
            citizen: citizen, coloniaID: form.coloniaID, serviceID: form.serviceID, departmentID: valid.departmentID,
            consent: Consent(noticeVersion: form.noticeVersion, at: now), checkedInAt: now)
        if form.priority != nil {
            petition.priority = true
            petition.sensitiveConsent = Consent(noticeVersion: form.noticeVersion, at: now)
        }
        return petition
    }

    func decide(_ command: OfficialCommand, by id: OfficialID, at now: Instant) throws(HearingError) -> [Fact] {
        guard let official = catalog.official(id) else { throw .unknownOfficial }
        switch command {
        case .openSession:
            try require(official, is: .moderator)
            return try openSession(by: id, at: now)
        case .closeSession:
            try require(official, is: .moderator)
            guard let session, session.phase != .closed else { throw .sessionClosed }
            return closingFacts(by: id, at: now)
        case .callNext(let chosen):
            try require(official, is: .moderator)
            return [try callNext(chosen)]
        case .markNoShow(let folio):
            try require(official, is: .moderator)
            try requireOnFloor(folio)
            return [.petitionResolved(folio, .noShow(dueDate: followUpDueDate(at: now)))]
        case .movePetition(let folio, let position):
            try require(official, is: .moderator)
            return try move(folio, to: position)
        case .transferPetition(let folio, let target):
            try require(official, is: .moderator)
            return [try transferWaiting(folio, to: target, by: id, at: now)]
        case .takeFloor:
            try require(official, is: .mayor)
            guard let floor else { throw .floorEmpty }
            return floor.officialID == id ? [] : [.floorTaken(by: id)]
        case .recordOutcome(let folio, let form):
            return [try outcome(form, folio: folio, by: official, at: now)]
        case .announce(let text):
            try require(official, is: .moderator)
            guard let text = text.trimmed(within: TextRules.announcement) else {
                throw .invalidAnnouncement
            }
            return [.announcementPosted(Announcement(number: announcements.count + 1, at: now, text: text))]
        }
    }

    func require(_ official: Official, is role: OfficialRole) throws(HearingError) {
        guard official.role == role else { throw .forbidden }
    }

    /// Directors act on their own department's petitions; the mayor on any.
    func requireDepartment(of petition: Petition, allows official: Official) throws(HearingError) {
        guard official.role != .director || official.departmentID == petition.departmentID else {
            throw .forbiddenDepartment
        }
    }

    private func requireOnFloor(_ folio: Folio) throws(HearingError) {
        guard let floor else { throw .floorEmpty }
        guard floor.folio == folio else { throw .notOnFloor }
    }

    private func openSession(by id: OfficialID?, at now: Instant) throws(HearingError) -> [Fact] {
        switch session?.phase {
        case .live: throw .sessionAlreadyOpen
        case .checkIn: return [.sessionWentLive(by: id)]
        case .closed, nil:
            let date = catalog.clock.date(of: now)
            let hearing = catalog.schedule.hearing
            let end = catalog.clock.instant(on: date, at: hearing.end)
            let scheduled = catalog.schedule.isHearingDay(date) && now < end
            return [.sessionOpened(newSession(on: date, phase: .live, startsAt: now,
                                              end: scheduled ? end : nil, by: id, at: now))]
        }
    }

    func newSession(on date: CivilDate, phase: SessionPhase, startsAt: Instant, end: Instant?,
                    by id: OfficialID?, at now: Instant) -> SessionInfo {
        let ordinal = lastSessionDate == date ? sessionsOnLastDate + 1 : 1
        return SessionInfo(id: ordinal == 1 ? "\(date)" : "\(date)-\(ordinal)", date: date,
                           phase: phase, openedAt: now, startsAt: startsAt, scheduledEnd: end,
                           openedBy: id)
    }

    private func callNext(_ chosen: OfficialID?) throws(HearingError) -> Fact {
        guard let session, session.phase != .closed else { throw .sessionClosed }
        guard session.phase == .live else { throw .sessionNotLive }
        guard floor == nil else { throw .floorOccupied }
        guard let folio = queue.first, let petition = petitions[folio] else { throw .queueEmpty }
        if let chosen {
            guard let official = catalog.official(chosen) else { throw .unknownOfficial }
            guard official.role != .moderator else { throw .forbidden }
            // A director answers only their own department: the moderator transfers first.
            try requireDepartment(of: petition, allows: official)
            return .citizenCalled(folio, officialID: chosen)
        }
        guard let answering = catalog.director(of: petition.departmentID) ?? catalog.mayor else {
            throw .unknownOfficial
        }
        return .citizenCalled(folio, officialID: answering.id)
    }

    /// Only the official holding the floor, or the mayor, records its outcome; a director of
    /// another department is told so first.
    private func outcome(_ form: OutcomeForm, folio: Folio, by official: Official,
                         at now: Instant) throws(HearingError) -> Fact {
        try requireOnFloor(folio)
        guard let petition = petitions[folio] else { throw .notOnFloor }
        try requireDepartment(of: petition, allows: official)
        guard floor?.officialID == official.id || official.role == .mayor else {
            throw .notFloorOfficial
        }
        switch form {
        case .answeredNow(let answer):
            guard let answer = answer.trimmed(within: TextRules.answer) else { throw .invalidAnswer }
            return .petitionResolved(folio, .answeredNow(answer: answer, by: official.id))
        case .inProcess(let commitment, let department, let dueDate):
            guard let commitment = commitment.trimmed(within: TextRules.commitment) else {
                throw .invalidCommitment
            }
            let owner = department ?? petition.departmentID
            guard catalog.department(owner) != nil else { throw .unknownDepartment }
            guard dueDate >= catalog.clock.date(of: now) else { throw .invalidDueDate }
            return .petitionResolved(folio, .inProcess(commitment: commitment, departmentID: owner,
                                                       dueDate: dueDate, by: official.id))
        case .transferred(let target):
            guard catalog.department(target) != nil else { throw .unknownDepartment }
            guard target != petition.departmentID else { throw .sameDepartment }
            return .petitionTransferred(folio, Transfer(from: petition.departmentID, to: target,
                                                        by: official.id, at: now))
        }
    }

    /// Nobody is dropped: whoever is still waiting, or on the floor without an outcome, is
    /// carried into the permanent channel before the session closes.
    func closingFacts(by id: OfficialID?, at now: Instant) -> [Fact] {
        let due = followUpDueDate(at: now)
        let pending = (floor.map { [$0.folio] } ?? []) + queue
        return pending.map { .petitionResolved($0, .carriedForward(dueDate: due)) }
            + [.sessionClosed(by: id, carriedForwardDue: due)]
    }

    /// The date the permanent channel commits to for petitions it inherits.
    func followUpDueDate(at now: Instant) -> CivilDate {
        catalog.schedule.addingWorkingDays(catalog.municipality.followUpWorkingDays,
                                           to: catalog.clock.date(of: now))
    }

    /// What the schedule does on its own as time passes: open check-in early, start at the
    /// hour, close at the end. A session the moderator opened outside the schedule has no
    /// scheduled end and is left alone.
    func scheduledFacts(at now: Instant) -> [Fact] {
        let clock = catalog.clock
        let hearing = catalog.schedule.hearing
        let today = clock.date(of: now)
        let start = clock.instant(on: today, at: hearing.start)
        let end = clock.instant(on: today, at: hearing.end)
        switch session?.phase {
        case .live:
            guard let scheduledEnd = session?.scheduledEnd, now >= scheduledEnd else { return [] }
            return closingFacts(by: nil, at: now)
        case .checkIn:
            return now >= (session?.startsAt ?? start) ? [.sessionWentLive(by: nil)] : []
        case .closed, nil:
            let opensAt = start.adding(minutes: -hearing.checkInOpensMinutesBefore)
            guard catalog.schedule.isHearingDay(today), lastSessionDate != today,
                  now >= opensAt, now < end else { return [] }
            return [.sessionOpened(newSession(on: today, phase: now < start ? .checkIn : .live,
                                              startsAt: start, end: end, by: nil, at: now))]
        }
    }
}
