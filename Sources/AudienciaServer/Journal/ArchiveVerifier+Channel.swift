import AudienciaCore
import Foundation

extension ArchiveVerifier {
    /// The permanent channel's journal: the same hash chain, line by line, over its own facts.
    static func verifyChannelJournal(_ file: URL) -> Report {
        do {
            let contents = try ChainedJournalReader<ChannelJournalEntry>.read(file)
            let finding = "✔ \(file.lastPathComponent): \(contents.records.count) registros encadenados, cabeza \(contents.head.prefix(16))…"
            if contents.tornTail {
                return Report(findings: [finding], failure: "\(file.path): la última línea está incompleta (escritura interrumpida)")
            }
            return Report(findings: [finding], failure: nil)
        } catch {
            return Report(findings: [], failure: "\(error)")
        }
    }
}
