import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// One line of the journal: a numbered, hash-chained entry. The hash is SHA-256 over the
/// line's compact JSON without its `hash` member, and `prev` is the previous line's hash, so
/// changing, removing or reordering any line breaks the chain from there on.
/// Generic over what the lines carry: the session's facts (`JournalRecord`) or the permanent
/// channel's (`ChannelJournalRecord`).
struct ChainedRecord<Entry: JournalPayload>: Equatable {
    /// The `prev` of a journal's first line.
    static var genesis: String { String(repeating: "0", count: 64) }

    var number: Int64
    var previous: String
    var hash: String
    var entry: Entry

    /// The line as written, newline included: the unsealed JSON with `,"hash":"…"}` in place
    /// of its closing brace (what `read` undoes to check it).
    let line: [UInt8]

    /// Seals `entry` as the line after `previous` (number `number`).
    init(number: Int64, previous: String, entry: Entry) {
        self.number = number
        self.previous = previous
        self.entry = entry
        let body = Self.unsealed(number: number, previous: previous, entry: entry).serialized()
        // A line holding personal data is hashed with its block sealed (`PersonalSeal`).
        hash = Hex.encode(Crypto.sha256(PersonalSeal.sealed(body[...]) ?? body))
        // Collection slicing, not Sequence.dropLast (which copies through a ring buffer).
        var sealed = Array(body[..<(body.count - 1)])
        sealed.reserveCapacity(body.count + Self.hashTail.prefix.count + hash.utf8.count + Self.hashTail.suffix.count + 1)
        sealed += Self.hashTail.prefix
        sealed += hash.utf8
        sealed += Self.hashTail.suffix
        sealed.append(10)
        line = sealed
    }

    private static func unsealed(number: Int64, previous: String, entry: Entry) -> JSON {
        var object: JSONObject = ["n": .int(number), "prev": .string(previous)]
        if case .object(let body) = entry.journalJSON() {
            for (key, value) in body.members { object[key] = value }
        }
        return .object(object)
    }

    /// How every line ends: `,"hash":"<64 hex digits>"}`. What comes before it, closed with
    /// `}`, is exactly the compact JSON the hash was computed over, so checking a line needs
    /// no second serialisation.
    private static var hashTail: (prefix: [UInt8], digits: Int, suffix: [UInt8]) { lineHashTail }

    /// Reads a line (without its newline) and checks its own hash; the caller checks it
    /// follows the previous one.
    static func read(_ line: UnsafeRawBufferPointer) throws(JournalProblem) -> ChainedRecord {
        let parsed: Result<ChainedRecord, JournalProblem>
        do {
            parsed = try JSON.withParsed(line) { json in
                Result { () throws(JournalProblem) in try read(line, parsed: json) }
            }
        } catch {
            throw .unreadable("JSON inválido (\(error))")
        }
        return try parsed.get()
    }

    private static func read(_ line: UnsafeRawBufferPointer, parsed json: JSONView) throws(JournalProblem) -> ChainedRecord {
        guard json.isObject, let number = json["n"]?.int,
              let previous = json["prev"]?.string, let hash = json["hash"]?.string else {
            throw .unreadable("no es un registro del diario (faltan n, prev o hash)")
        }
        guard hashMatches(line, hash) else {
            if hashMatches(line, hash, sealing: false) {
                // Whole and genuine, but hashed over its personal block as written (before
                // blocks were sealed): cancelling its data would break the chain.
                throw .undecodable("escrita por una versión anterior de Audiencia, con el hash sobre los datos personales sin sellar; esta versión no la lee (docs/archive.md, \"Cancellation: sealed personal data\")")
            }
            throw .tampered("su hash no corresponde a su contenido")
        }
        let entry: Entry
        do {
            entry = try Entry(journalView: json)
        } catch {
            // Whole (its hash checks) yet not understood: never mistaken for a torn write.
            throw .undecodable("\(error)")
        }
        return ChainedRecord(number: number, previous: previous, hash: hash, entry: entry,
                             line: Array(line) + [10])
    }

    /// Whether `line` ends with `hash` in its tail and the hash is the SHA-256 of what comes
    /// before the tail, closed with `}` (its personal block sealed, if it has one).
    private static func hashMatches(_ line: UnsafeRawBufferPointer, _ hash: String, sealing: Bool = true) -> Bool {
        let tailLength = hashTail.prefix.count + hashTail.digits + hashTail.suffix.count
        guard line.count > tailLength else { return false }
        let bodyEnd = line.count - tailLength
        guard line[bodyEnd..<bodyEnd + hashTail.prefix.count].elementsEqual(hashTail.prefix),
              line.suffix(hashTail.suffix.count).elementsEqual(hashTail.suffix) else { return false }
        var body = [UInt8](UnsafeRawBufferPointer(rebasing: line[0..<bodyEnd]))
        body.append(UInt8(ascii: "}"))
        // A line holding personal data is hashed with its block sealed (`PersonalSeal`).
        return Hex.encode(Crypto.sha256((sealing ? PersonalSeal.sealed(body[...]) : nil) ?? body)) == hash
    }

    private init(number: Int64, previous: String, hash: String, entry: Entry, line: [UInt8]) {
        self.number = number
        self.previous = previous
        self.hash = hash
        self.entry = entry
        self.line = line
    }
}

private let lineHashTail = (prefix: Array(#","hash":""#.utf8), digits: 64, suffix: Array(#""}"#.utf8))

typealias JournalRecord = ChainedRecord<JournalEntry>

/// What a hash-chained journal line can carry: an entry with an `at` and a `fact`, written as
/// a JSON object and read back exactly.
protocol JournalPayload: Equatable, Sendable {
    func journalJSON() -> JSON
    init(journalJSON: JSON) throws
    /// Decoding straight from jansson's parsed line, without a Swift `JSON` copy first.
    init(journalView: JSONView) throws
}

extension JournalEntry: JournalPayload {
    func journalJSON() -> JSON { JournalCodec.encode(self) }
    init(journalJSON: JSON) throws { self = try JournalCodec.decode(journalJSON) }
    init(journalView: JSONView) throws { self = try JournalCodec.decode(journalView) }
}

/// What is wrong with one journal line.
enum JournalProblem: Error, Equatable {
    /// Not a whole line: on the last line, a write cut short.
    case unreadable(String)
    /// A whole line the chain does not vouch for.
    case tampered(String)
    /// A whole, genuine line this version cannot decode.
    case undecodable(String)
}
