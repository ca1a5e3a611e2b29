import AudienciaCore
import AudienciaJSON

/// Open311 GeoReport v2 documents (JSON), read-only: the service list and service requests.
/// A request is public: `service_request_id` is the folio, `agency_responsible` the
/// department, `address` the colonia, and `status_notes` is written from the status alone,
/// so no name, contact, description, commitment, answer or note typed by anyone is ever in it.
public enum Open311Encoder {
    /// GET services: one service per catalog service, grouped by department.
    public static func services(_ catalog: Catalog) -> JSON {
        .array(catalog.services.map { service in
            .object([
                "service_code": .string(service.id.rawValue),
                "service_name": .string(service.name),
                "description": .string(service.summary),
                "metadata": .bool(false),
                "type": "realtime",
                "keywords": .string(catalog.department(service.departmentID)?.shortName ?? ""),
                "group": .string(catalog.department(service.departmentID)?.shortName ?? service.departmentID.rawValue),
            ])
        })
    }

    /// One service request; `expected` is when the due date ends (the office's closing time).
    public static func request(_ petition: ChannelPetition, catalog: Catalog, expected: Instant?) -> JSON {
        let department = catalog.department(petition.departmentID)?.shortName ?? petition.departmentID.rawValue
        return .object([
            "service_request_id": .string(petition.folio.rawValue),
            "status": .string(petition.status == .answered ? "closed" : "open"),
            "status_notes": .string(statusNotes(petition, department: department)),
            "service_name": JSON(catalog.service(petition.serviceID)?.name),
            "service_code": .string(petition.serviceID.rawValue),
            "description": .null,
            "agency_responsible": .string(department),
            "service_notice": .null,
            "requested_datetime": JSON(petition.receivedAt),
            "updated_datetime": JSON(petition.history.last?.at),
            "expected_datetime": petition.status == .answered ? .null : JSON(expected),
            "address": JSON(catalog.colonia(petition.coloniaID)?.name),
            "address_id": .null,
            "zipcode": .null,
            "lat": .null,
            "long": .null,
            "media_url": .null,
        ])
    }

    /// GeoReport's error list: `[{"code": 400, "description": "…"}]`.
    public static func error(code: Int, _ description: String) -> JSON {
        .array([.object(["code": .int(Int64(code)), "description": .string(description)])])
    }

    static func statusNotes(_ petition: ChannelPetition, department: String) -> String {
        let due = petition.dueDate.map { " Fecha compromiso: \($0)." } ?? ""
        switch petition.history.last?.kind {
        case .inProcess: return "En proceso con \(department).\(due)"
        case .answered: return "Respondida por \(department)."
        case .transferred: return "Turnada a \(department).\(due)"
        case .received, nil: return "Recibida por \(department).\(due)"
        }
    }
}
