import Foundation
import Glibc

/// lws accepts every connection waiting in the listen backlog in one go, and each accepted
/// socket gets a handshake timeout in lws's one sorted timer list, inserted by walking every
/// timer already there. With the kernel's default backlog (4,096 here) a crowd arriving at
/// once made those walks quadratic: under CPU contention the server fell behind, the walks
/// grew, and the handshake timeouts hung up on thousands before their `101`
/// (docs/performance.md, "19,900 viewers"). A shorter backlog bounds each accept batch; the
/// kernel holds the rest of a burst back and clients simply connect a moment later.
enum ListenBacklog {
    static let connections: Int32 = 256

    /// Shortens the backlog of the socket listening on `port` (listen() again on a listening
    /// socket only changes its backlog). Whether the socket was found.
    @discardableResult
    static func shorten(port: Int, to backlog: Int32 = connections) -> Bool {
        for fd in openDescriptors() where isListening(fd, port: port) {
            return listen(fd, backlog) == 0
        }
        return false
    }

    /// The descriptors this process has open, from `/proc/self/fd`: walking every number up
    /// to the file limit would take minutes where that limit is in the millions.
    private static func openDescriptors() -> [Int32] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return [] }
        return names.compactMap { Int32($0) }
    }

    private static func isListening(_ fd: Int32, port: Int) -> Bool {
        var accepting: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0, accepting != 0 else { return false }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return false }
        let bound: UInt16 = withUnsafeBytes(of: &address) { raw in
            // sin_port and sin6_port sit at the same offset, in network byte order.
            UInt16(raw[2]) << 8 | UInt16(raw[3])
        }
        return Int(bound) == port
    }
}
