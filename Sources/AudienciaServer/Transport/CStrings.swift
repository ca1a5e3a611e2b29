import Glibc

/// C strings handed to lws, which keeps pointers to them: they live as long as the transport.
final class CStrings {
    private var owned: [UnsafeMutablePointer<CChar>] = []

    func keep(_ text: String) -> UnsafePointer<CChar> {
        let copy = strdup(text)!
        owned.append(copy)
        return UnsafePointer(copy)
    }

    deinit { owned.forEach { free($0) } }
}
