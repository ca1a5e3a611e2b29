import AudienciaCore
import AudienciaServer
import Foundation
import Testing

/// `audiencia purge`: protected records past the retention period go; public ones stay.
@Suite struct RetentionPurgeTests {
    private func folder(with names: [String]) throws -> URL {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-purge-\(UUID().uuidString)")
        let archive = data.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        for name in names { try Data("{}\n".utf8).write(to: archive.appendingPathComponent(name)) }
        return data
    }

    private static let today = CivilDate(year: 2026, month: 11, day: 29)
    private static let names = [
        "2020-11-03.public.json", "2020-11-03.protected.json", "2020-11-03.journal.jsonl",
        "2021-06-01-2.public.json", "2021-06-01-2.protected.json", "2021-06-01-2.journal.jsonl",
        "2021-12-07.public.json", "2021-12-07.protected.json", "2021-12-07.journal.jsonl",
        "2026-11-24.public.json", "2026-11-24.protected.json", "2026-11-24.journal.jsonl",
    ]

    @Test func protectedRecordsOlderThanThePeriodGoAndPublicOnesStay() throws {
        let data = try folder(with: Self.names)
        defer { try? FileManager.default.removeItem(at: data) }
        let plan = try RetentionPurge.plan(data: data, olderThan: 1825, retentionDays: 1825, today: Self.today)
        // 1825 days before 2026-11-29 is 2021-11-30: the 2021-12-07 session is still kept.
        #expect(plan.sessions == ["2020-11-03", "2021-06-01-2"])
        #expect(plan.files.map(\.lastPathComponent) == [
            "2020-11-03.journal.jsonl", "2020-11-03.protected.json",
            "2021-06-01-2.journal.jsonl", "2021-06-01-2.protected.json",
        ])
        let archive = data.appendingPathComponent("archive")
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path).count == Self.names.count)  // a plan removes nothing
        try RetentionPurge.execute(plan)
        let left = try FileManager.default.contentsOfDirectory(atPath: archive.path).sorted()
        #expect(left == Self.names.filter { name in !plan.files.contains { $0.lastPathComponent == name } }.sorted())
        #expect(left.filter { $0.hasSuffix(".public.json") }.count == 4)
        // Running it again finds nothing more.
        #expect(try RetentionPurge.plan(data: data, olderThan: 1825, retentionDays: 1825, today: Self.today).files.isEmpty)
    }

    @Test func aPeriodShorterThanTheRetentionIsRefused() throws {
        let data = try folder(with: Self.names)
        defer { try? FileManager.default.removeItem(at: data) }
        #expect(throws: RetentionPurge.Failure.self) {
            try RetentionPurge.plan(data: data, olderThan: 30, retentionDays: 1825, today: Self.today)
        }
        let longer = try RetentionPurge.plan(data: data, olderThan: 2100, retentionDays: 1825, today: Self.today)
        #expect(longer.sessions == ["2020-11-03"])
    }
}
