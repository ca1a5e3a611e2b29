/// The guidance engine ("paso a paso"): for each moment of a petition, the right prompt from
/// the seeds with its variables filled in, and the service's steps marked done, current or
/// pending.
extension Hearing {
    /// How many recent turns the estimated wait averages over.
    static let turnsForEstimate = 10

    /// The prompt that fits the petition right now; re-sent on resume.
    func currentGuidance(for petition: Petition, at now: Instant) -> Guidance {
        switch petition.stage {
        case .waiting:
            return waitingGuidance(for: petition, position: position(of: petition.folio), at: now)
        case .onFloor:
            return guidance(.onFloor, for: petition, at: now)
        case .concluded:
            return outcomeGuidance(for: petition, at: now)
        }
    }

    /// "You are next" at the head of a live queue, otherwise the place and the wait.
    func waitingGuidance(for petition: Petition, position: Int?, at now: Instant) -> Guidance {
        let isNext = position == 1 && session?.phase == .live
        return guidance(isNext ? .next : .waiting, for: petition, position: position, at: now)
    }

    func outcomeGuidance(for petition: Petition, at now: Instant) -> Guidance {
        let key: GuidanceKey
        switch petition.resolution {
        case .answeredNow: key = .answered
        case .inProcess: key = .inProcess
        case .noShow: key = .noShow
        case .left: key = .left
        case .carriedForward: key = .carriedForward
        case nil: key = petition.transfers.isEmpty ? .waiting : .transferred
        }
        return guidance(key, for: petition, at: now)
    }

    func guidance(_ key: GuidanceKey, for petition: Petition, at now: Instant) -> Guidance {
        guidance(key, for: petition, position: position(of: petition.folio), at: now)
    }

    /// `position` is the petition's place in the queue, when the caller already knows it.
    func guidance(_ key: GuidanceKey, for petition: Petition, position: Int?, at now: Instant) -> Guidance {
        let wait = position.map { estimatedWaitMinutes(position: $0, at: now) }
        // The two parts of the room a prompt can name, taken out first: a closure over the
        // whole hearing made a copy of it (every field retained and released) per prompt.
        let catalog = catalog, floor = floor
        return Guidance(
            folio: petition.folio, key: key,
            prompt: catalog.guidance.render(key) {
                Self.variable($0, for: petition, position: position, wait: wait, catalog: catalog, floor: floor)
            },
            steps: steps(for: petition), position: position, estimatedWaitMinutes: wait)
    }

    /// The value of one `{name}` in a prompt about `petition`; nil leaves the placeholder
    /// visible. Computed per placeholder: a prompt names only a few of them.
    private static func variable(_ name: String, for petition: Petition, position: Int?, wait: Int?,
                                 catalog: Catalog, floor: Floor?) -> String? {
        switch name {
        case "turno": return "\(petition.turno)"
        case "folio": return petition.folio.rawValue
        case "service": return catalog.labels(for: petition).service
        case "department":
            if case .inProcess(_, let owner, _, _) = petition.resolution {
                return catalog.department(owner)?.shortName ?? ""
            }
            return catalog.labels(for: petition).department
        case "channelHours": return catalog.schedule.permanentChannelHours
        case "start": return "\(catalog.schedule.hearing.start)"
        case "position", "ahead", "wait":
            guard let position, let wait else { return nil }
            return name == "position" ? "\(position)" : name == "ahead" ? "\(position - 1)" : "\(wait)"
        case "official", "role":
            guard let floor, floor.folio == petition.folio, let official = catalog.official(floor.officialID) else {
                return nil
            }
            return name == "official" ? official.name : official.title
        case "answer":
            if case .answeredNow(let answer, _) = petition.resolution { return answer }
            return nil
        case "commitment":
            if case .inProcess(let commitment, _, _, _) = petition.resolution { return commitment }
            return nil
        case "dueDate":
            if case .inProcess(_, _, let due, _) = petition.resolution { return "\(due)" }
            return nil
        default: return nil
        }
    }

    /// Steps of the petition's stage are current, earlier ones done, later ones pending.
    private func steps(for petition: Petition) -> [StepProgress] {
        let stage: GuidanceStage = switch petition.stage {
        case .waiting: .waiting
        case .onFloor: .floor
        case .concluded: .outcome
        }
        return (catalog.service(petition.serviceID)?.steps ?? []).map { step in
            StepProgress(title: step.title, detail: step.detail,
                         state: step.stage < stage ? .done : step.stage == stage ? .current : .pending)
        }
    }

    /// Minutes until the citizen at `position` reaches the floor: the rest of the current
    /// turn plus one mean turn per person ahead, from the last measured turns (the seeds'
    /// default until there are any), plus the time until the start if not yet live.
    func estimatedWaitMinutes(position: Int, at now: Instant) -> Int {
        let recent = turns.suffix(Self.turnsForEstimate).map(\.seconds)
        let mean = recent.isEmpty
            ? Int64(catalog.schedule.hearing.defaultTurnMinutes) * 60
            : recent.reduce(0, +) / Int64(recent.count)
        var seconds = Int64(position - 1) * mean
        if let floor { seconds += max(mean - now.seconds(since: floor.since), 0) }
        if let session, session.phase == .checkIn { seconds += max(session.startsAt.seconds(since: now), 0) }
        return Int((seconds + 59) / 60)
    }
}
