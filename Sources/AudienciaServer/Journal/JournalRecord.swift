import AudienciaCore
import AudienciaJSON
import AudienciaWire

/// One line of the journal: a numbered, hash-chained entry. The hash is SHA-256 over the
/// line's compact JSON without its `hash` member, and `prev` is the previous line's hash, so
/// changing, removing or reordering any line breaks the chain from there on.
struct JournalRecord: Equatable {
    /// The `prev` of a journal's first line.
    static let genesis = String(repeating: "0", count: 64)

    var number: Int64
    var previous: String
    var hash: String
    var entry: JournalEntry

    /// The line as written, newline included: the unsealed JSON with `,"hash":"…"}` in place
    /// of its closing brace (what `read` undoes to check it).
    let line: [UInt8]

    /// Seals `entry` as the line after `previous` (number `number`).
    init(number: Int64, previous: String, entry: JournalEntry) {
        self.number = number
        self.previous = previous
        self.entry = entry
        let body = Self.unsealed(number: number, previous: previous, entry: entry).serialized()
        hash = Hex.encode(Crypto.sha256(body))
        // Collection slicing, not Sequence.dropLast (which copies through a ring buffer).
        var sealed = Array(body[..<(body.count - 1)])
        sealed.reserveCapacity(body.count + Self.hashTail.prefix.count + hash.utf8.count + Self.hashTail.suffix.count + 1)
        sealed += Self.hashTail.prefix
        sealed += hash.utf8
        sealed += Self.hashTail.suffix
        sealed.append(10)
        line = sealed
    }

    private static func unsealed(number: Int64, previous: String, entry: JournalEntry) -> JSON {
        var object: JSONObject = ["n": .int(number), "prev": .string(previous)]
        if case .object(let body) = JournalCodec.encode(entry) {
            for (key, value) in body.members { object[key] = value }
        }
        return .object(object)
    }

    /// How every line ends: `,"hash":"<64 hex digits>"}`. What comes before it, closed with
    /// `}`, is exactly the compact JSON the hash was computed over, so checking a line needs
    /// no second serialisation.
    private static let hashTail = (prefix: Array(#","hash":""#.utf8), digits: 64, suffix: Array(#""}"#.utf8))

    /// Reads a line (without its newline) and checks its own hash; the caller checks it
    /// follows the previous one.
    static func read(_ line: UnsafeRawBufferPointer) throws(JournalProblem) -> JournalRecord {
        let parsed: Result<JournalRecord, JournalProblem>
        do {
            parsed = try JSON.withParsed(line) { json in
                Result { () throws(JournalProblem) in try read(line, parsed: json) }
            }
        } catch {
            throw .unreadable("JSON inválido (\(error))")
        }
        return try parsed.get()
    }

    private static func read(_ line: UnsafeRawBufferPointer, parsed json: JSONView) throws(JournalProblem) -> JournalRecord {
        guard json.isObject, let number = json["n"]?.int,
              let previous = json["prev"]?.string, let hash = json["hash"]?.string else {
            throw .unreadable("no es un registro del diario (faltan n, prev o hash)")
        }
        guard hashMatches(line, hash) else {
            throw .tampered("su hash no corresponde a su contenido")
        }
        let entry: JournalEntry
        do {
            entry = try JournalCodec.decode(json)
        } catch {
            // Whole (its hash checks) yet not understood: never mistaken for a torn write.
            throw .undecodable("\(error)")
        }
        return JournalRecord(number: number, previous: previous, hash: hash, entry: entry,
                             line: Array(line) + [10])
    }

    /// Whether `line` ends with `hash` in its sealed tail and the hash is the SHA-256 of what
    /// comes before the tail, closed with `}`.
    private static func hashMatches(_ line: UnsafeRawBufferPointer, _ hash: String) -> Bool {
        let tailLength = hashTail.prefix.count + hashTail.digits + hashTail.suffix.count
        guard line.count > tailLength else { return false }
        let bodyEnd = line.count - tailLength
        guard line[bodyEnd..<bodyEnd + hashTail.prefix.count].elementsEqual(hashTail.prefix),
              line.suffix(hashTail.suffix.count).elementsEqual(hashTail.suffix) else { return false }
        // The body closed with `}`, in a scratch buffer (on the stack for lines of usual size).
        let digest = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bodyEnd + 1) { body in
            UnsafeMutableRawBufferPointer(body).copyMemory(from: UnsafeRawBufferPointer(rebasing: line[0..<bodyEnd]))
            body[bodyEnd] = UInt8(ascii: "}")
            return Crypto.sha256(UnsafeRawBufferPointer(body))
        }
        return Hex.encode(digest) == hash
    }

    private init(number: Int64, previous: String, hash: String, entry: JournalEntry, line: [UInt8]) {
        self.number = number
        self.previous = previous
        self.hash = hash
        self.entry = entry
        self.line = line
    }
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
