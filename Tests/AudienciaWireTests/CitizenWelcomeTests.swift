import AudienciaCore
import AudienciaJSON
import AudienciaSeeds
import AudienciaWire
import Foundation
import Testing

/// The welcome joined from the catalog's text written once is the welcome jansson writes whole.
@Suite struct CitizenWelcomeTests {
    @Test func theWelcomeWithTheCatalogWrittenOnceIsByteForByteTheWholeWelcome() throws {
        let catalog = try SeedLoader.load(from: GuidanceSeedTests.seeds)
        let text = ServerEncoder.citizenCatalogText(catalog)
        var hearing = Hearing(catalog: catalog)
        let open = Instant(millisecondsSinceEpoch: 1_795_971_600_000)
        var summaries = [hearing.sessionSummary(at: open)]
        let moderator: OfficialID = "moderacion"
        _ = hearing.handle(.officialConnected(moderator, ConnectionID(1)), at: open)
        _ = hearing.handle(.official(.openSession, by: moderator, ConnectionID(1), ref: nil), at: open)
        summaries.append(hearing.sessionSummary(at: open.adding(seconds: 60)))
        #expect(summaries[0] != summaries[1])
        for session in summaries {
            let whole = ServerEncoder.encode(.citizenWelcome(session: session, catalog: catalog)).serialized()
            let joined = ServerEncoder.citizenWelcome(session: session, catalogText: text)
            #expect(joined == whole)
            let parsed = try JSON.parse(joined)
            #expect(parsed["type"] == "welcome" && parsed["role"] == "citizen")
            #expect(parsed["services"]?.array?.count == catalog.services.count)
            #expect(parsed["colonias"]?.array?.count == catalog.colonias.count)
        }
    }
}
