@testable import AudienciaServer
import Testing

@Suite struct Base64URLTests {
    @Test func roundTripsEveryLength() {
        for count in 0...40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes, "\(count) bytes")
        }
    }

    @Test func onlyTheCanonicalTextDecodes() {
        #expect(Base64URL.encode([0xFF]) == "_w")
        #expect(Base64URL.decode("_w") == [0xFF])
        // Same byte, unused low bits set: another text for the same bytes is refused.
        #expect(Base64URL.decode("_x") == nil)
        #expect(Base64URL.decode("_") == nil)
        #expect(Base64URL.decode("_w==") == nil)
        #expect(Base64URL.decode("a+b/") == nil)
    }
}
