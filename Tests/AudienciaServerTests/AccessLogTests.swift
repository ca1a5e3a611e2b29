import AudienciaJSON
import AudienciaServer
import Foundation
import Testing

/// Officials' reads of personal data are logged in the data folder's `access.jsonl`: who,
/// when, which folio, through what; once per connection, folio and kind of read.
@Suite struct AccessLogTests {
    func entries(_ server: LiveServer) throws -> [JSON] {
        let url = server.data.appendingPathComponent("access.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { try JSON.parse(String($0)) }
    }

    func checkIn(_ server: LiveServer, service: String, name: String) throws -> (TestWebSocket, String) {
        let citizen = try server.connect()
        try citizen.hello(["role": "citizen"], expecting: "welcome")
        try citizen.send(.object([
            "type": "checkin", "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(name), "coloniaId": "barrio-de-san-mateo", "contact": "722 111 2233",
            "serviceId": .string(service), "description": "Descripción privada",
        ]))
        return (citizen, try #require(try citizen.expect("checkin.accepted")["folio"]?.string))
    }

    @Test func everyFolioAnOfficialSeesIsLoggedOncePerConnection() throws {
        let server = try LiveServer()
        let moderatorToken = try TokenIssuer.issueWithID(official: "moderacion", hours: 1, seeds: server.seeds,
                                                         data: server.data, now: server.clock())
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(moderatorToken.token)], expecting: "console")
        try moderator.order("session.open")
        let viewer = try server.connect()
        try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
        #expect(try entries(server).isEmpty, "an empty room shows nobody's data")

        let (_, f1) = try checkIn(server, service: "agua-fuga", name: "Persona Uno")
        let (_, f2) = try checkIn(server, service: "bacheo", name: "Persona Dos")
        try moderator.order("announce", ["text": "Bienvenidos"])  // one more console refresh
        // A console may follow the ok (docs/protocol.md): the reads are logged before it leaves.
        _ = try moderator.expect("console", where: { $0["queue"]?.array?.count == 2 && $0["announcements"]?.array?.isEmpty == false })
        var log = try entries(server)
        #expect(log.map { $0["folio"]?.string } == [f1, f2])
        #expect(log.allSatisfy { $0["official"]?.string == "moderacion" && $0["read"]?.string == "console" })
        #expect(log.allSatisfy { $0["tokenId"]?.string == moderatorToken.id })
        #expect(Set(log.compactMap { $0["connection"]?.int }).count == 1)
        #expect(log.allSatisfy { $0["at"]?.string?.hasPrefix("2026-11-29T") == true })

        // The director called gets the brief and a console; the moderator logs nothing new.
        let water = try server.connect()
        try water.hello(["role": "official", "token": .string(try server.token("dir-agua"))], expecting: "console")
        try moderator.order("queue.callNext")
        _ = try water.expect("floor.brief")
        _ = try water.expect("console", where: { $0["floor"]?.object != nil })
        log = Array(try entries(server).dropFirst(2))
        #expect(log.allSatisfy { $0["official"]?.string == "dir-agua" })
        #expect(log.map { "\($0["read"]?.string ?? "") \($0["folio"]?.string ?? "")" }.sorted()
                == ["console \(f1)", "console \(f2)", "floor_brief \(f1)"])

        // A new connection of the same official is a new read.
        let again = try server.connect()
        try again.hello(["role": "official", "token": .string(moderatorToken.token)], expecting: "console")
        log = Array(try entries(server).dropFirst(5))
        #expect(log.compactMap { $0["folio"]?.string }.sorted() == [f1, f2].sorted())
        #expect(log.allSatisfy { $0["official"]?.string == "moderacion" })

        let attributes = try FileManager.default.attributesOfItem(
            atPath: server.data.appendingPathComponent("access.jsonl").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // Nothing of the log reaches the public.
        try viewer.drain()
        #expect(!viewer.rawFrames.contains { $0.contains("Persona") || $0.contains(f1) })
    }

    @Test func theChannelBacklogIsAReadOfEveryPetitionInIt() throws {
        let server = try LiveServer()
        let water = try ChannelLiveTests.official(server, "dir-agua")
        let first = try ChannelLiveTests.checkIn(try server.connect(), name: "Persona Canal")
        let folio = try #require(first["folio"]?.string)
        _ = try water.expect("backlog", where: { $0["items"]?.array?.isEmpty == false })
        try water.send(.object(["type": "backlog.get", "ref": "b"]))
        _ = try water.expect("backlog", where: { $0["ref"]?.string == "b" })
        let reads = try entries(server).filter { $0["read"]?.string == "backlog" }
        #expect(reads.map { $0["folio"]?.string } == [folio], "pushed and asked again: one read per connection")
        #expect(reads.first?["official"]?.string == "dir-agua")
        // Another department's director never sees this petition, so logs no read of it.
        let works = try ChannelLiveTests.official(server, "dir-obras-publicas")
        try works.send(.object(["type": "backlog.get", "ref": "w"]))
        _ = try works.expect("backlog", where: { $0["ref"]?.string == "w" })
        #expect(try entries(server).filter { $0["official"]?.string == "dir-obras-publicas" }.isEmpty)
    }
}
