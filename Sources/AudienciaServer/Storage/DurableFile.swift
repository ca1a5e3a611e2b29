import Foundation
import Glibc

/// Creates files that are whole or absent: written to a temporary name, flushed with fsync,
/// then linked into place only if the name is free, and the directory flushed too. A crash
/// never leaves half a file, and an existing file is never overwritten.
enum DurableFile {
    static func create(_ url: URL, contents: [UInt8], mode: mode_t) throws(ServerError) {
        let path = url.path
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .storage(path: temporary, reason: errnoText("open")) }
        defer { unlink(temporary) }
        var offset = 0
        while offset < contents.count {
            let written = contents[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else {
                close(fd)
                throw .storage(path: temporary, reason: errnoText("write"))
            }
            offset += written
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw .storage(path: temporary, reason: errnoText("fsync"))
        }
        close(fd)
        // link(2) fails with EEXIST instead of replacing, unlike rename(2).
        guard link(temporary, path) == 0 else {
            let reason = errno == EEXIST ? "ya existe; no se sobrescribe" : errnoText("link")
            throw .storage(path: path, reason: reason)
        }
        syncDirectory(of: path)
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
