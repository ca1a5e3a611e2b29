import Foundation

/// The revocation list as the running server knows it, re-read whenever `revoked.json`
/// changes on disk: `audiencia token revoke` takes effect without a restart.
struct RevocationWatch {
    let file: URL
    private(set) var list: RevocationList
    private var stamp: FileStamp?

    /// Refuses to start on a list it cannot read: starting without it would let revoked
    /// tokens back in.
    init(file: URL) throws(ServerError) {
        self.file = file
        stamp = FileStamp.of(file.path)
        list = try RevocationList.load(from: file)
    }

    /// Reads the file again if it changed since the last look; true when the list changed.
    /// A list that cannot be read leaves the previous one in force, and is tried again at
    /// the next look only if it changes again.
    mutating func refresh() throws(ServerError) -> Bool {
        let current = FileStamp.of(file.path)
        guard current != stamp else { return false }
        stamp = current
        let fresh = try RevocationList.load(from: file)
        defer { list = fresh }
        return fresh != list
    }
}
