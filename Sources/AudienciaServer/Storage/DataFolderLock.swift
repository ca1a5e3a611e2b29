import Foundation
import Glibc

/// Who may change a data folder: the running server for its whole life, or one `audiencia
/// arco` or `audiencia purge` run while no server runs. An advisory `flock` on
/// `<data>/data.lock` (not on a journal, which a cancellation replaces by rename); the kernel
/// drops it when its holder exits, so a crash never leaves the folder locked. The server takes
/// it before reading anything: a second server on the same folder would otherwise cut the
/// running one's journal back to what it had read, or seal and move it.
final class DataFolderLock: Sendable {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    enum Failure: Error, CustomStringConvertible {
        /// Another process holds it: a server, or another command.
        case held(path: String)
        case unavailable(path: String, reason: String)

        var description: String {
            switch self {
            case .held(let path):
                "\(path): otro proceso (el servidor en marcha, u otro comando) está usando esta carpeta de datos"
            case .unavailable(let path, let reason): "\(path): \(reason)"
            }
        }
    }

    /// Takes the lock without waiting, or says who holds it.
    static func acquire(_ folder: DataFolder) throws(Failure) -> DataFolderLock {
        let path = folder.root.appendingPathComponent("data.lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unavailable(path: path, reason: "open: \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(fd)
            throw busy ? .held(path: path) : .unavailable(path: path, reason: "flock: \(reason)")
        }
        return DataFolderLock(fd: fd)
    }

    /// `acquire` as a value, for callers that answer a held lock with their own message.
    static func attempt(_ folder: DataFolder) -> Result<DataFolderLock, Failure> {
        Result { () throws(Failure) in try acquire(folder) }
    }
}
