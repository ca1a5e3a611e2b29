import AudienciaCore
import AudienciaJSON
import Foundation
import Glibc

/// Every ARCO action an official takes (`audiencia arco`) and every one a citizen takes on
/// the permanent channel, one JSON line each: who (null: the citizen), when, what, which
/// folio, which session's archive (or null) and whether the channel's record was reached.
/// Appended and flushed before any record changes (a request whose carrying out then fails
/// is still logged: nothing is changed without its line); mode 0600, since folios tie back
/// to people.
struct ArcoLog {
    let url: URL

    /// The action's name in the log.
    static func action(of request: ArcoRequest) -> String {
        switch request { case .export: "export"; case .rectify: "rectify"; case .cancel: "cancel" }
    }

    func record(at: Instant, official: OfficialID?, action: String, folio: Folio, sessionID: String?,
                channel: Bool) throws(ServerError) {
        let line = JSON.object([
            "at": .string(at.description), "official": official.map { .string($0.rawValue) } ?? .null, "action": .string(action),
            "folio": .string(folio.rawValue), "session": sessionID.map(JSON.string) ?? .null, "channel": .bool(channel),
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
