/// Deciding: turns an order into the facts it causes, or refuses it. Nothing here changes
/// state.
extension Channel {
    func checkIn(_ form: CheckInForm, resumeToken: String, after last: Folio?,
                 at now: Instant) throws(ChannelError) -> ChannelPetition {
        let valid: ValidCheckIn
        do {
            valid = try form.validated(in: catalog)
        } catch {
            throw .checkIn(error)
        }
        let latest = [last, lastFolio].compactMap { $0 }.max()
        let year = catalog.clock.date(of: now).year
        let number = (latest?.yearAndNumber?.year == year ? latest?.yearAndNumber?.number ?? 0 : 0) + 1
        let due = catalog.schedule.addingWorkingDays(catalog.municipality.followUpWorkingDays,
                                                     to: catalog.clock.date(of: now))
        let reception = ChannelChange(at: now, kind: .received, by: nil, note: prompts.receivedNote,
                                      departmentID: valid.departmentID, dueDate: due)
        return ChannelPetition(folio: Folio(prefix: catalog.municipality.folioPrefix, year: year, number: number),
                               resumeToken: resumeToken, citizen: valid.citizen, coloniaID: form.coloniaID,
                               serviceID: form.serviceID, consent: Consent(noticeVersion: form.noticeVersion, at: now),
                               receivedAt: now, origin: .channel, history: [reception])
    }

    /// A hearing's petition once it has its outcome, as the channel takes it over: one still
    /// needing an answer to be followed up, one answered on the floor already answered, so
    /// every folio can be checked later. Nil for one already in the channel.
    func handOver(_ petition: Petition, _ resolution: Resolution, sessionID: String,
                  at now: Instant) -> ChannelPetition? {
        guard petitions[petition.folio] == nil else { return nil }
        var history: [ChannelChange] = []
        switch resolution {
        case .answeredNow(let answer, let by):
            history = [ChannelChange(at: petition.checkedInAt, kind: .received, by: nil, note: prompts.hearingNote,
                                     departmentID: petition.departmentID, dueDate: nil),
                       ChannelChange(at: now, kind: .answered, by: by, note: answer,
                                     departmentID: petition.departmentID, dueDate: nil)]
        case .inProcess(let commitment, let owner, let due, let by):
            history = [ChannelChange(at: now, kind: .inProcess, by: by, note: commitment, departmentID: owner, dueDate: due)]
        case .noShow(let due), .left(let due), .carriedForward(let due):
            history = [ChannelChange(at: now, kind: .received, by: nil, note: prompts.handedOverNote(resolution),
                                     departmentID: petition.departmentID, dueDate: due)]
        }
        // The priority reason is sensitive data the channel has no use for: it stays with the
        // hearing's records (and is never written to the channel's journal).
        var citizen = petition.citizen
        citizen.priorityReason = nil
        return ChannelPetition(folio: petition.folio, resumeToken: petition.resumeToken, citizen: citizen,
                               coloniaID: petition.coloniaID, serviceID: petition.serviceID,
                               consent: petition.consent, receivedAt: petition.checkedInAt,
                               origin: .hearing(sessionID: sessionID, outcome: resolution.kind), history: history)
    }

    /// Directors act on their department's petitions, the mayor on every one.
    func decide(_ form: ChannelUpdateForm, on folio: Folio, by id: OfficialID,
                at now: Instant) throws(ChannelError) -> ChannelChange {
        guard let official = catalog.official(id) else { throw .forbidden }
        guard let petition = petitions[folio] else { throw .unknownFolio }
        switch official.role {
        case .mayor: break
        case .director: guard official.departmentID == petition.departmentID else { throw .forbiddenDepartment }
        case .moderator: throw .forbidden
        }
        guard petition.status != .answered else { throw .petitionAnswered }
        switch form {
        case .inProcess(let commitment, let due):
            guard let commitment = commitment.trimmed(within: TextRules.commitment) else { throw .invalidCommitment }
            guard due >= catalog.clock.date(of: now) else { throw .invalidDueDate }
            return ChannelChange(at: now, kind: .inProcess, by: id, note: commitment,
                                 departmentID: petition.departmentID, dueDate: due)
        case .answered(let answer):
            guard let answer = answer.trimmed(within: TextRules.answer) else { throw .invalidAnswer }
            return ChannelChange(at: now, kind: .answered, by: id, note: answer,
                                 departmentID: petition.departmentID, dueDate: nil)
        case .transferred(let target, let note):
            guard catalog.department(target) != nil else { throw .unknownDepartment }
            guard target != petition.departmentID else { throw .sameDepartment }
            guard let note = note.trimmed(within: TextRules.commitment) else { throw .invalidNote }
            return ChannelChange(at: now, kind: .transferred, by: id, note: note, departmentID: target, dueDate: nil)
        }
    }
}
