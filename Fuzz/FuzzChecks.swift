import AudienciaCore
import AudienciaJSON
import AudienciaWire
import Synchronization

/// What must hold after every input, whatever a client sent. A crash is the obvious failure;
/// these catch the quiet ones: a frame the server could not write, a journal line that would
/// not read back, a room whose queue and floor disagree.
enum FuzzChecks {
    /// Whether a citizen's `welcome` (the whole catalog, tens of kilobytes) was already encoded
    /// and read back in this process; doing it in every case made the fuzzer about three times
    /// slower, for a message that never changes with the input.
    static let welcomeChecked = Atomic<Bool>(false)

    /// Anything the server sends or stores must serialise to JSON that parses back.
    static func encodes(_ json: JSON) {
        let bytes = json.serialized()
        do {
            _ = try JSON.parse(bytes)
        } catch {
            FuzzFailure.stop("wrote JSON it cannot read (\(error)): \(String(decoding: bytes.prefix(400), as: UTF8.self))")
        }
    }

    /// A journal line must read back to the very fact written, or recovery rebuilds another room.
    static func journalRoundTrips(_ entry: JournalEntry) {
        let bytes = JournalCodec.encode(entry).serialized()
        do {
            let decoded = try JournalCodec.decode(try JSON.parse(bytes))
            FuzzFailure.check(decoded == entry, "journal line reads back as another fact: \(String(decoding: bytes.prefix(400), as: UTF8.self))")
        } catch {
            FuzzFailure.stop("journal line does not read back (\(error)): \(String(decoding: bytes.prefix(400), as: UTF8.self))")
        }
    }

    /// The same for the permanent channel's journal.
    static func channelJournalRoundTrips(_ entry: ChannelJournalEntry) {
        let bytes = ChannelJournalCodec.encode(entry).serialized()
        do {
            let decoded = try ChannelJournalCodec.decode(try JSON.parse(bytes))
            FuzzFailure.check(decoded == entry, "channel journal line reads back as another fact: \(String(decoding: bytes.prefix(400), as: UTF8.self))")
        } catch {
            FuzzFailure.stop("channel journal line does not read back (\(error)): \(String(decoding: bytes.prefix(400), as: UTF8.self))")
        }
    }

    static func archiveEncodes(_ archive: SessionArchive) {
        encodes(ArchiveEncoder.publicRecord(archive, journalHead: "fuzz"))
        encodes(ArchiveEncoder.protectedRecord(archive, journalHead: "fuzz"))
    }

    /// The queue, the floor and the petitions' stages tell one story.
    static func roomIsConsistent(_ hearing: Hearing) {
        FuzzFailure.check(Set(hearing.queue).count == hearing.queue.count, "a folio is queued twice: \(hearing.queue)")
        FuzzFailure.check(Set(hearing.checkInOrder).count == hearing.checkInOrder.count, "a folio checked in twice")
        FuzzFailure.check(hearing.checkInOrder.count == hearing.petitions.count, "petitions and check-in order disagree")
        for folio in hearing.queue {
            FuzzFailure.check(hearing.petitions[folio]?.stage == .waiting, "queued folio \(folio) is not waiting")
        }
        if let floor = hearing.floor {
            FuzzFailure.check(hearing.petitions[floor.folio]?.stage == .onFloor, "the floor's folio is not on the floor")
            FuzzFailure.check(!hearing.queue.contains(floor.folio), "the floor's folio is still queued")
        }
        let onFloor = hearing.petitions.values.filter { $0.stage == .onFloor }.map(\.folio)
        FuzzFailure.check(onFloor.allSatisfy { $0 == hearing.floor?.folio },
                          "petitions on the floor without holding it: \(onFloor)")
        let numbers = hearing.checkInOrder.compactMap { hearing.petitions[$0]?.turno }
        FuzzFailure.check(Set(numbers).count == numbers.count || hearing.session == nil,
                          "two petitions share a turno: \(numbers)")
    }
}
