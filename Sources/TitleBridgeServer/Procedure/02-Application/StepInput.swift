import TitleBridgeCore
import Vapor

/// What one step of the form sends, from a browser form or as JSON. Every step carries the
/// `version` of the file it was shown with.
struct StepInput: Content {
    struct Education: Content {
        var degree: String?
        var discipline: String?
        var school: String?
        var country: String?
        var awardedOn: String?
        var recognitionNumber: String?
    }

    struct Work: Content {
        var from: String?
        var to: String?
        var employer: String?
        var position: String?
        var inShanghai: Checkbox?
        var related: Checkbox?
    }

    var version: Int?
    // personal
    var name: String?
    var gender: String?
    var birthDate: String?
    var nationality: String?
    var idKind: String?
    var idNumber: String?
    // employer
    var employerID: String?
    var currentTitleSeries: String?
    var currentTitleLevel: String?
    // certificate
    var verificationNumber: String?
    // education and work
    var education: [Education]?
    var work: [Work]?
    // target
    var targetSeries: String?
    var targetLevel: String?
    /// The page's radio buttons send both at once: `engineering.intermediate`.
    var targetSeriesLevel: String?
    var attest: Checkbox?
    // summary
    var summary: String?
}

extension StepInput.Work {
    /// A row the person left empty is not a row.
    var isEmpty: Bool { [from, to, employer, position].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty } }
}

extension StepInput.Education {
    var isEmpty: Bool { [degree, school, awardedOn].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty } }
}

/// Form checkboxes and JSON booleans alike.
func isChecked(_ value: String?) -> Bool {
    ["on", "true", "1", "yes"].contains((value ?? "").lowercased())
}

func isChecked(_ value: Checkbox?) -> Bool { value?.isOn ?? false }

/// Reads one field of a form or JSON body, or says in both languages what is wrong with it.
enum FieldReader {
    /// What was typed, trimmed, never empty; at most `max` characters when given. Text too long
    /// is refused with its length named, never cut: a person must see what is kept.
    static func required(_ value: String?, _ field: String, _ label: LocalizedText, max: Int? = nil) throws -> String {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw APIProblem.badInput(code: "required", field: field, LocalizedText(zh: "请填写\(label.zh)。", en: "Enter \(label.en)."))
        }
        try check(text, field, label, max: max)
        return text
    }

    /// What was typed, trimmed; nil when nothing was. Limits as `required`.
    static func optional(_ value: String?, _ field: String, _ label: LocalizedText, max: Int) throws -> String? {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        try check(text, field, label, max: max)
        return text
    }

    /// Refuses text over `max` characters, and control characters other than line breaks and
    /// tabs (they cannot be shown or printed, and hide what a field really holds).
    static func check(_ text: String, _ field: String, _ label: LocalizedText, max: Int?) throws {
        if let max, text.count > max {
            throw APIProblem.badInput(code: "too_long", field: field, LocalizedText(
                zh: "\(label.zh)最多 \(max) 个字符，现为 \(text.count) 个，请删减后再提交。",
                en: "\(label.en.capitalisedFirst) can be at most \(max) characters; it has \(text.count). Please shorten it."))
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }) {
            throw APIProblem.badInput(code: "control_characters", field: field, LocalizedText(
                zh: "\(label.zh)含有无法显示的控制字符，请删除后再提交。",
                en: "\(label.en.capitalisedFirst) holds control characters that cannot be shown; please remove them."))
        }
    }

    static func date(_ value: String?, _ field: String, _ label: LocalizedText) throws -> LocalDate {
        guard let day = LocalDate(iso: (value ?? "").trimmingCharacters(in: .whitespaces)) else {
            throw APIProblem.badInput(code: "date", field: field, LocalizedText(zh: "\(label.zh)不是有效日期。", en: "\(label.en) is not a date."))
        }
        return day
    }

    static func choice<T: RawRepresentable>(_ value: String?, _ field: String, _ label: LocalizedText) throws -> T where T.RawValue == String {
        guard let raw = value, let result = T(rawValue: raw) else {
            throw APIProblem.badInput(code: "choice", field: field, LocalizedText(zh: "请选择\(label.zh)。", en: "Choose \(label.en)."))
        }
        return result
    }
}

/// The problems of a form's fields, gathered so a person is told all of them at once: each
/// field is read through `read`, and `check` throws the first problem carrying the others
/// (`APIProblem.others`) — the API answers with the first, a page shows them all.
struct ProblemList {
    private(set) var problems: [APIProblem] = []

