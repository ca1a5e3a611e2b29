import AudienciaCore
import AudienciaWire
import Foundation
import Testing

/// docs/protocol.md is the contract with client authors: every error code the server can send
/// must be documented there.
@Suite struct ProtocolDocumentTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/protocol.md")

    @Test func documentsEveryErrorCode() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
                let codes = HearingError.allCases.map(\.code) + WireError.everyKind.map(\.code)
        for code in codes {
            #expect(text.contains("| `\(code)` |"), "docs/protocol.md lacks error code \(code)")
        }
    }
}
