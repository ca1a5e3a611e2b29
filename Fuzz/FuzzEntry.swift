import AudienciaCore
import AudienciaSeeds
import Foundation

/// libFuzzer's entry point: one fuzz case is one short hearing, played frame by frame from
/// the bytes (see `FuzzScript` for how they are read). Built only by `scripts/fuzz.sh`, with
/// `swiftc -sanitize=fuzzer,address`; SwiftPM never sees this folder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var room = FuzzRoom(catalog: seededCatalog)
    for line in FuzzScript.lines(bytes) {
        room.play(line)
    }
    room.checkReplay()
    return 0
}

/// The municipality's real seeds (`AUDIENCIA_SEEDS`, or `seeds/` in the working folder),
/// read once per process: every case starts from the catalog the server would serve.
let seededCatalog: Catalog = {
    let folder = ProcessInfo.processInfo.environment["AUDIENCIA_SEEDS"] ?? "seeds"
    do {
        return try SeedLoader.load(from: URL(fileURLWithPath: folder, isDirectory: true))
    } catch {
        FuzzFailure.stop("cannot load the seeds from \(folder): \(error)")
    }
}()
