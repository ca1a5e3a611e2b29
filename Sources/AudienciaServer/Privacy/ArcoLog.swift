import AudienciaCore
import AudienciaJSON
import Foundation
import Glibc

/// Every ARCO action an official takes on the archives (`audiencia arco`), one JSON line
/// each: who, when, what, which folio and session. Appended and flushed before the command
/// reports success; mode 0600, since folios tie back to people.
struct ArcoLog {
    let url: URL

    func record(at: Instant, official: OfficialID, action: String, folio: Folio, sessionID: String) throws(ServerError) {
        let line = JSON.object([
            "at": .string(at.description), "official": .string(official.rawValue), "action": .string(action),
            "folio": .string(folio.rawValue), "session": .string(sessionID),
        ]).serialized() + [10]
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .storage(path: url.path, reason: "open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            throw .storage(path: url.path, reason: "write: \(String(cString: strerror(errno)))")
        }
    }
}
