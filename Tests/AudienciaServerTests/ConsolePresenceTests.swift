@testable import AudienciaServer
import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Foundation
import Testing

/// `console.presence`: the consoles learn who is connected, folded per pass of the service loop.
@Suite struct ConsolePresenceTests {
    /// The latest presence a console has, reading until one matches `wanted`.
    private func presence(on console: TestWebSocket, where wanted: (JSON) -> Bool) throws -> JSON {
        try console.expect("console.presence", timeout: 5, where: wanted)
    }

    private func officialIDs(_ presence: JSON) -> [String] {
        (presence["officials"]?.array ?? []).compactMap { $0["id"]?.string }
    }

    @Test func consolesSeeWhoIsConnectedAndNothingPersonal() throws {
        let server = try LiveServer()
        let moderator = try server.connect()
        try moderator.send(.object(["type": "hello", "role": "official",
                                    "token": .string(try server.token("moderacion"))]))
        // The welcome comes first; then who is here: only the moderator.
        let first = try moderator.expect(described: "welcome or presence") {
            ["welcome", "console.presence"].contains($0["type"]?.string ?? "")
        }
        #expect(first["type"]?.string == "welcome")
        let alone = try presence(on: moderator) { _ in true }
        #expect(officialIDs(alone) == ["moderacion"])
        #expect(alone["citizens"]?.int == 0)
        #expect(alone["viewers"]?.int == 0)
        let me = try #require(alone["officials"]?.array?.first)
        #expect(me["role"]?.string == "moderator")
        #expect(me["consoles"]?.int == 1)

        // A director, two viewers and a citizen who checks in.
        let director = try server.connect()
        try director.hello(["role": "official", "token": .string(try server.token("dir-agua"))], expecting: "welcome")
        let viewers = try (0..<2).map { _ in try server.connect() }
        for viewer in viewers { try viewer.hello(["role": "viewer"], expecting: "feed.snapshot") }
        try moderator.order("session.open")
        var citizen: TestWebSocket? = try server.connect()
        let secret = "Nombre Reservado \(UInt32.random(in: 0...UInt32.max))"
        try citizen?.hello(["role": "citizen"], expecting: "welcome")
        try citizen?.send(.object([
            "type": "checkin", "ref": "c",
            "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
            "name": .string(secret), "coloniaId": "barrio-de-san-mateo", "contact": "reservado@example.org",
            "serviceId": "agua-fuga", "description": "Descripción reservada",
        ]))
        _ = try citizen?.expect("checkin.accepted")

        let full = try presence(on: moderator) {
            $0["viewers"]?.int == 2 && $0["citizens"]?.int == 1 && (($0["officials"]?.array?.count) ?? 0) == 2
        }
        // In the catalogue's order (seeds/officials.json), whoever connected first.
        #expect(officialIDs(full) == ["dir-agua", "moderacion"])
        let water = try #require(full["officials"]?.array?.first { $0["id"]?.string == "dir-agua" })
        #expect(water["name"]?.string == "Rodrigo Alcántara Nava")
        #expect(water["departmentId"]?.string == "agua")
        #expect(water["department"]?.string?.isEmpty == false)
        #expect(full.object?.keys.sorted() == ["citizens", "officials", "type", "viewers"])
        #expect(!full.text().contains(secret))
        #expect(!full.text().contains("reservado@example.org"))
        // The director's console is told too.
        _ = try presence(on: director) { $0["citizens"]?.int == 1 && $0["viewers"]?.int == 2 }

        // The citizen goes away: the count drops.
        citizen = nil
        _ = try presence(on: moderator) { $0["citizens"]?.int == 0 && $0["viewers"]?.int == 2 }

        // Presence is for consoles only.
        for viewer in viewers {
            try viewer.drain()
            #expect(viewer.take("console.presence").isEmpty)
            #expect(!viewer.rawFrames.contains { $0.contains("console.presence") })
        }
    }

    @Test func aSecondConsoleOfTheSameOfficialIsCounted() throws {
        let server = try LiveServer()
        let token = try server.token("moderacion")
        let laptop = try server.connect()
        try laptop.hello(["role": "official", "token": .string(token)], expecting: "welcome")
        _ = try presence(on: laptop) { $0["officials"]?.array?.first?["consoles"]?.int == 1 }
        var tablet: TestWebSocket? = try server.connect()
        try tablet?.hello(["role": "official", "token": .string(token)], expecting: "welcome")
        _ = try presence(on: laptop) { $0["officials"]?.array?.first?["consoles"]?.int == 2 }
        let onTablet = try #require(try tablet?.expect("console.presence"))
        #expect(onTablet["officials"]?.array?.count == 1)
        tablet = nil
        _ = try presence(on: laptop) { $0["officials"]?.array?.first?["consoles"]?.int == 1 }
    }

    // MARK: Folding, without a server

    private static let mayor = Official(id: OfficialID("presidenta"), name: "Mariana", role: .mayor,
                                        title: "Presidenta Municipal", departmentID: nil)

    private func room(viewers: Int) -> ConsolePresence {
        ConsolePresence(officials: [.init(official: Self.mayor, department: nil, consoles: 1)],
                        citizens: 0, viewers: viewers)
    }

    @Test func aBurstBetweenTwoPassesCostsOneMessagePerConsole() throws {
        var broadcast = PresenceBroadcast()
        let consoles = [ConnectionID(1), ConnectionID(2)]
        var builds = 0
        let first = broadcast.update(version: 1, consoles: consoles) { builds += 1; return room(viewers: 0) }
        #expect(Set(try #require(first).to) == Set(consoles))
        // A thousand viewers arrive between two passes: one presence, built once, to each console.
        let burst = broadcast.update(version: 1001, consoles: consoles) { builds += 1; return room(viewers: 1000) }
        #expect(try #require(burst).presence.viewers == 1000)
        #expect(Set(try #require(burst).to) == Set(consoles))
        #expect(builds == 2)
        // A pass where nothing changed sends nothing and builds nothing.
        #expect(broadcast.update(version: 1001, consoles: consoles) { builds += 1; return room(viewers: 1000) } == nil)
        #expect(builds == 2)
    }

    @Test func aConsoleThatReconnectsWithinOnePassStillGetsPresence() throws {
        var broadcast = PresenceBroadcast()
        _ = broadcast.update(version: 1, consoles: [ConnectionID(1)]) { room(viewers: 3) }
        // Connection 1 dropped and 7 took its place: the room looks the same, but 7 has nothing.
        let again = broadcast.update(version: 3, consoles: [ConnectionID(7)]) { room(viewers: 3) }
        #expect(try #require(again).to == [ConnectionID(7)])
        // An unchanged room is not sent again to a console that has it.
        #expect(broadcast.update(version: 4, consoles: [ConnectionID(7)]) { room(viewers: 3) } == nil)
    }

    @Test func theFirstConsoleAfterAnEmptyRoomIsTold() throws {
        var broadcast = PresenceBroadcast()
        _ = broadcast.update(version: 1, consoles: [ConnectionID(1)]) { room(viewers: 0) }
        #expect(broadcast.update(version: 2, consoles: []) { room(viewers: 0) } == nil)
        let back = broadcast.update(version: 3, consoles: [ConnectionID(1)]) { room(viewers: 0) }
        #expect(try #require(back).to == [ConnectionID(1)])
    }
}
