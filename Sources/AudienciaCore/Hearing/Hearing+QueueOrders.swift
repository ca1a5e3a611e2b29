/// The moderator's hold on the queue: moving a waiting petition (priority cases, a citizen
/// who must leave early) and handing one to another department before it is called, so that
/// department's director answers it. Neither touches the floor.
extension Hearing {
    func move(_ folio: Folio, to position: Int) throws(HearingError) -> [Fact] {
        guard let current = self.position(of: folio) else { throw .notWaiting }
        guard (1...queue.count).contains(position) else { throw .invalidPosition }
        return current == position ? [] : [.petitionMoved(folio, toPosition: position)]
    }

    func transferWaiting(_ folio: Folio, to target: DepartmentID, by id: OfficialID,
                         at now: Instant) throws(HearingError) -> Fact {
        guard self.position(of: folio) != nil, let petition = petitions[folio] else { throw .notWaiting }
        guard catalog.department(target) != nil else { throw .unknownDepartment }
        guard target != petition.departmentID else { throw .sameDepartment }
        return .petitionReassigned(folio, Transfer(from: petition.departmentID, to: target, by: id, at: now))
    }
}
