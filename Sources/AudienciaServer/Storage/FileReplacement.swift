import Foundation
import Glibc

/// Replaces a file as a whole: the new contents are written to a temporary name, flushed,
/// renamed over the old file and the directory flushed. A crash leaves either the old file or
/// the new one, never a mix. Only for the few rewrites the law asks for (an ARCO cancellation
/// or rectification); everything else is created once and never overwritten (`DurableFile`).
enum FileReplacement {
    static func replace(_ url: URL, contents: [UInt8], mode: mode_t) throws(ServerError) {
        close(try replaceKeepingOpen(url, contents: contents, mode: mode))
    }

    /// Replaces the file and returns a descriptor open for writing at its end: the very file
    /// now at `url`, with no window in which appends could go to the old one.
    static func replaceKeepingOpen(_ url: URL, contents: [UInt8], mode: mode_t) throws(ServerError) -> Int32 {
        let path = url.path
        let temporary = path + ".replacing-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .storage(path: temporary, reason: errnoText("open")) }
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
        guard rename(temporary, path) == 0 else {
            close(fd)
            unlink(temporary)
            throw .storage(path: path, reason: errnoText("rename"))
        }
        DurableFile.syncDirectory(of: path)
        return fd
    }

    private static func errnoText(_ call: String) -> String {
        "\(call): \(String(cString: strerror(errno)))"
    }
}
