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
        guard form.consentAccepted else { throw .consentRequired }
        guard form.noticeVersion == catalog.privacy.version else { throw .noticeVersionMismatch }
        guard let name = form.name.trimmed(within: TextRules.name) else { throw .invalidName }
        let contact = form.contact?.trimmed
        guard TextRules.contact.contains(contact?.count ?? 0) else { throw .invalidContact }
        guard let description = form.description.trimmed(within: TextRules.description) else {
            throw .invalidDescription
        }
        guard catalog.colonia(form.coloniaID) != nil else { throw .unknownColonia }
        guard let service = catalog.service(form.serviceID) else { throw .unknownService }
        if let priority = form.priority {
            guard priority.expressConsent else { throw .sensitiveConsentRequired }
            guard catalog.privacy.sensitive.reason(priority.reasonID) != nil else { throw .unknownPriorityReason }
        }

        let year = catalog.clock.date(of: now).year
        let number = (year == folioYear ? folioNumber : 0) + 1
        var petition = Petition(
            folio: Folio(prefix: catalog.municipality.folioPrefix, year: year, number: number),
            turno: checkInOrder.count + 1, resumeToken: resumeToken,
            citizen: CitizenData(name: name, contact: contact?.isEmpty == false ? contact : nil,
                                 description: description, priorityReason: form.priority?.reasonID,
                                 salt: form.salt),
            coloniaID: form.coloniaID, serviceID: service.id, departmentID: service.departmentID,
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

    private func require(_ official: Official, is role: OfficialRole) throws(HearingError) {
        guard official.role == role else { throw .forbidden }
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
            return .citizenCalled(folio, officialID: chosen)
        }
        guard let answering = catalog.director(of: petition.departmentID) ?? catalog.mayor else {
            throw .unknownOfficial
        }
        return .citizenCalled(folio, officialID: answering.id)
    }

    /// Only the official holding the floor, or the mayor, records its outcome.
    private func outcome(_ form: OutcomeForm, folio: Folio, by official: Official,
                         at now: Instant) throws(HearingError) -> Fact {
        try requireOnFloor(folio)
        guard floor?.officialID == official.id || official.role == .mayor else {
            throw .notFloorOfficial
        }
        guard let petition = petitions[folio] else { throw .notOnFloor }
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
