/// A check-in form that passed the rules the hearing and the channel share.
struct ValidCheckIn {
    var citizen: CitizenData
    var departmentID: DepartmentID
}

extension CheckInForm {
    /// The check-in rules of the hearing and the channel alike: consent to the current
    /// notice, the text limits, and a colonia and service from the catalog. The priority lane
    /// is the hearing's own (the channel has no queue): its reason is checked and kept only there.
    func validated(in catalog: Catalog) throws(HearingError) -> ValidCheckIn {
        guard consentAccepted else { throw .consentRequired }
        guard noticeVersion == catalog.privacy.version else { throw .noticeVersionMismatch }
        guard let name = name.trimmed(within: TextRules.name) else { throw .invalidName }
        let contact = contact?.trimmed
        guard TextRules.contact.contains(contact?.count ?? 0) else { throw .invalidContact }
        guard let description = description.trimmed(within: TextRules.description) else {
            throw .invalidDescription
        }
        guard catalog.colonia(coloniaID) != nil else { throw .unknownColonia }
        guard let service = catalog.service(serviceID) else { throw .unknownService }
        return ValidCheckIn(citizen: CitizenData(name: name, contact: contact?.isEmpty == false ? contact : nil,
                                                 description: description, salt: salt),
                            departmentID: service.departmentID)
    }
}
