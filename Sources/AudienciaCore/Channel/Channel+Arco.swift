/// ARCO rights over a petition of the permanent channel: the citizen proves the folio is
/// theirs with its resume token (or an official acts on their request) and gets everything
/// the channel holds, corrects it or cancels it. Rectification and cancellation are channel
/// facts, journalled like any other; an export changes nothing.
extension Channel {
    mutating func arco(_ request: ArcoRequest, folio: Folio, resumeToken: String, connection: ConnectionID,
                       ref: String?, at now: Instant) -> [ChannelEffect] {
        // The same refusal for an unknown folio and a wrong token: guesses learn nothing.
        guard let petition = petitions[folio], !resumeToken.isEmpty, petition.resumeToken == resumeToken else {
            return [.send(.error(.arco(.arcoDenied), ref: ref), to: .connection(connection))]
        }
        let facts: [ChannelFact]
        do {
            facts = try arcoFacts(request, folio: petition.folio, by: nil, at: now)
        } catch {
            return [.send(.error(error, ref: ref), to: .connection(connection))]
        }
        var effects = facts.isEmpty ? [] : record(facts, at: now)
        if case .cancel = request {
            effects.append(.send(.ok(ref: ref), to: .connection(connection)))
        } else if let export = personalDataExport(folio, at: now) {
            effects.append(.send(.arcoData(export, ref: ref), to: .connection(connection)))
        }
        return effects
    }

    /// The facts an ARCO request causes, for a citizen (`by` nil, already authorised) or an
    /// official acting on their request (`audiencia arco`).
    public func arcoFacts(_ request: ArcoRequest, folio: Folio, by official: OfficialID?,
                          at now: Instant) throws(ChannelError) -> [ChannelFact] {
        guard let petition = petitions[folio] else { throw .arco(.arcoDenied) }
        switch request {
        case .export:
            return []
        case .rectify(let correction):
            guard !petition.citizen.isCancelled else { throw .arco(.personalDataCancelled) }
            do {
                return [.personalDataRectified(folio, try petition.citizen.rectified(with: correction), by: official)]
            } catch {
                throw .arco(error)
            }
        case .cancel:
            guard !petition.citizen.isCancelled else { throw .arco(.personalDataCancelled) }
            // The petition goes on under its folio, pseudonymous (right of petition).
            return [.personalDataCancelled(folio, by: official)]
        }
    }

    /// Everything the channel holds about `folio`, with its whole history and notes.
    public func personalDataExport(_ folio: Folio, at now: Instant) -> ChannelPersonalDataExport? {
        guard let petition = petitions[folio] else { return nil }
        return ChannelPersonalDataExport(petition: petition, status: status(of: folio, withNotes: true, at: now))
    }

    /// Folios answered before `cutoff` whose personal data is still held: what a retention
    /// purge removes. A petition still open keeps its data, whatever its age.
    public func answered(before cutoff: CivilDate) -> [Folio] {
        order.filter { folio in
            guard let petition = petitions[folio], !petition.citizen.isCancelled,
                  let answeredAt = petition.answeredAt else { return false }
            return catalog.clock.date(of: answeredAt) < cutoff
        }
    }
}

/// What the channel holds about one folio, for the person it belongs to: the petition with
/// its personal data and ARCO actions, and its status with every change and note.
public struct ChannelPersonalDataExport: Sendable, Equatable {
    public var petition: ChannelPetition
    public var status: FolioStatus

    public init(petition: ChannelPetition, status: FolioStatus) {
        self.petition = petition
        self.status = status
    }
}
