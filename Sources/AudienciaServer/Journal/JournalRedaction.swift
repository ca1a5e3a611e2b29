import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// Cancellation on disk: every journal line about a cancelled folio gets its personal block
/// replaced by the block's seal. A line's hash already covers the seal rather than the block
/// (`JournalRecord`), so the rewritten journal verifies exactly as before, and reads back
/// with that person's data gone.
enum JournalRedaction {
    /// The journal's bytes with the personal data of `folios` sealed, or nil when no line
    /// still holds any. Lines are checked as they are read; a damaged journal is not touched.
    static func redact(_ bytes: [UInt8], folios: Set<Folio>, path: String) throws -> [UInt8]? {
        guard !folios.isEmpty else { return nil }
        _ = try JournalReader.read(bytes, path: path)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var changed = false
        for line in bytes.split(separator: 10, omittingEmptySubsequences: false).dropLast() {
            guard case .object(let object) = try JSON.parse(line),
                  let folio = JournalCodec.folio(ofLine: object), folios.contains(folio),
                  let hash = object["hash"] else {
                result += line + [10]
                continue
            }
            var unsealed = object
            unsealed["hash"] = nil
            guard case .object(var sealed)? = JournalRecord.sealedPersonalData(unsealed) else {
                result += line + [10]
                continue
            }
            sealed["hash"] = hash
            result += JSON.object(sealed).serialized() + [10]
            changed = true
        }
        return changed ? result : nil
    }

    /// The folios a journal's facts cancelled.
    static func cancelledFolios<Entries: Sequence>(in entries: Entries) -> Set<Folio>
    where Entries.Element == JournalEntry {
        Set(entries.compactMap { entry in
            if case .personalDataCancelled(let folio, _) = entry.fact { folio } else { nil }
        })
    }
}
