import AudienciaJSON
import Foundation
import Testing

/// What the server does to connections that misbehave or outstay their welcome: each is
/// closed with its documented code, and the server goes on serving the others.
@Suite struct ConnectionLimitsTests {
    @Test func anUpgradeWithoutTheSubprotocolIsRefused() throws {
        let server = try LiveServer()
        #expect(throws: TestWebSocket.Failure.self) { try TestWebSocket(port: server.port, subprotocol: nil) }
        #expect(throws: TestWebSocket.Failure.self) { try TestWebSocket(port: server.port, subprotocol: "chat") }
        let viewer = try server.connect()
        try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")
    }

    @Test func browsersMayConnectOnlyFromThisSiteOrAListedOne() throws {
        let server = try LiveServer(allowedOrigins: ["https://audiencia.metepec.gob.mx"])
        #expect(throws: TestWebSocket.Failure.self) {
            try TestWebSocket(port: server.port, origin: "https://sitio-ajeno.example")
        }
        #expect(throws: TestWebSocket.Failure.self) {
            try TestWebSocket(port: server.port, origin: "http://127.0.0.1:\(server.port).example")
        }
        for origin in ["http://127.0.0.1:\(server.port)", "https://audiencia.metepec.gob.mx"] {
            let page = try TestWebSocket(port: server.port, origin: origin)
            try page.hello(["role": "viewer"], expecting: "feed.snapshot")
        }
    }

    @Test func aConnectionThatNeverSaysHelloIsClosed() throws {
        let server = try LiveServer(helloTimeoutSeconds: 1)
        let silent = try server.connect()
        let polite = try server.connect()
        try polite.hello(["role": "viewer"], expecting: "feed.snapshot")
        #expect(try silent.waitForClose(timeout: 5) == 4002)
        try polite.send(.object(["type": "ping", "ref": "p"]))
        #expect(try polite.expect("pong")["ref"] == "p")
    }

    @Test func aConsoleIsClosedWhenItsCredentialExpires() throws {
        let server = try LiveServer()
        let official = try server.connect()
        try official.hello(["role": "official", "token": .string(try server.token("moderacion", expiringIn: 2))],
                           expecting: "console")
        #expect(try official.waitForClose(timeout: 6) == 4003)
        #expect(official.pending.contains { $0["code"]?.string == "token_expired" })
    }

    @Test func aViewerThatStopsReadingIsClosedAndOthersAreServed() throws {
        let server = try LiveServer(maxOutboxBytes: 16 * 1024)
        let stalled = try TestWebSocket(port: server.port, receiveBuffer: 4096)
        try stalled.hello(["role": "viewer"], expecting: "feed.snapshot")
        let reader = try server.connect()
        try reader.hello(["role": "viewer"], expecting: "feed.snapshot")
        let moderator = try server.connect()
        try moderator.hello(["role": "official", "token": .string(try server.token("moderacion"))],
                            expecting: "console")
        // Bounded: about 400 KB of feed, several times what the stalled socket's kernel buffers
        // (64 KiB to send, 4 KiB to receive) and the server's 16 KiB allowance can hold.
        let text = String(repeating: "Aviso de prueba. ", count: 16)
        for number in 1...400 {
            try moderator.send(.object(["type": "announce", "text": .string(text), "ref": .string("a\(number)")]))
            _ = try moderator.expect("ok", where: { $0["ref"]?.string == "a\(number)" })
            _ = try reader.expect("feed.event")
            moderator.take("console")
        }
        #expect(try stalled.waitForClose(timeout: 10) == 4001)
        #expect(stalled.rawFrames.count < 400, "the stalled viewer was cut off, not served everything")
        try reader.send(.object(["type": "ping", "ref": "still"]))
        #expect(try reader.expect("pong")["ref"] == "still")
    }
}
