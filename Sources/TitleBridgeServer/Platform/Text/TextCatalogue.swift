import Foundation
import TitleBridgeCore

/// The words of one area of the site: one case per entry of `Resources/Text/<area>.json`, where
/// each entry holds the Chinese and the English. Keys are typed, so a page cannot ask for a word
/// that does not exist; the data is checked at start-up and by `TextCatalogueTests`, so a word
/// cannot lack a language.
protocol TextArea: RawRepresentable<String>, CaseIterable, Sendable {
    /// The file's name under `Resources/Text/`, without `.json`.
    static var area: String { get }
    /// Every key of the area, as written in the file.
    static var keys: [String] { get }
}

extension TextArea {
    static var keys: [String] { allCases.map(\.rawValue) }
}

/// Every area's words, read once from the bundle. Entries may hold placeholders written
/// `{name}`, filled by the caller with values already in the page's language.
struct TextCatalogue: Sendable {
    struct Entry: Codable, Sendable {
        let zh: String
        let en: String

        func text(in language: Language) -> String { language == .zh ? zh : en }
    }

    /// Every area the server speaks; a new area is added here and gets its JSON file.
    static let areas: [any TextArea.Type] = [
        ChromeText.self, PublicText.self, DirectoryText.self,
        EmployerReviewText.self, AcceptanceText.self, CommitteeText.self, FileText.self, AppointmentText.self,
        ApplicationText.self, StatusText.self, VerificationText.self, ResultsText.self, BureauText.self,
    ]

    let entries: [String: [String: Entry]]

    static let bundled = TextCatalogue(loading: ServerResources.root?.appendingPathComponent("Text"))

    /// Reads every `*.json` file of the folder; a file that cannot be read leaves its area
    /// empty, which `problems()` then reports key by key.
    init(loading folder: URL?) {
        var entries: [String: [String: Entry]] = [:]
        let files = folder.flatMap { try? FileManager.default.contentsOfDirectory(at: $0, includingPropertiesForKeys: nil) } ?? []
        for file in files where file.pathExtension == "json" {
            guard let data = try? Data(contentsOf: file),
                  let area = try? JSONDecoder().decode([String: Entry].self, from: data) else { continue }
            entries[file.deletingPathExtension().lastPathComponent] = area
        }
        self.entries = entries
    }

    func text(_ area: String, _ key: String, in language: Language, _ values: [String: String]) -> String {
        // A missing word shows its key rather than nothing, so the page still says where to look;
        // start-up refuses a catalogue with one missing, so only a bundle broken in place gets here.
        let template = entries[area]?[key]?.text(in: language) ?? "[\(area).\(key)]"
        return values.isEmpty ? template : Self.fill(template, values)
    }

    /// One pass over the template: a value that itself holds `{…}` (a place typed by a person)
    /// is put in as it is, never filled again.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// What is wrong with the catalogue: a key without an entry or without one of its languages,
    /// an entry no key asks for, a file of no area, placeholders that differ between the languages.
    func problems() -> [String] {
        var problems: [String] = []
        let known = Set(Self.areas.map { $0.area })
        for area in entries.keys.sorted() where !known.contains(area) {
            problems.append("Text/\(area).json belongs to no area in TextCatalogue.areas")
        }
        for type in Self.areas {
            let area = type.area
            guard let words = entries[area] else {
                problems.append("Text/\(area).json is missing or unreadable")
                continue
            }
            for key in type.keys {
                guard let entry = words[key] else {
                    problems.append("\(area).\(key): no entry")
                    continue
                }
                if entry.zh.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("\(area).\(key): no Chinese") }
                if entry.en.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("\(area).\(key): no English") }
                if Self.placeholders(entry.zh) != Self.placeholders(entry.en) {
                    problems.append("\(area).\(key): placeholders differ (\(Self.placeholders(entry.zh).sorted()) / \(Self.placeholders(entry.en).sorted()))")
                }
            }
            for key in Set(words.keys).subtracting(type.keys).sorted() {
                problems.append("\(area).\(key): no key in \(type) asks for it")
            }
        }
        return problems
    }

    static func placeholders(_ text: String) -> Set<String> {
        var found: Set<String> = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }
}

/// One area's words in one language: `words[.heading]`, `words[.count, ["n": "3"]]`.
struct Words<Area: TextArea>: Sendable {
    let language: Language
    let catalogue: TextCatalogue

    init(_ language: Language, catalogue: TextCatalogue = .bundled) {
        self.language = language
        self.catalogue = catalogue
    }

    subscript(_ key: Area, _ values: [String: String] = [:]) -> String {
        catalogue.text(Area.area, key.rawValue, in: language, values)
    }

    /// Every word of the area by key, for a template that reads them as `w.key`.
    var all: [String: String] {
        Dictionary(uniqueKeysWithValues: Area.allCases.map { ($0.rawValue, self[$0]) })
    }
}
