@testable import AudienciaJSON
import Testing

/// Compact text is written in Swift, not by jansson: it must be byte for byte what jansson
/// writes, or journal lines, hashes and replies would change with the writer.
@Suite struct CompactWriterTests {
    private func expectSameAsJansson(_ value: JSON, sourceLocation: SourceLocation = #_sourceLocation) {
        let written = value.serialized(.compact)
        let jansson = value.serializedByJansson(.compact)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: jansson, as: UTF8.self),
                sourceLocation: sourceLocation)
        #expect(written == jansson, sourceLocation: sourceLocation)
    }

    @Test func everyControlCharacterQuoteAndBackslashIsEscapedAsJanssonDoes() {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        expectSameAsJansson(.string(controls))
        expectSameAsJansson(.string("comillas \" y \\ barra / y \u{7F} fin"))
        expectSameAsJansson(.object([controls: .string("clave con controles")]))
    }

    @Test func nonASCIITextIsLeftAsUTF8() {
        expectSameAsJansson(.string("Peña, Ocotitlán, ñandú \u{2028}\u{2029} 🚰 \u{FEFF}"))
        expectSameAsJansson(.string(""))
    }

    @Test func integersAtTheirLimits() {
        for number: Int64 in [0, 1, -1, 9, 10, -10, 123_456_789, .max, .min, .max - 1, .min + 1] {
            expectSameAsJansson(.int(number))
        }
    }

    @Test func realsAreFormattedByJansson() {
        for number in [66.7, 1.0, 0.0, -0.0, 1e300, -2.5e-10, 1.0 / 3.0, 100, .nan, .infinity] {
            expectSameAsJansson(.double(number))
            expectSameAsJansson(.array([.double(number), .int(1)]))
        }
    }

    @Test func nestedDocumentsKeepInsertionOrder() {
        let document: JSON = .object([
            "type": "console", "empty": .object(JSONObject()), "none": .array([]), "null": .null,
            "flags": .array([.bool(true), .bool(false), .null]),
            "queue": .array((0..<50).map { index in
                .object(["folio": .string("AUD-2026-\(index)"), "turno": .int(Int64(index)),
                         "text": .string("línea \(index)\nsegunda\t\"citada\"")])
            }),
            "z": "último", "a": "primero",
        ])
        expectSameAsJansson(document)
    }

    @Test func scalarsAtTheTopLevel() {
        for value: JSON in [.null, .bool(true), .bool(false), .string("solo"), .int(-42)] {
            expectSameAsJansson(value)
        }
    }
}
