@testable import AudienciaJSON
@testable import AudienciaServer
import AudienciaCore
import AudienciaSeeds
import AudienciaWire
import Testing

/// The compact writer against jansson on what the server really writes: every journal line of
/// the durability benchmark's simulated sessions, a checkpoint of each session's room, and the
/// catalog citizens receive on connecting.
@Suite struct CompactTextTests {
    @Test func journalLinesCheckpointsAndTheCatalogAreWrittenAsJanssonWritesThem() throws {
        let catalog = try SeedLoader.load(from: LiveServer.repository.appendingPathComponent("seeds"))
        var simulator = try SessionSimulator(catalog: catalog)
        while simulator.entries.count < 3_000 && simulator.sessionsPlayed < 100 {
            try simulator.playSession(petitions: 80)
        }
        var hearing = Hearing(catalog: catalog)
        var compared = 0
        for entry in simulator.entries {
            let line = JournalCodec.encode(entry)
            #expect(line.serialized() == line.serializedByJansson(.compact), "\(entry)")
            hearing.replay([entry])
            if case .sessionClosed = entry.fact {
                let cover = CheckpointCover(entries: 1, offset: 1, hash: "h", baseHistory: HearingHistory())
                let document = try JSON.parse(CheckpointCodec.encode(hearing.snapshot, cover: cover))
                #expect(document.serialized() == document.serializedByJansson(.compact))
            }
            compared += 1
        }
        let welcome = ServerEncoder.encode(.citizenWelcome(session: hearing.sessionSummary(at: Instant(millisecondsSinceEpoch: 0)),
                                                           catalog: catalog))
        #expect(welcome.serialized() == welcome.serializedByJansson(.compact))
        #expect(compared >= 3_000)
    }
}
