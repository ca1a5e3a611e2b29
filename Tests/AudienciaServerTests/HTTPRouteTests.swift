import AudienciaJSON
import Testing
@testable import AudienciaServer

@Suite("Dynamic HTTP routes next to the static pages")
struct HTTPRouteTests {
    @Test("/healthz answers JSON with the session's phase and is never cached")
    func health() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let response = try TestHTTP.request(port: server.port, "/healthz")
        #expect(response.status == 200)
        #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
        #expect(response.headers["cache-control"] == "no-store")
        let json = try JSON.parse(response.body)
        #expect(json["status"]?.string == "ok")
        #expect(json["session"]?.string == "none")
        #expect(json["queue"]?.int == 0)
    }

    @Test("query arguments are ignored by /healthz, paths below it are not found, and only GET is served")
    func edges() throws {
        let server = try LiveServer()
        defer { server.stop() }
        #expect(try TestHTTP.request(port: server.port, "/healthz?verbose=1").status == 200)
        #expect(try TestHTTP.request(port: server.port, "/healthz/extra").status == 404)
        #expect(try TestHTTP.request(port: server.port, "/healthz", method: "POST").status == 405)
    }

    @Test("the static pages are still served around the dynamic mounts")
    func staticPages() throws {
        let server = try LiveServer()
        defer { server.stop() }
        let page = try TestHTTP.request(port: server.port, "/publico.html")
        #expect(page.status == 200)
        #expect(page.body.contains("<html"))
        #expect(try TestHTTP.request(port: server.port, "/healthzz").status == 404)
    }

    @Test("a route owns its mountpoint and everything below it, the longest mountpoint first")
    func owning() {
        #expect(HTTPRoute.owning("/healthz") == .health)
        #expect(HTTPRoute.owning("/healthz/x") == .health)
        #expect(HTTPRoute.owning("/healthzz") == nil)
        #expect(HTTPRoute.owning("/") == nil)
    }

    @Test("a body is written in bounded pieces, the last one marked, an empty body as one last piece")
    func bodyPieces() {
        var cursor = HTTPBodyCursor(Array(repeating: 7, count: HTTPBodyCursor.chunkBytes * 2 + 5))
        var sizes: [Int] = []
        var last = false
        while !last && sizes.count < 10 {
            let piece = cursor.next()
            sizes.append(piece.bytes.count)
            last = piece.isLast
        }
        #expect(sizes == [HTTPBodyCursor.chunkBytes, HTTPBodyCursor.chunkBytes, 5])
        var empty = HTTPBodyCursor([])
        let only = empty.next()
        #expect(only.bytes.isEmpty && only.isLast)
    }
}
