import AudienciaCore
import AudienciaJSON
import Foundation
import Glibc

/// The record the law asks for of officials' reads of personal data (PRODUCT.md, "Security
/// measures"): which official, with which credential and connection, saw which folio, when,
/// and through what. One JSON line per read, appended to the data folder's `access.jsonl`
/// (mode 0600: it names folios) before the data is handed to the connection, and flushed to
/// disk at the end of the same pass of the service loop. Owns its file descriptor.
final class AccessLog {
    /// What showed the personal data.
    enum Read: String {
        /// The console: the floor and every waiting petition, with names, contact and descriptions.
        case console
        /// The brief of the petition an official was given the floor for.
        case floorBrief = "floor_brief"
        /// The permanent channel's backlog: the department's open petitions, with the same data.
        case backlog
    }

    struct Entry {
        var at: Instant
        var official: OfficialID
        var tokenID: String?
        var connection: ConnectionID
        var folio: Folio
        var read: Read

        var json: JSON {
            .object(["at": .string(at.description), "official": .string(official.rawValue), "tokenId": tokenID.map(JSON.string) ?? .null,
                     "connection": .int(Int64(bitPattern: connection.value)), "folio": .string(folio.rawValue),
                     "read": .string(read.rawValue)])
        }
    }

    let url: URL
    private let fd: Int32
    private var unsynced = false

    init(url: URL) throws(ServerError) {
        self.url = url
        fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .storage(path: url.path, reason: "open: \(String(cString: strerror(errno)))") }
        fchmod(fd, 0o600)
    }

    deinit { close(fd) }

    /// Appends the entries in one write, so a crash never leaves one read half-logged among others.
    func record(_ entries: [Entry]) throws(ServerError) {
        guard !entries.isEmpty else { return }
        var bytes: [UInt8] = []
        for entry in entries { bytes += entry.json.serialized() + [10] }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw .storage(path: url.path, reason: "write: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        unsynced = true
    }

    /// Makes what was appended durable; called once per pass of the service loop.
    func sync() {
        guard unsynced else { return }
        fsync(fd)
        unsynced = false
    }
}
