/// What the channel shows: a folio's status to its citizen (or, without notes, to anyone
/// with the folio), and each official's backlog.
extension Channel {
    public func status(of folio: Folio, withNotes: Bool, at now: Instant) -> FolioStatus {
        let petition = petitions[folio]
        let history = petition?.history ?? []
        let departmentName = { (id: DepartmentID) in catalog.department(id)?.shortName ?? id.rawValue }
        let department = departmentName(petition?.departmentID ?? "")
        return FolioStatus(
            folio: folio, status: petition?.status ?? .received,
            departmentID: petition?.departmentID ?? "", department: department,
            service: petition.flatMap { catalog.service($0.serviceID)?.name } ?? "",
            colonia: petition.flatMap { catalog.colonia($0.coloniaID)?.name } ?? "",
            receivedAt: petition?.receivedAt ?? now, dueDate: petition?.dueDate,
            overdue: petition?.isOverdue(on: catalog.clock.date(of: now)) ?? false,
            withNotes: withNotes,
            nextStep: petition.map { prompts.nextStep(for: $0, department: department, withNotes: withNotes,
                                                      hours: officeHours, at: now) } ?? "",
            history: history.map {
                FolioStatus.Step(at: $0.at, kind: $0.kind, department: departmentName($0.departmentID),
                                 dueDate: $0.dueDate, note: withNotes ? $0.note : nil)
            })
    }

    /// A director's department, or every department for the mayor; nil for anyone else.
    public func backlog(for id: OfficialID, at now: Instant) -> ChannelBacklog? {
        guard let official = catalog.official(id) else { return nil }
        let department: DepartmentID?
        switch official.role {
        case .mayor: department = nil
        case .director:
            guard let own = official.departmentID else { return nil }
            department = own
        case .moderator: return nil
        }
        let today = catalog.clock.date(of: now)
        let open = order.compactMap { petitions[$0] }.filter {
            $0.status != .answered && (department == nil || $0.departmentID == department)
        }
        let overdue = open.filter { $0.isOverdue(on: today) }
            .sorted { ($0.dueDate ?? today, $0.receivedAt) < ($1.dueDate ?? today, $1.receivedAt) }
        let onTime = open.filter { !$0.isOverdue(on: today) }.sorted { $0.receivedAt < $1.receivedAt }
        return ChannelBacklog(departmentID: department, today: today,
                              items: (overdue + onTime).map { item($0, today: today) })
    }

    private func item(_ petition: ChannelPetition, today: CivilDate) -> BacklogItem {
        let origin: String
        switch petition.origin {
        case .channel: origin = "channel"
        case .hearing(let sessionID, _): origin = sessionID
        }
        return BacklogItem(
            folio: petition.folio, status: petition.status, departmentID: petition.departmentID,
            department: catalog.department(petition.departmentID)?.shortName ?? petition.departmentID.rawValue,
            service: catalog.service(petition.serviceID)?.name ?? "",
            colonia: catalog.colonia(petition.coloniaID)?.name ?? "",
            name: petition.citizen.name, contact: petition.citizen.contact,
            description: petition.citizen.description, receivedAt: petition.receivedAt,
            dueDate: petition.dueDate, overdue: petition.isOverdue(on: today), origin: origin,
            lastChange: petition.history[petition.history.count - 1])
    }
}
