import AudienciaCore
import AudienciaWire
import Foundation
import Glibc

/// The checkpoint file of the room (docs/archive.md, "Checkpoint"): the hearing as the first
/// lines of the journal leave it, so that a restart reads and replays only the lines after
/// them. It holds personal data as the journal does: mode 0600, and deleted before anything
/// rewrites the journal (an ARCO cancellation sealing lines) or moves it away (the close).
enum RoomCheckpoint {
    struct Loaded {
        var snapshot: HearingSnapshot
        var cover: CheckpointCover
    }

    static func write(_ snapshot: HearingSnapshot, cover: CheckpointCover, to url: URL) throws(ServerError) {
        try DurableFile.replace(url, contents: CheckpointCodec.encode(snapshot, cover: cover), mode: 0o600)
    }

    /// Deletes the checkpoint and any temporary a write cut short by a crash left next to it
    /// (it may hold personal data since sealed).
    static func discard(_ url: URL) {
        removeLeftovers(of: url)
        guard unlink(url.path) == 0 else { return }
        DurableFile.syncDirectory(of: url.path)
    }

    /// Temporaries of writes that a crash cut short.
    static func removeLeftovers(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = url.lastPathComponent + ".tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// The checkpoint at `url` if it can be trusted for `journal` (the journal file's bytes)
    /// started from `baseHistory`; otherwise why not, to be logged before a full replay.
    static func load(_ url: URL, journal: [UInt8], baseHistory: HearingHistory) -> Result<Loaded, Doubt> {
        guard let bytes = try? Data(contentsOf: url) else { return .failure(.missing) }
        let loaded: Loaded
        do {
            let (snapshot, cover) = try CheckpointCodec.decode(Array(bytes))
            loaded = Loaded(snapshot: snapshot, cover: cover)
        } catch {
            return .failure(.unreadable(error.description))
        }
        let cover = loaded.cover
        guard cover.baseHistory == baseHistory else { return .failure(.otherArchives) }
        guard cover.entries > 0, cover.offset > 0, cover.offset <= journal.count else {
            return .failure(.beyondJournal(offset: cover.offset, length: journal.count))
        }
        guard coveredLine(of: journal, endingAt: Int(cover.offset)).map({ $0.number == cover.entries && $0.hash == cover.hash }) == true else {
            return .failure(.otherJournal)
        }
        return .success(loaded)
    }

    /// The record of the line that ends just before `offset`, if the byte before `offset` ends a
    /// line and that line reads back.
    private static func coveredLine(of journal: [UInt8], endingAt offset: Int) -> ChainedRecord<JournalEntry>? {
        guard journal[offset - 1] == 10 else { return nil }
        var start = offset - 1
        while start > 0 && journal[start - 1] != 10 { start -= 1 }
        return journal.withUnsafeBytes { buffer in
            try? ChainedRecord<JournalEntry>.read(UnsafeRawBufferPointer(rebasing: buffer[start..<(offset - 1)]))
        }
    }

    /// Why a checkpoint is not used: the restart replays the whole journal instead.
    enum Doubt: Error, CustomStringConvertible {
        case missing
        case unreadable(String)
        case otherArchives
        case beyondJournal(offset: Int64, length: Int)
        case otherJournal

        var description: String {
            switch self {
            case .missing: "no hay punto de control"
            case .unreadable(let why): "el punto de control no se pudo leer (\(why))"
            case .otherArchives: "el punto de control partió de otros archivos de sesiones"
            case .beyondJournal(let offset, let length):
                "el punto de control cubre \(offset) bytes y el diario tiene \(length)"
            case .otherJournal: "la línea que cierra el punto de control no es la del diario (hash o número distintos)"
            }
        }
    }
}
