import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// Cancellation on disk: every journal line about a cancelled folio gets its personal block
/// replaced by the block's seal. A line's hash already covers the seal rather than the block
/// (`JournalRecord`), so the rewritten journal verifies exactly as before, and reads back
/// with that person's data gone.
enum JournalRedaction {
    /// The journal's bytes with the personal data of `folios` sealed, or nil when no line
    /// still holds any. The caller has just read (and so checked) the journal. A cancellation
    /// holds up the service loop, so the file is searched for the folios and only the lines
    /// that name one are decoded.
    static func redact(_ bytes: [UInt8], folios: Set<Folio>) throws -> [UInt8]? {
        var starts: Set<Int> = []
        for folio in folios {
            // Anchored on the folio's first letter, rarer than a quote.
            let prefix = Array(#""folio":""#.utf8)
            let pattern = BytePattern(bytes: prefix + Array(folio.rawValue.utf8) + [UInt8(ascii: "\"")], anchor: prefix.count)
            for hit in pattern.occurrences(in: bytes[...]) {
                starts.insert((bytes[..<hit].lastIndex(of: 10)).map { $0 + 1 } ?? 0)
            }
        }
        var result: [UInt8] = []
        var copied = 0
        for start in starts.sorted() {
            guard let end = bytes[start...].firstIndex(of: 10),
                  let sealed = try sealedLine(bytes[start..<end], folios: folios) else {
                continue
            }
            result += bytes[copied..<start]
            result += sealed
            copied = end
        }
        guard copied > 0 else { return nil }
        result += bytes[copied...]
        return result
    }

    /// The line (without its newline) with its personal block sealed and its hash member
    /// kept as it was, or nil if it is not about `folios` or holds no data any more.
    private static func sealedLine(_ line: ArraySlice<UInt8>, folios: Set<Folio>) throws -> [UInt8]? {
        guard case .object(let object) = try JSON.parse(line), object["hash"] != nil,
              let folio = JournalCodec.folio(ofLine: object), folios.contains(folio) else { return nil }
        // Sealing the block in place leaves the rest of the line, `hash` included, untouched.
        return PersonalSeal.sealed(line)
    }

    /// The folios a journal's facts cancelled.
    static func cancelledFolios<Entries: Sequence>(in entries: Entries) -> Set<Folio>
    where Entries.Element == JournalEntry {
        Set(entries.compactMap { entry in
            if case .personalDataCancelled(let folio, _) = entry.fact { folio } else { nil }
        })
    }
}
