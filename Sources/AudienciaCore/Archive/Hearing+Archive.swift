/// Builds the records of a closed session from the room's state.
extension Hearing {
    func archive(at now: Instant) -> SessionArchive {
        let all = checkInOrder.compactMap { petitions[$0] }
        let departments = catalog.departments.compactMap { department -> DepartmentTally? in
            let own = all.filter { $0.departmentID == department.id }
            guard !own.isEmpty else { return nil }
            let seconds = turns.filter { $0.departmentID == department.id }.map(\.seconds)
            return DepartmentTally(departmentID: department.id, department: department.shortName,
                                   counters: Counters(petitions: own, turnSeconds: seconds))
        }
        let publicPetitions = all.map { petition in
            let labels = catalog.labels(for: petition)
            return PublicRecord.Petition(
                turno: petition.turno, folio: petition.folio, colonia: labels.colonia,
                service: labels.service, department: labels.department,
                outcome: petition.resolution?.kind, dueDate: petition.resolution?.dueDate,
                transfers: petition.transfers.count, checkedInAt: petition.checkedInAt,
                calledAt: petition.firstCalledAt)
        }
        var closed = session ?? SessionInfo(id: "", date: catalog.clock.date(of: now), phase: .closed,
                                            openedAt: now, startsAt: now, scheduledEnd: nil,
                                            openedBy: nil)
        closed.closedAt = closed.closedAt ?? now
        return SessionArchive(
            municipality: catalog.municipality.name, session: closed,
            publicRecord: PublicRecord(timeline: timeline, petitions: publicPetitions,
                                       counters: counters, byDepartment: departments),
            protectedRecord: ProtectedRecord(petitions: all))
    }
}
