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
        let temporary = try DurableFile.writeTemporaryKeepingOpen(for: path, contents: contents, mode: mode)
        guard rename(temporary.path, path) == 0 else {
            close(temporary.fd)
            unlink(temporary.path)
            throw .storage(path: path, reason: errnoText("rename"))
        }
        DurableFile.syncDirectory(of: path)
        return temporary.fd
    }

    private static func errnoText(_ call: String) -> String {
        "\(call): \(String(cString: strerror(errno)))"
    }
}
