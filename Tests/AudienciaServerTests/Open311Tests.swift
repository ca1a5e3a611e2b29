import AudienciaCore
import AudienciaJSON
import AudienciaSeeds
import Foundation
import Testing
@testable import AudienciaServer

/// Open311 GeoReport v2 (read) over the permanent channel, checked field by field against the
/// standard's lists (https://wiki.open311.org/GeoReport_v2/: "GET Service List" and
/// "GET Service Requests"), with filters, errors, and no personal data anywhere.
@Suite struct Open311Tests {
    /// GET Service List, response fields.
    static let serviceFields: Set<String> = ["service_code", "service_name", "description", "metadata", "type",
                                             "keywords", "group"]
    /// GET Service Requests / GET Service Request, response fields.
    static let requestFields: Set<String> = ["service_request_id", "status", "status_notes", "service_name",
                                             "service_code", "description", "agency_responsible", "service_notice",
                                             "requested_datetime", "updated_datetime", "expected_datetime", "address",
                                             "address_id", "zipcode", "lat", "long", "media_url"]

    static func get(_ server: LiveServer, _ path: String) throws -> (status: Int, json: JSON, text: String) {
        let response = try TestHTTP.request(port: server.port, path)
        #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
        return (response.status, try JSON.parse(Array(response.body.utf8)), response.body)
    }

    static func keys(_ json: JSON) -> Set<String> { Set(json.object?.members.map(\.key) ?? []) }

    @Test func servicesAndRequestsCarryExactlyTheStandardFieldsAndNothingPersonal() throws {
        let server = try LiveServer()
        let water = try ChannelLiveTests.official(server, "dir-agua")
        let first = try ChannelLiveTests.checkIn(try server.connect(), name: "Canario Abierto")
        let second = try ChannelLiveTests.checkIn(try server.connect(), name: "Canario Cerrado", service: "agua-falta")
        let open = try #require(first["folio"]?.string)
        let closed = try #require(second["folio"]?.string)
        try water.order("petition.update", ["folio": .string(open), "status": "in_process",
                                            "commitment": "Compromiso secreto", "dueDate": "2026-12-03"])
        try water.order("petition.update", ["folio": .string(closed), "status": "answered",
                                            "answer": "Respuesta secreta"])

        let services = try Self.get(server, "/open311/v2/services.json")
        #expect(services.status == 200)
        let list = try #require(services.json.array)
        let catalog = try SeedLoader.load(from: server.seeds)
        #expect(list.map { $0["service_code"]?.string ?? "" } == catalog.services.map(\.id.rawValue))
        for service in list {
            #expect(Self.keys(service) == Self.serviceFields)
            #expect(service["service_code"]?.string?.isEmpty == false && service["service_name"]?.string?.isEmpty == false)
            #expect(service["metadata"]?.bool == false)
            #expect(["realtime", "batch", "blackbox"].contains(service["type"]?.string ?? ""))
        }
        #expect(list.contains { $0["service_code"]?.string == "agua-fuga" && $0["group"]?.string == "Agua Potable" })

        let all = try Self.get(server, "/open311/v2/requests.json")
        #expect(all.status == 200)
        let requests = try #require(all.json.array)
        #expect(requests.map { $0["service_request_id"]?.string ?? "" } == [closed, open], "newest first")
        for request in requests {
            #expect(Self.keys(request) == Self.requestFields)
            for field in ["requested_datetime", "updated_datetime"] {
                #expect(request[field]?.string.flatMap { Instant(rfc3339: $0) } != nil, "\(field) is a W3C date-time")
            }
            #expect(request["agency_responsible"]?.string == "Agua Potable")
            #expect(request["address"]?.string == "Barrio de San Mateo")
            for field in ["description", "service_notice", "address_id", "zipcode", "lat", "long", "media_url"] {
                #expect(request[field] == .null, "\(field) is not published")
            }
        }
        let inProcess = requests[1]
        #expect(inProcess["status"]?.string == "open")
        #expect(inProcess["service_code"]?.string == "agua-fuga")
        #expect(inProcess["status_notes"]?.string == "En proceso con Agua Potable. Fecha compromiso: 2026-12-03.")
        #expect(inProcess["expected_datetime"]?.string == "2026-12-04T00:00:00.000Z")
        #expect(requests[0]["status"]?.string == "closed" && requests[0]["expected_datetime"] == .null)
        for secret in ["Canario", "722 000 0000", "Fuga frente", "secret", "Compromiso secreto", "Respuesta secreta"] {
            #expect(!all.text.contains(secret), "\(secret) leaked into Open311")
        }

        let one = try Self.get(server, "/open311/v2/requests/\(open).json")
        #expect(one.status == 200 && one.json.array?.count == 1 && one.json.array?.first == inProcess)
        let unknown = try Self.get(server, "/open311/v2/requests/AUD-2026-999999.json")
        #expect(unknown.status == 404 && unknown.json.array?.first?["code"]?.int == 404)
    }

