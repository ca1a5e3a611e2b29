/// The permanent channel (*atención ciudadana digital permanente*) as a value: petitions
/// taken between hearings and those a hearing left open, each moving from received to in
/// process to answered (or to another department) until it is answered. Like `Hearing`, it
/// has one entry point and no I/O, clock or randomness; it spans sessions, so it has its own
/// journal and never starts afresh.
public struct Channel: Sendable, Equatable {
    public let catalog: Catalog
    public internal(set) var petitions: [Folio: ChannelPetition] = [:]
    /// Folios in the order they joined the channel.
    public internal(set) var order: [Folio] = []
    /// The last folio the channel itself issued (the hearing issues the others).
    public internal(set) var lastFolio: Folio?

    public init(catalog: Catalog) { self.catalog = catalog }

    var officeHours: OfficeHours { OfficeHours(schedule: catalog.schedule, clock: catalog.clock) }

    public mutating func handle(_ input: ChannelInput, at now: Instant) -> [ChannelEffect] {
        switch input {
        case .checkIn(let form, let token, let last, let connection, let ref):
            do {
                let petition = try checkIn(form, resumeToken: token, after: last, at: now)
                return record([.petitionReceived(petition)], at: now) + [
                    .follow(connection, petition.folio),
                    .send(.received(folio: petition.folio, resumeToken: token,
                                    status(of: petition.folio, withNotes: true, at: now), ref: ref),
                          to: .connection(connection)),
                ]
            } catch {
                return [.send(.error(error, ref: ref), to: .connection(connection))]
            }
        case .handedOver(let petition, let resolution, let sessionID):
            guard let received = handOver(petition, resolution, sessionID: sessionID, at: now) else { return [] }
            return record([.petitionReceived(received)], at: now)
        case .statusAsked(let folio, let code, let follow, let connection, let ref):
            guard let petition = petitions[folio] else {
                return [.send(.error(.unknownFolio, ref: ref), to: .connection(connection))]
            }
            guard let code else {
                return [.send(.status(status(of: folio, withNotes: false, at: now), ref: ref), to: .connection(connection))]
            }
            guard code == petition.resumeToken else {
                return [.send(.error(.wrongResumeCode, ref: ref), to: .connection(connection))]
            }
            return (follow ? [.follow(connection, folio)] : [])
                + [.send(.status(status(of: folio, withNotes: true, at: now), ref: ref), to: .connection(connection))]
        case .official(.backlog, let id, let connection, let ref):
            guard let backlog = backlog(for: id, at: now) else {
                return [.send(.error(.forbidden, ref: ref), to: .connection(connection))]
            }
            return [.send(.backlog(backlog, ref: ref), to: .connection(connection))]
        case .official(.update(let folio, let form), let id, let connection, let ref):
            do {
                let change = try decide(form, on: folio, by: id, at: now)
                return record([.petitionChanged(folio, change)], at: now)
                    + [.send(.status(status(of: folio, withNotes: true, at: now), ref: nil), to: .citizen(folio)),
                       .send(.ok(ref: ref), to: .connection(connection))]
            } catch {
                return [.send(.error(error, ref: ref), to: .connection(connection))]
            }
        case .arco(let request, let folio, let token, let connection, let ref):
            return arco(request, folio: folio, resumeToken: token, connection: connection, ref: ref, at: now)
        }
    }

    mutating func record(_ facts: [ChannelFact], at now: Instant) -> [ChannelEffect] {
        var effects = facts.map { ChannelEffect.journal(ChannelJournalEntry(at: now, fact: $0)) }
        facts.forEach { apply($0, at: now) }
        effects.append(.refreshBacklogs)
        return effects
    }

    /// The only place the channel's state changes.
    mutating func apply(_ fact: ChannelFact, at now: Instant) {
        switch fact {
        case .petitionReceived(let petition):
            if petitions[petition.folio] == nil { order.append(petition.folio) }
            petitions[petition.folio] = petition
            if case .channel = petition.origin, lastFolio.map({ $0 < petition.folio }) ?? true {
                lastFolio = petition.folio
            }
        case .petitionChanged(let folio, let change):
            petitions[folio]?.history.append(change)
        case .personalDataRectified(let folio, let data, let by):
            petitions[folio]?.citizen = data
            petitions[folio]?.arcoActions.append(ArcoAction(kind: .rectified, by: by, at: now))
        case .personalDataCancelled(let folio, let by):
            petitions[folio]?.citizen = .cancelled
            petitions[folio]?.arcoActions.append(ArcoAction(kind: .cancelled, by: by, at: now))
        }
    }

    /// The channel as its journal left it.
    public static func restored(catalog: Catalog, journal: [ChannelJournalEntry]) -> Channel {
        var channel = Channel(catalog: catalog)
        journal.forEach { channel.apply($0.fact, at: $0.at) }
        return channel
    }
}
