import AudienciaJSON
import Foundation

/// One seed file being read: reports every problem with the file's name and the path of the
/// offending value, e.g. `services.json: [3].steps[0].stage: expected one of waiting, floor, outcome`.
struct SeedFile {
    let name: String
    let root: JSON

    init(directory: URL, name: String) throws(SeedError) {
        self.name = name
        let url = directory.appendingPathComponent(name)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SeedError(file: url.path, problem: "cannot be read (\(error.localizedDescription))")
        }
        do {
            root = try JSON.parse(Array(data))
        } catch {
            throw SeedError(file: url.path, problem: "invalid JSON at \(error)")
        }
    }

    func fail(_ path: String, _ problem: String) -> SeedError {
        SeedError(file: name, problem: path.isEmpty ? problem : "\(path): \(problem)")
    }

    func object(_ value: JSON?, _ path: String) throws(SeedError) -> JSONObject {
        guard let object = value?.object else { throw fail(path, "expected an object") }
        return object
    }

    func array(_ value: JSON?, _ path: String) throws(SeedError) -> [JSON] {
        guard let array = value?.array else { throw fail(path, "expected an array") }
        return array
    }

    func string(_ object: JSONObject, _ key: String, _ path: String) throws(SeedError) -> String {
        guard let text = object[key]?.string, !text.isEmpty else {
            throw fail("\(path).\(key)", "expected a non-empty string")
        }
        return text
    }

    func optionalString(_ object: JSONObject, _ key: String, _ path: String) throws(SeedError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.string else { throw fail("\(path).\(key)", "expected a string or null") }
        return text
    }

    func int(_ object: JSONObject, _ key: String, _ path: String) throws(SeedError) -> Int {
        guard let number = object[key]?.int else { throw fail("\(path).\(key)", "expected an integer") }
        return Int(number)
    }
}
