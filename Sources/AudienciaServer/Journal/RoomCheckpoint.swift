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

    /// The journal's bytes from `base` to its end: all a restart from a checkpoint reads.
    struct JournalWindow {
        var base: Int
        var bytes: [UInt8]
    }

    /// Before the offset, the window keeps enough for the last covered line (a line holds at
    /// most one message of a few KB).
    static let lookBehind = 1 << 20

    /// The checkpoint at `url` if it can be trusted for the journal at `journal` started from
    /// `baseHistory`, with the journal's bytes from just before its offset; otherwise why
    /// not, to be logged before a full replay.
    static func load(_ url: URL, journal: URL, baseHistory: HearingHistory) -> Result<(Loaded, JournalWindow), Doubt> {
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
        let size = (try? FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? NSNumber)?.intValue ?? 0
        guard cover.entries > 0, cover.offset > 0, cover.offset <= size else {
            return .failure(.beyondJournal(offset: cover.offset, length: size))
        }
        let base = max(0, Int(cover.offset) - lookBehind)
        guard let handle = try? FileHandle(forReadingFrom: journal) else { return .failure(.unreadable("el diario no se pudo abrir")) }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(base))) != nil, let data = try? handle.readToEnd() else {
            return .failure(.unreadable("el diario no se pudo leer desde \(base)"))
        }
        let window = JournalWindow(base: base, bytes: Array(data))
        guard Int(cover.offset) - base <= window.bytes.count,
              coveredLine(of: window, endingAt: Int(cover.offset) - base)
                .map({ $0.number == cover.entries && $0.hash == cover.hash }) == true else {
            return .failure(.otherJournal)
        }
        return .success((loaded, window))
    }

    /// The record of the line that ends just before `offset`, if the byte before `offset` ends a
    /// line and that line reads back.
    private static func coveredLine(of window: JournalWindow, endingAt offset: Int) -> ChainedRecord<JournalEntry>? {
        let journal = window.bytes
        guard offset > 0, journal[offset - 1] == 10 else { return nil }
        var start = offset - 1
        while start > 0 && journal[start - 1] != 10 { start -= 1 }
        // The line must start inside the window: at the file's start or after a newline.
        guard start > 0 || window.base == 0 else { return nil }
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
