import AudienciaJSON
import Testing

/// The borrowed view reads what `JSON.parse` reads, with the same refusals.
@Suite struct JSONViewTests {
    private func view<T>(_ text: String, _ read: (JSONView) -> T) throws -> T {
        try Array(text.utf8).withUnsafeBytes { bytes in try JSON.withParsed(bytes, read) }
    }

    @Test func readsMembersOfEveryKindTheJournalUses() throws {
        let text = #"{"n":7,"s":"café","z":null,"o":{"k":"v"},"a":[{"i":1},{"i":2}],"d":1.5,"b":true}"#
        try view(text) { json in
            #expect(json.isObject)
            #expect(json["n"]?.int == 7)
            #expect(json["s"]?.string == "café")
            #expect(json["z"]?.isNull == true)
            #expect(json["o"]?["k"]?.string == "v")
            #expect(json["a"]?.elements?.map { $0["i"]?.int } == [1, 2])
            // Asking for the wrong kind answers nil rather than converting.
            #expect(json["d"]?.int == nil)
            #expect(json["n"]?.string == nil)
            #expect(json["s"]?.elements == nil)
            #expect(json["b"]?.int == nil)
            #expect(json["missing"] == nil)
            #expect(json["n"]?["x"] == nil, "a number has no members")
        }
    }

    @Test func anOwnedCopyEqualsWhatParseReturns() throws {
        let text = #"{"a":[1,"dos",null,{"b":false}],"c":-3}"#
        #expect(try view(text) { $0.json } == JSON.parse(text))
    }

    @Test func refusesWhatParseRefusesWithThePosition() {
        for text in [#"{"a":1,"a":2}"#, #"{"a":"#, "", #"{"a":"\u0000"}"#] {
            var viewError: JSONError?
            do { _ = try view(text) { $0.isObject } } catch { viewError = error as? JSONError }
            var parseError: JSONError?
            do { _ = try JSON.parse(text) } catch { parseError = error }
            #expect(viewError != nil && viewError == parseError, "\(text)")
        }
        #expect(throws: JSONError.self) { try [UInt8]([0x22, 0xFF, 0x22]).withUnsafeBytes { try JSON.withParsed($0) { _ in 0 } } }
    }
}
