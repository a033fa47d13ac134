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
    static func required(_ value: String?, _ field: String, _ label: LocalizedText) throws -> String {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw APIProblem.badInput(code: "required", field: field, LocalizedText(zh: "请填写\(label.zh)。", en: "Enter \(label.en)."))
        }
        return text
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

extension StepInput.Education {
    /// The degree of this row, checked; `field` names the row in errors (`education[0]`).
    func entry(field: String, today: LocalDate) throws -> ApplicationContent.EducationEntry {
        let awarded = try FieldReader.date(awardedOn, field + ".awardedOn", LocalizedText(zh: "毕业（授予）日期", en: "The award date"))
        guard awarded <= today else {
            throw APIProblem.badInput(code: "date", field: field + ".awardedOn", LocalizedText(zh: "授予日期不能晚于今天。", en: "The award date cannot be after today."))
        }
        return ApplicationContent.EducationEntry(
            degree: try FieldReader.choice(degree, field + ".degree", LocalizedText(zh: "学历学位", en: "the degree")),
            discipline: try FieldReader.choice(discipline, field + ".discipline", LocalizedText(zh: "学科门类", en: "the discipline")),
            school: String(try FieldReader.required(school, field + ".school", LocalizedText(zh: "学校", en: "the school")).prefix(200)),
            country: String(try FieldReader.required(country, field + ".country", LocalizedText(zh: "国家或地区", en: "the country")).prefix(60)),
            awardedOn: awarded, recognitionNumber: recognitionNumber?.trimmingCharacters(in: .whitespaces).nonEmpty)
    }
}

extension StepInput.Work {
    /// The period of this row, checked; `field` names the row in errors (`work[0]`).
    func entry(field: String) throws -> ApplicationContent.WorkEntry {
        let start = try FieldReader.date(from, field + ".from", LocalizedText(zh: "起始日期", en: "The start date"))
        var end: LocalDate?
        if let text = to?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let day = try FieldReader.date(text, field + ".to", LocalizedText(zh: "截止日期", en: "The end date"))
            guard day >= start else {
                throw APIProblem.badInput(code: "date_order", field: field + ".to", LocalizedText(zh: "截止日期不能早于起始日期。", en: "The end cannot be before the start."))
            }
            end = day
        }
        return ApplicationContent.WorkEntry(
            from: start, to: end,
            employer: String(try FieldReader.required(employer, field + ".employer", LocalizedText(zh: "工作单位", en: "the employer")).prefix(200)),
            position: String(try FieldReader.required(position, field + ".position", LocalizedText(zh: "职务（岗位）", en: "the position")).prefix(100)),
            inShanghai: isChecked(inShanghai), related: isChecked(related))
    }
}
