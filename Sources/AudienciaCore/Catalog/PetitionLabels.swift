/// The public names of what a petition is about, as people read them: colonia, service and
/// the department (short name) answering it now.
public struct PetitionLabels: Sendable, Equatable {
    public var colonia: String
    public var service: String
    public var department: String

    public init(colonia: String, service: String, department: String) {
        self.colonia = colonia
        self.service = service
        self.department = department
    }
}

extension Catalog {
    public func labels(for petition: Petition) -> PetitionLabels {
        PetitionLabels(colonia: colonia(petition.coloniaID)?.name ?? "",
                       service: service(petition.serviceID)?.name ?? "",
                       department: department(petition.departmentID)?.shortName ?? "")
    }
}
