/// ARCO requests: a citizen proves the folio is theirs with its resume token and gets their
/// data, corrects it or cancels it. Rectification and cancellation are facts, journalled like
/// any other, so they survive a crash; an export changes nothing and records nothing.
extension Hearing {
    mutating func arco(_ request: ArcoRequest, folio: Folio, resumeToken: String, connection: ConnectionID,
              ref: String?, at now: Instant) -> [Effect] {
        let facts: [Fact]
        do {
            try authorizeArco(folio: folio, resumeToken: resumeToken)
            facts = try arcoFacts(request, folio: folio, by: nil, at: now)
        } catch {
            return [.send(.error(error, ref: ref), to: .connection(connection))]
        }
        var effects = record(facts, at: now, origin: Origin(connection: connection, ref: ref))
        if case .cancel = request {
            effects.append(.send(.ok(ref: ref), to: .connection(connection)))
        } else if let export = personalDataExport(folio) {
            effects.append(.send(.arcoData(export, ref: ref), to: .connection(connection)))
        }
        return effects
    }

    /// The same refusal whether the folio is unknown or the token wrong: a guess learns
    /// nothing about which folios exist. Once the session is archived, its records are
    /// changed through the archive (`audiencia arco`), not the live room.
    func authorizeArco(folio: Folio, resumeToken: String) throws(HearingError) {
        guard let petition = petitions[folio], !resumeToken.isEmpty,
              petition.resumeToken == resumeToken else { throw .arcoDenied }
        guard session?.phase != .closed else { throw .arcoSessionArchived }
    }

    /// The facts an ARCO request causes, for a citizen (`by` nil, already authorised) or for
    /// an official acting on a closed session's archive.
    public func arcoFacts(_ request: ArcoRequest, folio: Folio, by official: OfficialID?,
                          at now: Instant) throws(HearingError) -> [Fact] {
        guard let petition = petitions[folio] else { throw .arcoDenied }
        switch request {
        case .export:
            return []
        case .rectify(let correction):
            guard !petition.citizen.isCancelled else { throw .personalDataCancelled }
            return [.personalDataRectified(folio, try petition.citizen.rectified(with: correction), by: official)]
        case .cancel:
            guard !petition.citizen.isCancelled else { throw .personalDataCancelled }
            switch petition.stage {
            case .onFloor:
                throw .arcoOnFloor
            case .waiting:
                // Without their data the petition cannot be heard: it leaves the queue and
                // goes on, pseudonymous, in the permanent channel.
                return [.petitionResolved(folio, .left(dueDate: followUpDueDate(at: now))),
                        .personalDataCancelled(folio, by: official)]
            case .concluded:
                return [.personalDataCancelled(folio, by: official)]
            }
        }
    }

    /// Everything held about `folio`, with the names people read.
    public func personalDataExport(_ folio: Folio) -> PersonalDataExport? {
        guard let petition = petitions[folio] else { return nil }
        let reason = petition.citizen.priorityReason.flatMap { catalog.privacy.sensitive.reason($0)?.label }
        return PersonalDataExport(sessionID: session?.id, petition: petition, labels: catalog.labels(for: petition),
                                  priorityReason: reason, position: position(of: folio))
    }
}
