import AudienciaJSON
import AudienciaServer
import Foundation
import Testing

/// A long queue must not throw the moderator out. Every check-in changes the room and each
/// console carries the whole queue, so a console that reads nothing while 2,000 citizens check
/// in would be owed hundreds of megabytes; it gets one refresh at a time, the latest, and stays.
@Suite(.serialized) struct ConsoleBurstTests {
    @Test func aConsoleThatReadsNothingDuringTwoThousandCheckInsStaysAndEndsWithTheWholeQueue() throws {
        var limits = AbuseLimits()
        limits.maxQueue = 2_100
        let server = try LiveServer(limits: limits)
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))], expecting: "console")
        try moderator.order("session.open")

        var folios: Set<String> = []
        for number in 1...2_000 {
            let citizen = try server.connect()
            try citizen.hello(["role": "citizen"], expecting: "welcome")
            try citizen.send(.object([
                "type": "checkin", "ref": "c", "consent": .object(["accepted": .bool(true), "noticeVersion": "2026-01"]),
                "name": .string("Persona \(number)"), "coloniaId": "barrio-de-san-mateo", "serviceId": "bacheo",
                "description": "Bache",
            ]))
            folios.insert(try #require(try citizen.expect("checkin.accepted")["folio"]?.string))
        }
        #expect(folios.count == 2_000)

        // Only now does the moderator read: the newest console holds the whole queue, and the
        // connection was never closed as too slow.
        let last = try moderator.expect("console", timeout: 30, where: { $0["queue"]?.array?.count == 2_000 })
        let queued = Set((last["queue"]?.array ?? []).compactMap { $0["folio"]?.string })
        #expect(queued == folios)
        #expect(moderator.closeCode == nil)
        let metrics = try TestHTTP.request(port: server.port, "/metrics").body
        #expect(metrics.contains("\naudiencia_slow_consumer_closes_total 0\n"))
        // Still answered: an order after the burst gets its reply.
        try moderator.order("announce", ["text": "Gracias por esperar."])
    }
}
