import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Foundation

/// The data folder: the token secret and the archives. Everything a session leaves behind is
/// here, on local disk.
struct DataFolder {
    let root: URL

    var archiveDirectory: URL { root.appendingPathComponent("archive") }
    var secretFile: URL { root.appendingPathComponent("secret.key") }
    /// The open session's write-ahead journal.
    var journalFile: URL { root.appendingPathComponent("journal.jsonl") }
    /// The room as the journal's first lines leave it (`RoomCheckpoint`).
    var checkpointFile: URL { root.appendingPathComponent("checkpoint.json") }
    /// Officials' tokens revoked before they expire (`audiencia token revoke`).
    var revocationFile: URL { root.appendingPathComponent("revoked.json") }
    /// Officials' reads of personal data (see AccessLog).
    var accessLogFile: URL { root.appendingPathComponent("access.jsonl") }

    struct ArchiveFiles {
        var `public`: URL
        var protected: URL
        var journal: URL
    }

    func archiveFiles(for sessionID: String) -> ArchiveFiles {
        ArchiveFiles(public: archiveDirectory.appendingPathComponent("\(sessionID).public.json"),
                     protected: archiveDirectory.appendingPathComponent("\(sessionID).protected.json"),
                     journal: archiveDirectory.appendingPathComponent("\(sessionID).journal.jsonl"))
    }

    /// Whether a closed session's protected record and journal are still kept (not purged).
    func holdsProtectedRecords(of sessionID: String) -> Bool {
        let files = archiveFiles(for: sessionID)
        return FileManager.default.fileExists(atPath: files.protected.path)
            && FileManager.default.fileExists(atPath: files.journal.path)
    }

    func prepare() throws(ServerError) {
        for directory in [root, archiveDirectory] {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .storage(path: directory.path, reason: "no se pudo crear (\(error.localizedDescription))")
            }
        }
    }

    /// The signing secret, created on first use with mode 0600 (never readable by others).
    func secret() throws(ServerError) -> [UInt8] {
        try prepare()
        if let text = try? String(contentsOf: secretFile, encoding: .utf8) {
            guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  bytes.count >= 32 else {
                throw .storage(path: secretFile.path, reason: "no contiene un secreto válido (64 dígitos hexadecimales)")
            }
            return bytes
        }
        let bytes = try Crypto.randomBytes(32)
        try DurableFile.create(secretFile, contents: Array((Hex.encode(bytes) + "\n").utf8), mode: 0o600)
        return bytes
    }

    /// Writes both records of a closed session, each carrying the journal's chain head.
    /// Neither file is ever overwritten; the protected one is written first, so a public
    /// record on disk means both are there.
    func writeArchive(_ archive: SessionArchive, journalHead: String) throws(ServerError) {
        try prepare()
        let files = archiveFiles(for: archive.session.id)
        if !FileManager.default.fileExists(atPath: files.protected.path) {
            try DurableFile.create(files.protected, contents: ArchiveEncoder.protectedRecord(archive, journalHead: journalHead)
                                       .serialized(.indented) + [10], mode: 0o600)
        }
        try DurableFile.create(files.public, contents: ArchiveEncoder.publicRecord(archive, journalHead: journalHead)
                                   .serialized(.indented) + [10], mode: 0o644)
    }

    /// What earlier sessions left: the last folio issued and the last session's date, so
    /// numbering continues and a day's second session gets its own id after a restart.
    func history() throws(ServerError) -> HearingHistory {
        var history = HearingHistory()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: archiveDirectory.path)) ?? []
        // Both kinds: if a close wrote only the protected record, its folios still count.
        for name in names.sorted() where name.hasSuffix(".public.json") || name.hasSuffix(".protected.json") {
            let url = archiveDirectory.appendingPathComponent(name)
            let json: JSON
            do {
                json = try JSON.parse(Array(try Data(contentsOf: url)))
            } catch let error as JSONError {
                throw .storage(path: url.path, reason: "JSON inválido en \(error)")
            } catch {
                throw .storage(path: url.path, reason: "no se pudo leer (\(error.localizedDescription))")
            }
            let format = json["format"]?.string
            guard format == ArchiveEncoder.publicFormat || format == ArchiveEncoder.protectedFormat else {
                throw .storage(path: url.path, reason: "no es un archivo de sesión de Audiencia")
            }
            for petition in json["petitions"]?.array ?? [] {
                if let folio = petition["folio"]?.string.map({ Folio($0) }), folio.yearAndNumber != nil,
                   history.lastFolio.map({ $0 < folio }) ?? true {
                    history.lastFolio = folio
                }
            }
            if let id = json["session"]?["id"]?.string {
                history.record(sessionID: id)
            }
        }
        return history
    }
}
