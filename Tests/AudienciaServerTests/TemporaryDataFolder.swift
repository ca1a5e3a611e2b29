@testable import AudienciaServer
import Foundation

extension DataFolder {
    /// A fresh data folder, prepared, under the system's temporary directory, named after the
    /// suite that uses it; the caller removes it.
    static func temporary(_ name: String) throws -> DataFolder {
        let data = DataFolder(root: FileManager.default.temporaryDirectory
            .appendingPathComponent("audiencia-\(name)-\(UUID().uuidString)"))
        try data.prepare()
        return data
    }
}