    /// The value `body` reads, or nil with its problem noted.
    mutating func read<T>(_ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch let problem as APIProblem {
            problems.append(problem)
            return nil
        }
    }

    mutating func add(_ problem: APIProblem) { problems.append(problem) }

    func check() throws {
        guard var first = problems.first else { return }
        first.others = Array(problems.dropFirst())
        throw first
    }
}

extension StepInput.Education {
    /// The degree of this row, checked field by field in the form's order; `field` names the
    /// row in errors (`education[0]`). Nil when a field is wrong (noted in `problems`).
    func entry(field: String, today: LocalDate, problems: inout ProblemList) throws -> ApplicationContent.EducationEntry? {
        let degree: Degree? = try problems.read {
            try FieldReader.choice(self.degree, field + ".degree", LocalizedText(zh: "学历学位", en: "the degree"))
        }
        let discipline: Discipline? = try problems.read {
            try FieldReader.choice(self.discipline, field + ".discipline", LocalizedText(zh: "学科门类", en: "the discipline"))
        }
        let school = try problems.read {
            try FieldReader.required(self.school, field + ".school", LocalizedText(zh: "学校", en: "the school"), max: 200)
        }
        let country = try problems.read {
            try FieldReader.required(self.country, field + ".country", LocalizedText(zh: "国家或地区", en: "the country"), max: 60)
        }
        var awarded = try problems.read {
            try FieldReader.date(self.awardedOn, field + ".awardedOn", LocalizedText(zh: "毕业（授予）日期", en: "The award date"))
        }
        if let day = awarded, day > today {
            problems.add(APIProblem.badInput(code: "date", field: field + ".awardedOn", LocalizedText(
                zh: "授予日期不能晚于今天。", en: "The award date cannot be after today.")))
            awarded = nil
        }
        guard let degree, let discipline, let school, let country, let awarded else { return nil }
        return ApplicationContent.EducationEntry(
            degree: degree, discipline: discipline, school: school, country: country,
            awardedOn: awarded, recognitionNumber: recognitionNumber?.trimmingCharacters(in: .whitespaces).nonEmpty)
    }

    /// The same, refused at once with every problem of the row.
    func entry(field: String, today: LocalDate) throws -> ApplicationContent.EducationEntry {
        var problems = ProblemList()
        let row = try self.entry(field: field, today: today, problems: &problems)
        try problems.check()
        guard let row else { throw Abort(.internalServerError, reason: "education row read without a problem but without a value") }
        return row
    }
}

extension StepInput.Work {
    /// The period of this row, checked field by field in the form's order; `field` names the
    /// row in errors (`work[0]`). Nil when a field is wrong (noted in `problems`).
    func entry(field: String, problems: inout ProblemList) throws -> ApplicationContent.WorkEntry? {
        let start = try problems.read {
            try FieldReader.date(self.from, field + ".from", LocalizedText(zh: "起始日期", en: "The start date"))
        }
        var end: LocalDate?
        var endReadable = true
        if let text = to?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            end = try problems.read {
                try FieldReader.date(text, field + ".to", LocalizedText(zh: "截止日期", en: "The end date"))
            }
            endReadable = end != nil
            if let start, let day = end, day < start {
                problems.add(APIProblem.badInput(code: "date_order", field: field + ".to", LocalizedText(
                    zh: "截止日期不能早于起始日期。", en: "The end cannot be before the start.")))
                endReadable = false
            }
        }
        let employer = try problems.read {
            try FieldReader.required(self.employer, field + ".employer", LocalizedText(zh: "工作单位", en: "the employer"), max: 200)
        }
        let position = try problems.read {
            try FieldReader.required(self.position, field + ".position", LocalizedText(zh: "职务（岗位）", en: "the position"), max: 100)
        }
        guard let start, endReadable, let employer, let position else { return nil }
        return ApplicationContent.WorkEntry(from: start, to: end, employer: employer, position: position,
                                            inShanghai: isChecked(inShanghai), related: isChecked(related))
    }

    /// The same, refused at once with every problem of the row.
    func entry(field: String) throws -> ApplicationContent.WorkEntry {
        var problems = ProblemList()
        let row = try self.entry(field: field, problems: &problems)
        try problems.check()
        guard let row else { throw Abort(.internalServerError, reason: "work row read without a problem but without a value") }
        return row
    }
}
