@testable import AudienciaServer
import Glibc
import Testing

/// The transport shortens the backlog of lws's listening socket, found by its port.
@Suite struct ListenBacklogTests {
    /// A socket listening on 127.0.0.1 at a free port; the caller closes it.
    private func listening() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound && listen(fd, 4096) == 0)
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func findsTheListeningSocketByItsPort() throws {
        let (fd, port) = try listening()
        defer { close(fd) }
        #expect(ListenBacklog.shorten(port: port, to: 8))
    }

    @Test func leavesEverythingAloneWhenNothingListensThere() throws {
        let (fd, port) = try listening()
        close(fd)
        #expect(!ListenBacklog.shorten(port: port, to: 8))
    }

    @Test func aLiveServerStillTakesMoreConnectionsThanTheBacklog() throws {
        let server = try LiveServer()
        // More viewers than the shortened backlog, connected one after another: each is
        // accepted and served.
        let viewers = try (0..<(Int(ListenBacklog.connections) + 44)).map { _ in try server.connect() }
        for viewer in viewers.suffix(3) {
            #expect(try viewer.hello(["role": "viewer"], expecting: "feed.snapshot")["seq"] != nil)
        }
    }
}
