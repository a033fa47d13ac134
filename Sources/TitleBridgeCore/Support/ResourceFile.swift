import Foundation

/// The data files shipped inside the core module (policies, holiday calendars, catalogue).
enum ResourceFile {
    /// The copied `Resources` folder. Foundation on Linux already points `resourceURL` inside a
    /// bundle's `Resources` folder, elsewhere it is the bundle itself, so look for both.
    static let root: URL? = resourceRoot(of: Bundle.module)

    static func resourceRoot(of bundle: Bundle) -> URL? {
        let candidates = [bundle.resourceURL?.appendingPathComponent("Resources"), bundle.resourceURL,
                          bundle.bundleURL.appendingPathComponent("Resources")].compactMap { $0 }
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("policies").path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }

    static func url(_ folder: String, _ name: String) -> URL? {
        root?.appendingPathComponent(folder).appendingPathComponent(name + ".json")
    }

    /// The JSON files of `folder`; a folder that is missing or empty is an error, so a broken
    /// installation stops at start-up instead of running with no data.
    static func urls(in folder: String) throws -> [URL] {
        guard let base = root?.appendingPathComponent(folder),
              let names = try? FileManager.default.contentsOfDirectory(atPath: base.path) else {
            throw DataFileError(file: "Resources/\(folder)", key: "", problem: "the folder is missing from the installation")
        }
        let files = names.filter { $0.hasSuffix(".json") }.sorted().map { base.appendingPathComponent($0) }
        guard !files.isEmpty else {
            throw DataFileError(file: "Resources/\(folder)", key: "", problem: "holds no data files")
        }
        return files
    }
}

/// What went wrong while reading one of the data files: which file, which key, and what.
public struct DataFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let key: String
    public let problem: String

    public init(file: String, key: String, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String { "\(file): \(key.isEmpty ? "(top level)" : key): \(problem)" }

    /// Reads and decodes the data file at `url`; every failure names the file.
    static func load<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        let file = url.lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataFileError(file: file, key: "", problem: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(type, from: data, file: file)
    }

    /// Decodes `T` from `data`, turning a `DecodingError` into a `DataFileError` that names
    /// the key path in the file.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw DataFileError(decoding: error, file: file)
        } catch {
            throw DataFileError(file: file, key: "", problem: "not valid JSON (\(error))")
        }
    }

    init(decoding error: DecodingError, file: String) {
        let problem = DecodingProblem(error)
        self.init(file: file, key: problem.path, problem: problem.problem)
    }
}

/// Where a `DecodingError` happened, as a path people can read (`work[0].from`), and what.
public struct DecodingProblem: Sendable, Equatable {
    public let path: String
    public let problem: String

    public init(_ error: DecodingError) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce(into: "") { result, key in
                if let index = key.intValue { result += "[\(index)]" } else {
                    result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            (self.path, self.problem) = (path(context.codingPath + [key]), "is missing")
        case .typeMismatch(let type, let context):
            (self.path, self.problem) = (path(context.codingPath), "should be \(type)")
        case .valueNotFound(let type, let context):
            (self.path, self.problem) = (path(context.codingPath), "should be \(type), found null")
        case .dataCorrupted(let context):
            (self.path, self.problem) = (path(context.codingPath), context.debugDescription)
        @unknown default:
            (self.path, self.problem) = ("", "\(error)")
        }
    }
}
