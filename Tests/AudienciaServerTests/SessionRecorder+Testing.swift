import AudienciaCore
import Logging
@testable import AudienciaServer

extension SessionRecorder {
    /// Opens the data folder's journal as the server does, with no archives behind it: the
    /// lines read (after the checkpoint, if one was used) and whether a torn tail was dropped.
    static func open(_ data: DataFolder, checkpointEvery: Int = 2000) throws -> (SessionRecorder, [JournalEntry], Bool) {
        let (recorder, found) = try open(data, baseHistory: HearingHistory(), checkpointEvery: checkpointEvery,
                                         logger: Logger(label: "test"))
        return (recorder, found.entries, found.tornTail)
    }
}
