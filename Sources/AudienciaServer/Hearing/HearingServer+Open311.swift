import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// Open311 GeoReport v2, read only (https://wiki.open311.org/GeoReport_v2/), over the
/// permanent channel's petitions: `GET /open311/v2/services.json`, `/requests.json` and
/// `/requests/{folio}.json`. JSON only; no API key, since nothing personal is served.
extension HearingServer {
    static let open311Root = "/open311/v2/"
    /// GeoReport's cap on one answer.
    static let open311MaxRequests = 1000

    func open311(_ request: HTTPRequest) -> HTTPResponse {
        guard request.path.hasPrefix(Self.open311Root) else { return .notFound }
        let resource = String(request.path.dropFirst(Self.open311Root.count))
        switch resource {
        case "services.json":
            return .json(Open311Encoder.services(hearing.catalog).serialized() + [0x0A])
        case "requests.json":
            return open311Requests(request.query)
        default:
            guard resource.hasPrefix("requests/"), resource.hasSuffix(".json") else {
                return open311Error(404, "Recurso desconocido; use services.json o requests.json.")
            }
            let folio = Folio(String(resource.dropFirst("requests/".count).dropLast(".json".count)))
            guard let petition = channel.petitions[folio] else {
                return open311Error(404, "No existe la solicitud \(folio).")
            }
            return .json(JSON.array([openRequest(petition)]).serialized() + [0x0A])
        }
    }

    private func open311Requests(_ query: [String: String]) -> HTTPResponse {
        let statuses = query["status"].map(Self.commaList)
        if let statuses, !statuses.allSatisfy({ $0 == "open" || $0 == "closed" }) {
            return open311Error(400, "status debe ser open o closed.")
        }
        let codes = query["service_code"].map(Self.commaList)
        var bounds: [Instant?] = []
        for name in ["start_date", "end_date"] {
            guard let text = query[name] else {
                bounds.append(nil)
                continue
            }
            guard let instant = Open311Dates.parse(text, clock: hearing.catalog.clock) else {
                return open311Error(400, "\(name) debe ser una fecha y hora W3C, p. ej. 2026-12-01T00:00:00Z.")
            }
            bounds.append(instant)
        }
        let (start, end) = (bounds[0], bounds[1])
        let chosen = channel.order.reversed().compactMap { channel.petitions[$0] }.filter { petition in
            let status = petition.status == .answered ? "closed" : "open"
            return (statuses?.contains(status) ?? true)
                && (codes?.contains(petition.serviceID.rawValue) ?? true)
                && (start.map { petition.receivedAt >= $0 } ?? true)
                && (end.map { petition.receivedAt <= $0 } ?? true)
        }
        return .json(JSON.array(chosen.prefix(Self.open311MaxRequests).map(openRequest)).serialized() + [0x0A])
    }

    private func openRequest(_ petition: ChannelPetition) -> JSON {
        let catalog = hearing.catalog
        let expected = petition.dueDate.map { catalog.clock.instant(on: $0, at: catalog.schedule.permanentChannel.end) }
        return Open311Encoder.request(petition, catalog: catalog, expected: expected)
    }

    private func open311Error(_ status: UInt32, _ description: String) -> HTTPResponse {
        .json(Open311Encoder.error(code: Int(status), description).serialized() + [0x0A], status: status)
    }

    private static func commaList(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingSpaces }
    }
}

private extension String {
    var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}

/// The W3C date-times GeoReport's filters take: `2026-12-01T16:00:00Z`, with or without
/// milliseconds, with `Z` or an offset such as `-06:00`; a bare date means its local midnight.
enum Open311Dates {
    static func parse(_ text: String, clock: LocalClock) -> Instant? {
        if let date = CivilDate(text) { return clock.instant(on: date, at: TimeOfDay(minutes: 0)) }
        guard text.count >= 20 else { return nil }
        let head = String(text.prefix(19))  // YYYY-MM-DDTHH:MM:SS
        var rest = text.dropFirst(19)
        var millis = ".000"
        if rest.first == "." {
            let digits = rest.dropFirst().prefix { $0.isNumber }
            guard (1...3).contains(digits.count) else { return nil }
            millis = "." + digits + String(repeating: "0", count: 3 - digits.count)
            rest = rest.dropFirst(1 + digits.count)
        }
        guard let utc = Instant(rfc3339: head + millis + "Z") else { return nil }
        if rest == "Z" { return utc }
        let sign: Int64 = rest.first == "+" ? 1 : rest.first == "-" ? -1 : 0
        let offset = rest.dropFirst().split(separator: ":")
        guard sign != 0, rest.count == 6, offset.count == 2, let hours = Int64(offset[0]), let minutes = Int64(offset[1]),
              hours < 24, minutes < 60 else { return nil }
        return utc.adding(seconds: -sign * (hours * 3600 + minutes * 60))
    }
}
