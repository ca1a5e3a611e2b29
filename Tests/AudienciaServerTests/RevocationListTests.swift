@testable import AudienciaServer
import AudienciaCore
import Foundation
import Testing

/// The revocation list on its own: what it revokes, how it reads back, and how the server's
/// watch notices a change on disk.
@Suite struct RevocationListTests {
    func claims(_ official: String = "dir-agua", issuedAt: Int64 = 1000, id: String? = "abc") -> OfficialTokens.Claims {
        .init(officialID: OfficialID(official), role: "director", departmentID: "agua", issuedAt: issuedAt,
              expiresAt: issuedAt + 3600, tokenID: id)
    }

    func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("audiencia-revocation-\(UUID().uuidString)")
    }

    @Test func revokesByIdAndByOfficialUpToAMoment() {
        var list = RevocationList()
        list.revoke(tokenID: "abc", at: 2000)
        #expect(list.isRevoked(claims(id: "abc")))
        #expect(!list.isRevoked(claims(id: "xyz")))
        #expect(!list.isRevoked(claims(id: nil)))

        list.revoke(official: "dir-obras-publicas", issuedUpTo: 1500)
        #expect(list.isRevoked(claims("dir-obras-publicas", issuedAt: 1500, id: nil)))
        #expect(list.isRevoked(claims("dir-obras-publicas", issuedAt: 1499, id: "new")))
        #expect(!list.isRevoked(claims("dir-obras-publicas", issuedAt: 1501, id: nil)))
        // A later revocation of the same official extends it; an earlier one never shrinks it.
        list.revoke(official: "dir-obras-publicas", issuedUpTo: 1200)
        #expect(list.isRevoked(claims("dir-obras-publicas", issuedAt: 1500)))
        // A token issued in the second of a revocation is dated after it.
        #expect(list.firstValidIssue(for: "dir-obras-publicas", now: 1500) == 1501)
        #expect(list.firstValidIssue(for: "dir-obras-publicas", now: 1600) == 1600)
        #expect(list.firstValidIssue(for: "dir-agua", now: 1500) == 1500)
    }

    @Test func readsBackWhatItWroteWithMode0600() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("revoked.json")
        #expect(try RevocationList.load(from: file) == RevocationList())

        var list = RevocationList()
        list.revoke(tokenID: "abc", at: 2000)
        list.revoke(official: "dir-agua", issuedUpTo: 1500)
        try list.save(to: file)
        #expect(try RevocationList.load(from: file) == list)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["revoked.json"])
    }

    @Test func aDamagedListIsAnErrorNotAnEmptyList() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("revoked.json")
        for text in ["{", "[]", #"{"format":"otra-cosa","tokens":[],"officials":[]}"#,
                     #"{"format":"audiencia.revocations.v1","tokens":[{"id":"a"}],"officials":[]}"#] {
            try Data(text.utf8).write(to: file)
            #expect(throws: ServerError.self, "\(text)") { try RevocationList.load(from: file) }
        }
    }

    @Test func theWatchNoticesAReplacedFileAndKeepsTheOldListWhenTheNewOneIsDamaged() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let file = root.appendingPathComponent("revoked.json")
        var watch = try RevocationWatch(file: file)
        #expect(try watch.refresh() == false)

        var list = RevocationList()
        list.revoke(tokenID: "abc", at: 2000)
        try list.save(to: file)
        #expect(try watch.refresh() == true)
        #expect(watch.list == list)
        #expect(try watch.refresh() == false)

        try Data("{".utf8).write(to: file)
        #expect(throws: ServerError.self) { try watch.refresh() }
        #expect(watch.list == list)
    }
}
