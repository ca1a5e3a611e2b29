import AudienciaCore
import AudienciaSeeds
import Foundation

/// Where reports read their petitions: the answers given on the floor from every session's
/// journal (archived ones and the running one) and everything else from the permanent
/// channel. Each folio counts once, even if a crash left a journal under two names.
public enum ReportSource {
    static func petitions(dataFolder: DataFolder, channel: Channel) throws -> [ReportPetition] {
        var journals: [URL] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dataFolder.archiveDirectory.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".journal.jsonl") {
            journals.append(dataFolder.archiveDirectory.appendingPathComponent(name))
        }
        journals.append(dataFolder.journalFile)
        var seen: Set<Folio> = []
        var petitions: [ReportPetition] = []
        for url in journals {
            for petition in ReportPetition.answeredOnTheFloor(try JournalReader.read(url).entries)
            where seen.insert(petition.folio).inserted {
                petitions.append(petition)
            }
        }
        for petition in ReportPetition.followedUp(channel) where seen.insert(petition.folio).inserted {
            petitions.append(petition)
        }
        return petitions
    }

    /// For the command line: the channel as its journal stands on disk, read without
    /// opening it for writing (a server may be running on the same folder).
    public static func report(data: URL, seeds: URL, scope: ReportScope, today: CivilDate?) throws -> PetitionReport {
        let catalog = try SeedLoader.load(from: seeds)
        let dataFolder = DataFolder(root: data)
        let entries = try ChainedJournalReader<ChannelJournalEntry>.read(dataFolder.channelJournalFile).entries
        let channel = Channel.restored(catalog: catalog, journal: entries)
        let day = today ?? catalog.clock.date(of: SystemClock.now())
        return PetitionReport(try petitions(dataFolder: dataFolder, channel: channel), scope: scope, catalog: catalog,
                              today: day)
    }
}
