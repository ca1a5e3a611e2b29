import AudienciaCore
import AudienciaWire
import Foundation
import Logging

/// Writes the room's checkpoint every `every` journal lines, at a quiet moment, off the
/// service thread: the
/// service thread only copies the hearing (a value; its storage is shared until changed) and
/// the journal's position, and a serial queue encodes and writes. Deleting goes through the
/// same queue, so a write in flight can never land after the deletion that follows it.
final class CheckpointWriter {
    let url: URL
    let every: Int
    private let baseHistory: HearingHistory
    private let logger: Logger
    private let queue = DispatchQueue(label: "audiencia-checkpoint")
    /// Journal lines the last checkpoint asked for covers.
    private(set) var covered: Int64

    init(url: URL, every: Int, baseHistory: HearingHistory, covered: Int64, logger: Logger) {
        self.url = url
        self.every = max(every, 1)
        self.baseHistory = baseHistory
        self.covered = covered
        self.logger = logger
    }

    /// Asks for a checkpoint if `every` lines were committed since the last one and the server
    /// is `quiet` (no input for a moment), or regardless once twice that many wait: encoding a
    /// checkpoint takes one of the machine's cores, which a burst of check-ins needs, and a
    /// burst is over in well under the time `every` more lines take under sustained load.
    /// Call only when everything appended is durable and `hearing` is the room after exactly
    /// those lines.
    func writeIfDue(_ hearing: Hearing, journal: Journal, quiet: Bool) {
        let waiting = journal.lastNumber - covered
        guard waiting >= Int64(every), quiet || waiting >= 2 * Int64(every) else { return }
        write(hearing, journal: journal, wait: false)
    }

    /// Asks for a checkpoint of `hearing` after every line of `journal`; with `wait`, returns
    /// once it is on disk (a graceful stop).
    func write(_ hearing: Hearing, journal: Journal, wait: Bool) {
        guard journal.pending == 0, journal.lastNumber > 0, journal.lastNumber != covered else { return }
        let cover = CheckpointCover(entries: journal.lastNumber, offset: Int64(journal.writtenLength),
                                    hash: journal.head, baseHistory: baseHistory)
        covered = cover.entries
        let work: @Sendable () -> Void = { [url, logger] in
            do {
                try RoomCheckpoint.write(hearing.snapshot, cover: cover, to: url)
            } catch {
                // The previous checkpoint, if any, still describes a prefix of the journal.
                logger.warning("No se pudo escribir el punto de control; el reinicio leerá más diario: \(error)")
            }
        }
        if wait { queue.sync(execute: work) } else { queue.async(execute: work) }
    }

    /// Deletes the checkpoint once any write in flight has finished: before the journal is
    /// rewritten or moved, so that no checkpoint outlives what it describes.
    func discard() {
        queue.sync { RoomCheckpoint.discard(url) }
        covered = 0
    }

    /// Waits for a write in flight (tests and benchmarks).
    func drain() { queue.sync {} }
}
