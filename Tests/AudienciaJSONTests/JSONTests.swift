import AudienciaJSON
import Testing

@Suite struct JSONTests {
    @Test func parsesEveryKindOfValue() throws {
        let json = try JSON.parse(#"{"s":"Metepec ñ","i":-42,"d":1.5,"t":true,"f":false,"n":null,"a":[1,"x"],"o":{"k":"v"}}"#)
        #expect(json["s"] == .string("Metepec ñ"))
        #expect(json["i"] == .int(-42))
        #expect(json["d"] == .double(1.5))
        #expect(json["t"] == .bool(true))
        #expect(json["f"] == .bool(false))
        #expect(json["n"] == .null)
        #expect(json["a"] == .array([.int(1), .string("x")]))
        #expect(json["o"]?["k"] == .string("v"))
        #expect(json["missing"] == nil)
    }

    @Test func roundTripsThroughJansson() throws {
        let value: JSON = .object([
            "texto": "línea\nnueva \"comillas\" <img src=x>", "número": .int(Int64.max),
            "lista": .array([.null, .bool(true), .double(66.7)]),
            "vacío": .object([:]),
        ])
        #expect(try JSON.parse(value.serialized()) == value)
        #expect(try JSON.parse(value.serialized(.indented)) == value)
    }

    @Test func keepsInsertionOrder() throws {
        let value: JSON = .object(["zeta": .int(1), "alfa": .int(2), "media": .int(3)])
        #expect(value.text() == #"{"zeta":1,"alfa":2,"media":3}"#)
        #expect(try JSON.parse(value.serialized()).object?.keys == ["zeta", "alfa", "media"])
    }

    @Test func printsShortDecimals() {
        #expect(JSON.double(66.7).text() == "66.7")
    }

    @Test func reportsLineAndColumnOfBadInput() {
        #expect(throws: JSONError.self) { try JSON.parse("{\n  \"a\": tru }") }
        do {
            _ = try JSON.parse("{\n  \"a\": tru }")
        } catch {
            #expect(error.line == 2)
            #expect(error.column > 0)
        }
    }

    @Test func refusesDuplicateKeys() {
        #expect(throws: JSONError.self) { try JSON.parse(#"{"role":"viewer","role":"official"}"#) }
    }

    @Test func refusesTrailingGarbageAndEmbeddedNul() {
        #expect(throws: JSONError.self) { try JSON.parse(#"{"a":1} x"#) }
        #expect(throws: JSONError.self) { try JSON.parse(#"{"a":"\u0000"}"#) }
        #expect(throws: JSONError.self) { try JSON.parse([UInt8]()) }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONError.self) { try JSON.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func aLiteralKeepsTheOrderWrittenAndTheLastValueOfARepeatedKey() {
        let object: JSONObject = ["b": .int(1), "a": .int(2), "b": .int(3), "c": "x"]
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["b"] == .int(3))
        #expect(JSON.object(object).text() == #"{"b":3,"a":2,"c":"x"}"#)
    }

    @Test func objectSubscriptSetsReplacesAndRemoves() {
        var object: JSONObject = ["a": .int(1)]
        object["b"] = .int(2)
        object["a"] = .int(3)
        object["b"] = nil
        #expect(object.members.count == 1)
        #expect(object["a"] == .int(3))
    }
}

@Suite struct JSONEdgeTests {
    @Test func writesNonFiniteNumbersAsNull() {
        #expect(JSON.object(["x": .double(.nan), "y": .double(.infinity)]).text() == #"{"x":null,"y":null}"#)
    }

    @Test func writesDocumentsOnEitherSideOfTheScratchBufferWhole() throws {
        for length in [0, 1, 4090, 4093, 4094, 4095, 4096, 5000, 100_000] {
            let text = String(repeating: "ñ", count: length / 2) + String(repeating: "a", count: length % 2)
            let bytes = JSON.object(["t": .string(text)]).serialized()
            #expect(bytes == Array(#"{"t":""#.utf8) + Array(text.utf8) + Array(#""}"#.utf8), "\(length)")
            #expect(try JSON.parse(bytes) == .object(["t": .string(text)]))
        }
    }

    @Test func parsesAnObjectWithThousandsOfKeys() throws {
        let members = (0..<3000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let json = try JSON.parse("{\(members)}")
        #expect(json.object?.members.count == 3000)
        #expect(json["k2999"] == .int(2999))
    }
}

/// An object's text kept and joined to others' is what jansson writes for the merged object.
@Suite struct EncodedObjectTests {
    @Test func joiningKeptTextEqualsDumpingTheMergedObject() {
        let tail: JSONObject = ["catálogo": .array(["línea\nnueva", "\"comillas\"", .int(-7)]), "x": .null]
        let head: JSONObject = ["type": "welcome", "ñ": .object(["a": .double(66.7)])]
        let merged: JSONObject = ["type": "welcome", "ñ": .object(["a": .double(66.7)]),
                                  "catálogo": .array(["línea\nnueva", "\"comillas\"", .int(-7)]), "x": .null]
        #expect(EncodedObject(tail).appended(to: head) == JSON.object(merged).serialized())
    }

    @Test func anEmptySideLeavesTheOtherAsItIs() {
        let some: JSONObject = ["k": "v"]
        #expect(EncodedObject([:]).appended(to: some) == Array(#"{"k":"v"}"#.utf8))
        #expect(EncodedObject(some).appended(to: [:]) == Array(#"{"k":"v"}"#.utf8))
        #expect(EncodedObject([:]).appended(to: [:]) == Array("{}".utf8))
    }
}

/// Documents far larger than the writer's scratch buffer (a console with a long queue, a
/// checkpoint) come out whole, in both layouts.
@Suite struct LargeDocumentTests {
    @Test func aDocumentThatOutgrowsTheScratchBufferIsWrittenWhole() throws {
        let items = (0..<6_000).map { JSON.string("línea \($0) \"con\" comillas") }
        let compact = JSON.array(items).serialized()
        let expected = "[" + (0..<6_000).map { #""línea \#($0) \"con\" comillas""# }.joined(separator: ",") + "]"
        #expect(compact == Array(expected.utf8))
        #expect(compact.count > 100_000)
        let indented = JSON.object(["queue": .array(items)]).serialized(.indented)
        #expect(try JSON.parse(indented) == .object(["queue": .array(items)]))
    }
}