    @Test func requestsFilterByStatusServiceAndDates() throws {
        let server = try LiveServer()
        let water = try ChannelLiveTests.official(server, "dir-agua")
        let first = try #require(try ChannelLiveTests.checkIn(try server.connect(), name: "Ana Uno")["folio"]?.string)
        let second = try #require(try ChannelLiveTests.checkIn(try server.connect(), name: "Ana Dos", service: "bacheo")["folio"]?.string)
        try water.order("petition.update", ["folio": .string(first), "status": "answered", "answer": "Listo"])
        func ids(_ query: String) throws -> [String] {
            try Self.get(server, "/open311/v2/requests.json?\(query)").json.array?.compactMap { $0["service_request_id"]?.string } ?? []
        }
        #expect(try ids("status=closed") == [first])
        #expect(try ids("status=open") == [second])
        #expect(try ids("status=open,closed") == [second, first])
        #expect(try ids("service_code=bacheo") == [second])
        #expect(try ids("service_code=agua-fuga,bacheo&status=closed") == [first])
        // The server's clock starts on Sunday 29 November 2026, 11:00 in Metepec (17:00 UTC).
        #expect(try ids("start_date=2026-11-29T16:00:00Z&end_date=2026-11-29T18:00:00Z") == [second, first])
        #expect(try ids("start_date=2026-11-29T12:00:00-06:00") == [])
        #expect(try ids("end_date=2026-11-29") == [])
        #expect(try ids("start_date=2026-11-29") == [second, first])
        let refused = try Self.get(server, "/open311/v2/requests.json?start_date=ayer")
        #expect(refused.status == 400 && refused.json.array?.first?["code"]?.int == 400)
        #expect(try Self.get(server, "/open311/v2/requests.json?status=pending").status == 400)
        #expect(try Self.get(server, "/open311/v2/nothing.json").status == 404)
        #expect(try TestHTTP.request(port: server.port, "/open311/v2/services.json", method: "POST").status == 405)
    }

    @Test func w3cDateTimesAreReadWithOrWithoutMillisecondsAndOffsets() {
        let clock = LocalClock(utcOffsetMinutes: -360)
        let noon = Instant(rfc3339: "2026-12-01T18:00:00.000Z")
        #expect(Open311Dates.parse("2026-12-01T18:00:00Z", clock: clock) == noon)
        #expect(Open311Dates.parse("2026-12-01T18:00:00.0Z", clock: clock) == noon)
        #expect(Open311Dates.parse("2026-12-01T12:00:00-06:00", clock: clock) == noon)
        #expect(Open311Dates.parse("2026-12-01", clock: clock) == Instant(rfc3339: "2026-12-01T06:00:00.000Z"))
        for bad in ["2026-12-01T18:00:00", "2026-12-01T18:00:00+6", "2026-13-01", "ayer", "2026-12-01T18:00:00.Z"] {
            #expect(Open311Dates.parse(bad, clock: clock) == nil, "\(bad)")
        }
    }
}
