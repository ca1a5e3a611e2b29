import AudienciaCore
import Foundation

/// Reads a journal file back, checking every line's hash and its link to the line before.
/// Only the last line may be incomplete (a write cut short by a crash, never acknowledged):
/// it is reported and left out. Any other problem names the file and the line.
struct ChainedJournalReader<Entry: JournalPayload> {
    struct Contents {
        var records: [ChainedRecord<Entry>]
        /// Bytes up to the end of the last good line; a torn tail starts here.
        var validLength: Int
        var tornTail: Bool

        var entries: [Entry] { records.map(\.entry) }
        var head: String { records.last?.hash ?? ChainedRecord<Entry>.genesis }
    }

    struct Failure: Error, CustomStringConvertible, Equatable {
        var path: String
        var line: Int
        var problem: JournalProblem

        var description: String {
            switch problem {
            case .unreadable(let why), .undecodable(let why): "\(path), línea \(line): \(why)"
            case .tampered(let why): "\(path), línea \(line): la cadena de hashes se rompe aquí: \(why)"
            }
        }
    }

    static func read(_ url: URL) throws -> Contents {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return Contents(records: [], validLength: 0, tornTail: false)
        }
        return try read(Array(try Data(contentsOf: url)), path: url.path)
    }

    static func read(_ bytes: [UInt8], path: String) throws(Failure) -> Contents {
        var records: [ChainedRecord<Entry>] = []
        var offset = 0
        var lineNumber = 0
        while offset < bytes.count {
            lineNumber += 1
            let end = bytes[offset...].firstIndex(of: 10)
            let isLast = end.map { $0 + 1 >= bytes.count } ?? true
            let line = bytes[offset..<(end ?? bytes.count)]
            let record: ChainedRecord<Entry>
            do {
                guard end != nil else { throw JournalProblem.unreadable("línea sin terminar") }
                record = try ChainedRecord<Entry>.read(line)
            } catch let problem as JournalProblem {
                // A crash mid-write leaves at most one incomplete last line; it was never
                // acknowledged, so it is dropped. Anywhere else it is damage.
                if isLast, case .unreadable = problem {
                    return Contents(records: records, validLength: offset, tornTail: true)
                }
                throw Failure(path: path, line: lineNumber, problem: problem)
            } catch {
                throw Failure(path: path, line: lineNumber, problem: .unreadable("\(error)"))
            }
            let expectedNumber = (records.last?.number ?? 0) + 1
            let expectedPrevious = records.last?.hash ?? ChainedRecord<Entry>.genesis
            guard record.number == expectedNumber, record.previous == expectedPrevious else {
                throw Failure(path: path, line: lineNumber,
                              problem: .tampered("se esperaba el registro \(expectedNumber) tras el hash \(expectedPrevious.prefix(12))…"))
            }
            records.append(record)
            offset = (end ?? bytes.count) + 1
        }
        return Contents(records: records, validLength: bytes.count, tornTail: false)
    }
}

typealias JournalReader = ChainedJournalReader<JournalEntry>
