import Foundation
import Glibc

/// Files that are whole or absent: written to a temporary name and flushed with fsync, then
/// moved into place and the directory flushed too. A crash never leaves half a file.
enum DurableFile {
    /// Creates `url`, which must not exist: an existing file is never overwritten.
    static func create(_ url: URL, contents: [UInt8], mode: mode_t) throws(ServerError) {
        let path = url.path
        let temporary = try writeTemporary(for: path, contents: contents, mode: mode)
        defer { unlink(temporary) }
        // link(2) fails with EEXIST instead of replacing, unlike rename(2).
        guard link(temporary, path) == 0 else {
            let reason = errno == EEXIST ? "ya existe; no se sobrescribe" : errnoText("link")
            throw .storage(path: path, reason: reason)
        }
        syncDirectory(of: path)
    }

    /// Replaces `url` whole: renamed over the old file, so a reader sees the old contents or
    /// the new, never a mix.
    static func replace(_ url: URL, contents: [UInt8], mode: mode_t) throws(ServerError) {
        let path = url.path
        let temporary = try writeTemporary(for: path, contents: contents, mode: mode)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .storage(path: path, reason: errnoText("rename"))
        }
        syncDirectory(of: path)
    }

    /// The contents written and flushed under a name beside `path`; the caller moves it.
    private static func writeTemporary(for path: String, contents: [UInt8], mode: mode_t) throws(ServerError) -> String {
        let temporary = try writeTemporaryKeepingOpen(for: path, contents: contents, mode: mode)
        close(temporary.fd)
        return temporary.path
    }

    /// As `writeTemporary`, leaving the descriptor open (at the end of the contents) for a
    /// caller that goes on appending to the file once it is moved into place.
    static func writeTemporaryKeepingOpen(for path: String, contents: [UInt8],
                                          mode: mode_t) throws(ServerError) -> (path: String, fd: Int32) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .storage(path: temporary, reason: errnoText("open")) }
        fchmod(fd, mode)  // a temporary left behind by a crash keeps its old mode otherwise
        var offset = 0
        while offset < contents.count {
            let written = contents[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else {
                close(fd)
                unlink(temporary)
                throw .storage(path: temporary, reason: errnoText("write"))
            }
            offset += written
        }
        guard fsync(fd) == 0 else {
            close(fd)
            unlink(temporary)
            throw .storage(path: temporary, reason: errnoText("fsync"))
        }
        return (temporary, fd)
    }

    static func syncDirectory(of path: String) {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func errnoText(_ call: String) -> String {
        "\(call): \(String(cString: strerror(errno)))"
    }
}
