import CEpoll
import Glibc

/// A TCP socket to the server on loopback: connected (blocking, which on loopback completes
/// at once while the listen queue has room), then switched to non-blocking for epoll.
struct LoadSocket {
    let fd: Int32

    enum Failure: Error, CustomStringConvertible {
        case socket(Int32), connect(Int32)
        var description: String {
            switch self {
            case .socket(let e): "socket: \(String(cString: strerror(e)))"
            case .connect(let e): "connect: \(String(cString: strerror(e)))"
            }
        }
    }

    /// - Parameter receiveBuffer: the kernel's receive buffer, or 0 to leave it to autotuning.
    ///   A stalled viewer gets a small one so that the server's side fills quickly.
    init(port: Int, receiveBuffer: Int32 = 0) throws(Failure) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .socket(errno) }
        if receiveBuffer > 0 {
            var size = receiveBuffer
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let error = errno
            Glibc.close(fd)
            throw .connect(error)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        self.fd = fd
    }

    /// Writes all of `bytes`, waiting for room if the socket is full (only the driver's few
    /// messages go through here, and the server keeps reading them).
    func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if written > 0 {
                offset += written
            } else if written < 0 && (errno == EAGAIN || errno == EINTR) {
                var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&poller, 1, 100)
            } else {
                return false
            }
        }
        return true
    }

    func close() { Glibc.close(fd) }
}

/// epoll, level-triggered: a socket with bytes left is simply reported again next time.
final class Epoll {
    private let fd: Int32
    private var tokens: [UInt64]

    init(capacity: Int = 1024) {
        fd = audiencia_epoll_create()
        tokens = [UInt64](repeating: 0, count: min(capacity, 1024))
    }

    deinit { close(fd) }

    func add(_ socket: Int32, token: Int) { _ = audiencia_epoll_add(fd, socket, UInt64(token)) }

    func remove(_ socket: Int32) { _ = audiencia_epoll_remove(fd, socket) }

    /// The tokens of the ready sockets, waiting at most `milliseconds`.
    func wait(milliseconds: Int32, _ ready: (Int) -> Void) {
        let count = tokens.withUnsafeMutableBufferPointer {
            audiencia_epoll_wait(fd, $0.baseAddress, Int32($0.count), milliseconds)
        }
        guard count > 0 else { return }
        for index in 0..<Int(count) { ready(Int(tokens[index])) }
    }
}
