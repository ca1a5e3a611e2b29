import AudienciaCore
import AudienciaJSON
import AudienciaSeeds
import AudienciaWire
import Foundation

/// Checks a journal, or an archive against the journal it was built from: the hash chain is
/// unbroken, the archive names the journal's head, and replaying the journal through the
/// core gives exactly the archive's content.
public enum ArchiveVerifier {
    public struct Report: Sendable, Equatable {
        /// What was checked, one line each, in Spanish for whoever runs the command.
        public var findings: [String]
        /// Set when a check failed; says where.
        public var failure: String?

        public var passed: Bool { failure == nil }
    }

    public static func verify(_ file: URL, seeds: URL) -> Report {
        var findings: [String] = []
        do {
            if file.lastPathComponent == "channel.jsonl" {
                return verifyChannelJournal(file)
            }
            if file.pathExtension == "jsonl" {
                let contents = try JournalReader.read(file)
                findings.append(journalFinding(contents, file))
                if contents.tornTail {
                    return Report(findings: findings, failure: "\(file.path): la última línea está incompleta (escritura interrumpida)")
                }
                return Report(findings: findings, failure: nil)
            }
            return try verifyArchive(file, seeds: seeds, findings: &findings)
        } catch {
            return Report(findings: findings, failure: "\(error)")
        }
    }

    private static func verifyArchive(_ file: URL, seeds: URL, findings: inout [String]) throws -> Report {
        let json: JSON
        do {
            json = try JSON.parse(Array(try Data(contentsOf: file)))
        } catch let error as JSONError {
            return Report(findings: findings, failure: "\(file.path): JSON inválido en \(error)")
        }
        let format = json["format"]?.string
        guard format == ArchiveEncoder.publicFormat || format == ArchiveEncoder.protectedFormat,
              let sessionID = json["session"]?["id"]?.string, let head = json["journalHead"]?.string else {
            return Report(findings: findings, failure: "\(file.path): no es un archivo de sesión de Audiencia (faltan format, session.id o journalHead)")
        }
        let journalURL = file.deletingLastPathComponent().appendingPathComponent("\(sessionID).journal.jsonl")
        guard FileManager.default.fileExists(atPath: journalURL.path) else {
            return Report(findings: findings, failure: "\(journalURL.path): falta el diario de la sesión \(sessionID)")
        }
        let contents = try JournalReader.read(journalURL)
        findings.append(journalFinding(contents, journalURL))
        guard !contents.tornTail else {
            return Report(findings: findings, failure: "\(journalURL.path): la última línea está incompleta")
        }
        guard contents.head == head else {
            return Report(findings: findings, failure: "\(file.path): journalHead \(head.prefix(12))… no es la cabeza del diario (\(contents.head.prefix(12))…)")
        }
        findings.append("✔ \(file.lastPathComponent) nombra la cabeza del diario")

        let catalog = try SeedLoader.load(from: seeds)
        let hearing = Hearing.restored(catalog: catalog, history: HearingHistory(), journal: contents.entries)
        guard let archive = hearing.archiveOfClosedSession else {
            return Report(findings: findings, failure: "\(journalURL.path): el diario no termina con el cierre de la sesión")
        }
        let rebuilt = format == ArchiveEncoder.publicFormat
            ? ArchiveEncoder.publicRecord(archive, journalHead: head)
            : ArchiveEncoder.protectedRecord(archive, journalHead: head)
        guard rebuilt == json else {
            let differing = (json.object?.keys ?? []).filter { rebuilt[$0] != json[$0] }
            return Report(findings: findings, failure: "\(file.path): el contenido no corresponde a su diario (difiere en: \(differing.joined(separator: ", "))); ¿cambiaron los datos del municipio?")
        }
        findings.append("✔ \(file.lastPathComponent) es exactamente lo que el diario produce")
        return Report(findings: findings, failure: nil)
    }

    private static func journalFinding(_ contents: JournalReader.Contents, _ url: URL) -> String {
        "✔ \(url.lastPathComponent): \(contents.records.count) registros encadenados, cabeza \(contents.head.prefix(16))…"
    }
}
