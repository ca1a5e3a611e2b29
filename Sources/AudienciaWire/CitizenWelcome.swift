import AudienciaCore
import AudienciaJSON

/// The citizens' `welcome` in two parts: the session, which changes, and the catalog, the same
/// bytes for every citizen for as long as the server runs, so the server has jansson write it
/// once (`EncodedObject`) and joins it to each welcome's session.
extension ServerEncoder {
    /// A citizen's `welcome` with the catalog's text from `citizenCatalogText(_:)`: the same
    /// bytes as `encode(.citizenWelcome(…)).serialized()`.
    public static func citizenWelcome(session: SessionSummary, catalogText: EncodedObject) -> [UInt8] {
        catalogText.appended(to: welcomeHead(session))
    }

    public static func citizenCatalogText(_ catalog: Catalog) -> EncodedObject {
        EncodedObject(citizenCatalog(catalog))
    }

    static func welcomeHead(_ session: SessionSummary) -> JSONObject {
        ["type": "welcome", "role": "citizen", "session": ValueEncoding.session(session)]
    }

    /// The notice, departments, services and colonias a citizen chooses from.
    static func citizenCatalog(_ catalog: Catalog) -> JSONObject {
        [
            "privacy": .object([
                "version": .string(catalog.privacy.version),
                "responsible": .string(catalog.privacy.responsible),
                "simplified": .string(catalog.privacy.simplified),
                "fullUrl": .string(catalog.privacy.fullURL),
                "sensitiveConsent": .string(catalog.privacy.sensitive.consentText),
                "priorityReasons": .array(catalog.privacy.sensitive.priorityReasons.map { reason in
                    .object(["id": .string(reason.id.rawValue), "label": .string(reason.label)])
                }),
            ]),
            "departments": .array(catalog.departments.map { department in
                .object(["id": .string(department.id.rawValue), "name": .string(department.name),
                         "shortName": .string(department.shortName)])
            }),
            "services": .array(catalog.services.map { service in
                .object(["id": .string(service.id.rawValue), "name": .string(service.name),
                         "departmentId": .string(service.departmentID.rawValue),
                         "summary": .string(service.summary),
                         "steps": .array(service.steps.map(ValueEncoding.step))])
            }),
            "colonias": .array(catalog.colonias.map { colonia in
                .object(["id": .string(colonia.id.rawValue), "name": .string(colonia.name),
                         "kind": .string(colonia.kind)])
            }),
        ]
    }
}
