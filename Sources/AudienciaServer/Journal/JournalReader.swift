import AudienciaCore
import Foundation
import Synchronization

/// Reads a journal file back, checking every line's hash and its link to the line before.
/// Only the last line may be incomplete (a write cut short by a crash, never acknowledged):
/// it is reported and left out. Any other problem names the file and the line.
struct ChainedJournalReader<Entry: JournalPayload> {
    struct Contents {
        var records: [ChainedRecord<Entry>]
        /// Bytes up to the end of the last good line; a torn tail starts here.
        var validLength: Int
        var tornTail: Bool
        /// Where reading started: after line `start.number`, whose hash is `start.hash` (a
        /// checkpoint's cover), or at the first line.
        var start: (number: Int64, hash: String) = (0, ChainedRecord<Entry>.genesis)

        var entries: [Entry] { records.map(\.entry) }
        var head: String { records.last?.hash ?? start.hash }
        var lastNumber: Int64 { records.last?.number ?? start.number }
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
        try read(bytes, path: path, from: 0, after: (0, ChainedRecord<Entry>.genesis))
    }

    /// Reads the lines that start at byte `offset`, the first of which must follow line
    /// `start.number` with hash `start.hash`. Failures name lines counted from the file's
    /// first line.
    static func read(_ bytes: [UInt8], path: String, from offset: Int,
                     after start: (number: Int64, hash: String)) throws(Failure) -> Contents {
        let lines = Self.lines(of: bytes, from: offset)
        let results = readLines(lines, of: bytes)
        var records: [ChainedRecord<Entry>] = []
        records.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let lineNumber = Int(start.number) + index + 1
            let record: ChainedRecord<Entry>
            switch results[index] {
            case .success(let read):
                record = read
            case .failure(let problem):
                // A crash mid-write leaves at most one incomplete last line; it was never
                // acknowledged, so it is dropped. Anywhere else it is damage.
                if index == lines.count - 1, case .unreadable = problem {
                    return Contents(records: records, validLength: line.lowerBound, tornTail: true, start: start)
                }
                throw Failure(path: path, line: lineNumber, problem: problem)
            }
            let expectedNumber = (records.last?.number ?? start.number) + 1
            let expectedPrevious = records.last?.hash ?? start.hash
            guard record.number == expectedNumber, record.previous == expectedPrevious else {
                throw Failure(path: path, line: lineNumber,
                              problem: .tampered("se esperaba el registro \(expectedNumber) tras el hash \(expectedPrevious.prefix(12))…"))
            }
            records.append(record)
        }
        return Contents(records: records, validLength: bytes.count, tornTail: false, start: start)
    }

    /// Each line's range without its newline; a last line with no newline is included (torn).
    private static func lines(of bytes: [UInt8], from offset: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = offset
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while start < buffer.count {
                let end = memchr(base + start, 10, buffer.count - start)
                    .map { base.distance(to: UnsafeRawPointer($0)) } ?? buffer.count
                lines.append(start..<end)
                start = end + 1
            }
        }
        return lines
    }

    /// Lines are parsed, hashed and decoded independently of each other, so the work is split
    /// over the cores in contiguous parts; only the chain check that follows is sequential.
    private static func readLines(_ lines: [Range<Int>], of bytes: [UInt8]) -> [Result<ChainedRecord<Entry>, JournalProblem>] {
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, max(1, lines.count / linesPerPart))
        let size = (lines.count + parts - 1) / max(parts, 1)
        let done = Mutex<[Int: [Result<ChainedRecord<Entry>, JournalProblem>]]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = min(part * size, lines.count)..<min((part + 1) * size, lines.count)
            let results = bytes.withUnsafeBytes { buffer in
                range.map { index in readLine(lines[index], of: buffer, isLast: index == lines.count - 1) }
            }
            done.withLock { $0[part] = results }
        }
        return done.withLock { finished in (0..<parts).flatMap { finished[$0] ?? [] } }
    }

    /// Below this many lines a second thread costs more than it saves.
    private static var linesPerPart: Int { 512 }

    private static func readLine(_ line: Range<Int>, of buffer: UnsafeRawBufferPointer,
                                 isLast: Bool) -> Result<ChainedRecord<Entry>, JournalProblem> {
        // Only the last line can lack its newline.
        guard !isLast || line.upperBound < buffer.count else {
            return .failure(.unreadable("línea sin terminar"))
        }
        return Result { () throws(JournalProblem) in
            try ChainedRecord<Entry>.read(UnsafeRawBufferPointer(rebasing: buffer[line]))
        }
    }
}

typealias JournalReader = ChainedJournalReader<JournalEntry>
