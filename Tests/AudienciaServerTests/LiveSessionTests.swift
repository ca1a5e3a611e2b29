import AudienciaJSON
import Foundation
import Testing

/// A short real session over real sockets: a moderator, two directors, five citizens and
/// three viewers, from opening to the archive.
@Suite struct LiveSessionTests {
    struct Citizen {
        let socket: TestWebSocket
        let name: String
        let contact: String
        let description: String
        var folio = ""
        var resumeToken = ""
    }

    @Test func shortSessionFromCheckInToArchive() throws {
        let server = try LiveServer()
        let viewers = try (0..<3).map { _ in try server.connect() }
        let snapshots = try viewers.map { try $0.hello(["role": "viewer"], expecting: "feed.snapshot") }
        let firstSeq = try #require(snapshots[0]["seq"]?.int)

        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))],
                            expecting: "welcome")
        let water = try server.connect()
        try water.hello(["role": "official", "token": .string(try server.token("dir-agua"))], expecting: "welcome")
        let works = try server.connect()
        try works.hello(["role": "official", "token": .string(try server.token("dir-obras-publicas"))],
                        expecting: "welcome")
        try moderator.order("session.open")

        let services = ["agua-fuga", "bacheo", "agua-falta", "bacheo", "agua-contrato"]
        var citizens: [Citizen] = []
        for (index, service) in services.enumerated() {
            let marker = "\(index)-\(UInt32.random(in: 0...UInt32.max))"
            let citizen = Citizen(socket: try server.connect(), name: "Canario Nombre \(marker)",
                                  contact: "canario-\(marker)@example.org",
                                  description: "Descripción secreta \(marker)")
            try citizen.socket.hello(["role": "citizen"], expecting: "welcome")
            try citizen.socket.send(.object([
                "type": "checkin", "ref": "c",
                "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
                "name": .string(citizen.name), "coloniaId": "barrio-de-san-mateo",
                "contact": .string(citizen.contact), "serviceId": .string(service),
                "description": .string(citizen.description),
            ]))
            let receipt = try citizen.socket.expect("checkin.accepted")
            #expect(receipt["turno"]?.int == Int64(index + 1))
            var stored = citizen
            stored.folio = try #require(receipt["folio"]?.string)
            stored.resumeToken = try #require(receipt["resumeToken"]?.string)
            citizens.append(stored)
        }
        let numbers = citizens.compactMap { Int($0.folio.suffix(6)) }
        #expect(numbers == Array(numbers[0]..<numbers[0] + 5), "folios are sequential")
        #expect(citizens.allSatisfy { $0.folio.hasPrefix("AUD-2026-") })

        // Turn 1: water answers at once; the director sees the petition and the checklist.
        try moderator.order("queue.callNext")
        let onFloor = try citizens[0].socket.expect("guidance", where: { $0["key"]?.string == "onFloor" })
        #expect(onFloor["prompt"]?.string?.contains("Rodrigo Alcántara Nava") == true)
        let brief = try water.expect("floor.brief")
        #expect(brief["petition"]?["description"]?.string == citizens[0].description)
        #expect((brief["checklist"]?.array?.count ?? 0) >= 2)
        try water.order("outcome.record", ["folio": .string(citizens[0].folio), "outcome": "answered_now",
                                           "answer": "Respuesta privada uno"])
        // Turn 2: public works commits to a date.
        try moderator.order("queue.callNext")
        try works.order("outcome.record", ["folio": .string(citizens[1].folio), "outcome": "in_process",
                                           "commitment": "Compromiso privado dos", "dueDate": "2026-12-15"])
        // Turn 3: water transfers to public works, who answers.
        try moderator.order("queue.callNext")
        try water.order("outcome.record", ["folio": .string(citizens[2].folio), "outcome": "transferred",
                                           "departmentId": "obras-publicas"])
        try moderator.order("queue.callNext")
        _ = try works.expect("floor.brief", where: { $0["petition"]?["folio"]?.string == citizens[2].folio })
        try works.order("outcome.record", ["folio": .string(citizens[2].folio), "outcome": "answered_now",
                                           "answer": "Respuesta privada tres"])
        // Turn 4: nobody comes.
        try moderator.order("queue.callNext")
        try moderator.order("queue.noShow", ["folio": .string(citizens[3].folio)])
        try moderator.order("announce", ["text": "Gracias por acompañarnos."])
        try moderator.order("session.close")

        let expectedKeys = [
            ["checkedIn", "next", "onFloor", "answered", "sessionClosed"],
            ["checkedIn", "waiting", "next", "onFloor", "inProcess", "sessionClosed"],
            ["checkedIn", "waiting", "waiting", "next", "onFloor", "transferred", "next", "onFloor",
             "answered", "sessionClosed"],
            ["checkedIn", "waiting", "waiting", "waiting", "next", "waiting", "next", "onFloor", "noShow",
             "sessionClosed"],
            ["checkedIn", "waiting", "waiting", "waiting", "waiting", "waiting", "waiting", "next",
             "carriedForward"],
        ]
        for (citizen, expected) in zip(citizens, expectedKeys) {
            try citizen.socket.drain()
            let keys = citizen.socket.rawFrames.compactMap { try? JSON.parse($0) }
                .filter { $0["type"]?.string == "guidance" }.compactMap { $0["key"]?.string }
            #expect(keys == expected, "guidance of \(citizen.folio)")
        }

        // Every viewer saw the same gap-free feed, and nothing personal in it.
        let secrets = citizens.flatMap { [$0.name, $0.contact, $0.description, $0.folio, $0.resumeToken] }
            + ["Respuesta privada", "Compromiso privado"]
        var feeds: [[Int64]] = []
        for viewer in viewers {
            try viewer.drain()
            let seqs = viewer.take("feed.event").compactMap { $0["seq"]?.int }
            #expect(seqs == Array(firstSeq + 1...firstSeq + Int64(seqs.count)))
            feeds.append(seqs)
            for frame in viewer.rawFrames {
                for secret in secrets { #expect(!frame.contains(secret), "viewer frame leaks \(secret)") }
            }
        }
        #expect(feeds.allSatisfy { $0 == feeds[0] } && !feeds[0].isEmpty)

        // The archive: counters as played, personal data only in the protected record.
        let publicRecord = try server.archive("public")
        let counters = try #require(publicRecord.json["counters"])
        #expect(counters["checkedIn"]?.int == 5)
        #expect(counters["attended"]?.int == 3)
        #expect(counters["answeredNow"]?.int == 2)
        #expect(counters["inProcess"]?.int == 1)
        #expect(counters["transferred"]?.int == 1)
        #expect(counters["noShows"]?.int == 1)
        #expect(counters["carriedForward"]?.int == 1)
        #expect(counters["answeredNowPercent"] == .double(66.7))
        #expect(publicRecord.json["petitions"]?.array?.count == 5)
        for secret in secrets where !secret.hasPrefix("AUD-") {
            #expect(!publicRecord.text.contains(secret), "public archive leaks \(secret)")
        }
        let protectedRecord = try server.archive("protected")
        #expect(citizens.allSatisfy { protectedRecord.text.contains($0.name) })
        let mode = try FileManager.default.attributesOfItem(atPath: protectedRecord.url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
