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
        var inShanghai: String?
        var related: String?
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
    var attest: String?
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
