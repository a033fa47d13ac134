import TitleBridgeCore
import Vapor

/// 资格自查 page: a form read from the query string (nothing is stored, so a plain GET that
/// can be bookmarked), and the engine's report in plain words with each clause's citation.
struct SelfCheckPage: Encodable {
    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct EducationRow: Encodable {
        let index: Int
        let degrees: [Option]
        let disciplines: [Option]
        let awardedOn: String
    }

    struct WorkRow: Encodable {
        let index: Int
        let from: String
        let to: String
        let inShanghai: Bool
        let related: Bool
    }

    struct ClauseRow: Encodable {
        let outcome: String
        let outcomeLabel: String
        let message: String
        let citation: String
    }

    struct Result: Encodable {
        let verdict: String
        let verdictClass: String
        let clauses: [ClauseRow]
    }

    let chrome: PageChrome
    let text: [String: String]
    let targets: [Option]
    let employers: [Option]
    let currentTitles: [Option]
    let fields: [Option]
    let certificateSeries: [Option]
    let verifiedOn: String
    let education: [EducationRow]
    let work: [WorkRow]
    let lawAbiding: Bool
    let professionalEthics: Bool
    let dutiesFulfilled: Bool
    let error: String?
    let result: Result?

    static let educationRows = 2
    static let workRows = 3

    init(request: Request) {
        let language = request.language
        let w = Words<PublicText>(language)
        let q = { (name: String) in request.query[String.self, at: name] ?? "" }
        let submitted = request.query[String.self, at: "target"] != nil

        chrome = PageChrome(request: request, title: w[.selfCheckHeading])
        text = [
            "heading": w[.selfCheckHeading],
            "lead": w[.selfCheckLead],
            "target": w[.targetLabel],
            "employer": w[.employerLabel],
            "current": w[.currentTitleLabel],
            "certificate": w[.certificateLabel],
            "field": w[.fieldLabel],
            "series": w[.seriesLabel],
            "verifiedOn": w[.verifiedOnLabel],
            "education": w[.educationLabel],
            "degree": w[.degreeLabel],
            "discipline": w[.disciplineLabel],
            "awardedOn": w[.awardedOnLabel],
            "work": w[.workLabel],
            "from": w[.fromLabel],
            "to": w[.toLabel],
            "inShanghai": w[.inShanghaiLabel],
            "related": w[.relatedLabel],
            "attestations": w[.attestationsLabel],
            "lawAbiding": w[.lawAbidingLabel],
            "ethics": w[.ethicsLabel],
            "duties": w[.dutiesLabel],
            "submit": w[.checkButton],
            "resultHeading": w[.resultHeading],
            "citation": w[.noticeClause],
            "dateHint": "YYYY-MM-DD",
        ]

        let targetValue = q("target").isEmpty ? "engineering.associateSenior" : q("target")
        targets = TitleSeries.allCases.flatMap { series in
            TitleLevel.allCases.map { level in
                let value = "\(series.rawValue).\(level.rawValue)"
                return Option(value: value, label: series.title(at: level).text(in: language).capitalisedFirst, selected: value == targetValue)
            }
        }
        let employerValue = q("employer").isEmpty ? ApplicantProfile.EmployerKind.enterprise.rawValue : q("employer")
        employers = [Option(value: "enterprise", label: w[.enterprise], selected: employerValue == "enterprise"),
                     Option(value: "publicInstitution", label: w[.publicInstitution], selected: employerValue == "publicInstitution")]
        currentTitles = [Option(value: "", label: w[.noCurrentTitle], selected: q("current").isEmpty)] + targets.map {
            Option(value: $0.value, label: $0.label, selected: $0.value == q("current"))
        }
        let fieldValue = q("field").isEmpty ? CertificateField.informationTechnology.rawValue : q("field")
        fields = CertificateField.allCases.map { Option(value: $0.rawValue, label: $0.name.label(in: language), selected: $0.rawValue == fieldValue) }
        let seriesValue = q("certSeries").isEmpty ? TitleSeries.engineering.rawValue : q("certSeries")
        certificateSeries = TitleSeries.allCases.map { Option(value: $0.rawValue, label: $0.name.label(in: language), selected: $0.rawValue == seriesValue) }
        verifiedOn = q("verifiedOn")
        education = (0..<Self.educationRows).map { i in
            let degree = q("edu\(i)Degree"), discipline = q("edu\(i)Discipline")
            return EducationRow(
                index: i,
                degrees: [Option(value: "", label: "—", selected: degree.isEmpty)] + Degree.allCases.filter { $0 != .none }.map {
                    Option(value: $0.rawValue, label: $0.name.label(in: language), selected: $0.rawValue == degree)
                },
                disciplines: Discipline.allCases.map { Option(value: $0.rawValue, label: $0.name.label(in: language), selected: $0.rawValue == discipline) },
                awardedOn: q("edu\(i)AwardedOn"))
        }
        work = (0..<Self.workRows).map { i in
            WorkRow(index: i, from: q("work\(i)From"), to: q("work\(i)To"),
                    inShanghai: !submitted || q("work\(i)InShanghai") == "1", related: !submitted || q("work\(i)Related") == "1")
        }
        lawAbiding = q("lawAbiding") == "1"
        professionalEthics = q("ethics") == "1"
        dutiesFulfilled = q("duties") == "1"

        guard submitted else {
            error = nil
            result = nil
            return
        }
        do {
            let profile = try Self.profile(request)
            let report = try EligibilityAPIController.evaluate(profile, services: request.domain)
            let verdict: (String, String) = !report.eligible
                ? (w[.notEligible], "fail")
                : report.needsReview
                    ? (w[.eligibleWithReview], "review")
                    : (w[.eligible], "pass")
            result = Result(verdict: verdict.0, verdictClass: verdict.1, clauses: report.clauses.map { clause in
                let label = switch clause.outcome {
                case .pass: w[.clauseMet]
                case .fail: w[.clauseNotMet]
                case .review: w[.clauseReview]
                }
                return ClauseRow(outcome: clause.outcome.rawValue, outcomeLabel: label,
                                 message: clause.message.text(in: language), citation: clause.citation)
            })
            error = nil
        } catch let problem as APIProblem {
            error = problem.message.text(in: language)
            result = nil
        } catch {
            self.error = w[.invalidForm]
            result = nil
        }
    }

    /// Reads the form into the API's profile, naming the field of the first bad value.
    static func profile(_ request: Request) throws -> ApplicantProfile {
        let q = { (name: String) in (request.query[String.self, at: name] ?? "").trimmingCharacters(in: .whitespaces) }
        func bad(_ field: String) -> APIProblem {
            // Named as the form labels it, not by the field's name in the address.
            let shown = { (language: Language) in Self.label(of: field).map { Words<PublicText>(language)[$0] } ?? field }
            return APIProblem.badInput(code: "invalid_field", field: field, LocalizedText(
                zh: "请检查“\(shown(.zh))”一项。", en: "Please check the field “\(shown(.en))”."))
        }
        func title(_ name: String) throws -> ApplicantProfile.Title? {
            let parts = q(name).split(separator: ".").map(String.init)
            guard !parts.isEmpty else { return nil }
            guard parts.count == 2, let series = TitleSeries(rawValue: parts[0]), let level = TitleLevel(rawValue: parts[1]) else { throw bad(name) }
            return ApplicantProfile.Title(series: series, level: level)
        }
        func date(_ name: String) throws -> LocalDate? {
            let text = q(name)
            if text.isEmpty { return nil }
            guard let value = LocalDate(iso: text) else {
                throw APIProblem.badInput(code: "invalid_date", field: name, LocalizedText(
                    zh: "日期“\(text)”无效，请按 YYYY-MM-DD 填写。", en: "The date “\(text)” is not valid; use YYYY-MM-DD."))
            }
            return value
        }
        guard let target = try title("target") else { throw bad("target") }
        guard let employer = ApplicantProfile.EmployerKind(rawValue: q("employer")) else { throw bad("employer") }
        guard let field = CertificateField(rawValue: q("field")) else { throw bad("field") }
        guard let series = TitleSeries(rawValue: q("certSeries")) else { throw bad("certSeries") }
        var education: [ApplicantProfile.Education] = []
        for i in 0..<educationRows where !q("edu\(i)Degree").isEmpty {
            guard let degree = Degree(rawValue: q("edu\(i)Degree")) else { throw bad("edu\(i)Degree") }
            guard let discipline = Discipline(rawValue: q("edu\(i)Discipline")) else { throw bad("edu\(i)Discipline") }
            guard let awarded = try date("edu\(i)AwardedOn") else { throw bad("edu\(i)AwardedOn") }
            education.append(.init(degree: degree, discipline: discipline, awardedOn: awarded))
        }
        var work: [ApplicantProfile.WorkPeriod] = []
        for i in 0..<workRows {
            guard let from = try date("work\(i)From") else { continue }
            work.append(.init(from: from, to: try date("work\(i)To"), inShanghai: q("work\(i)InShanghai") == "1",
                              related: q("work\(i)Related") == "1"))
        }
        return ApplicantProfile(
            target: target, employer: .init(kind: employer), currentTitle: try title("current"),
            certificate: .init(field: field, titleSeries: series, verifiedOn: try date("verifiedOn")),
            education: education, work: work,
            attestations: .init(lawAbiding: q("lawAbiding") == "1", professionalEthics: q("ethics") == "1", dutiesFulfilled: q("duties") == "1"))
    }

    /// The label the form shows for one of its fields (`edu0Degree` is a degree, …).
    static func label(of field: String) -> PublicText? {
        switch field {
        case "target": .targetLabel
        case "current": .currentTitleLabel
        case "employer": .employerLabel
        case "field": .fieldLabel
        case "certSeries": .seriesLabel
        case "verifiedOn": .verifiedOnLabel
        case _ where field.hasSuffix("Degree"): .degreeLabel
        case _ where field.hasSuffix("Discipline"): .disciplineLabel
        case _ where field.hasSuffix("AwardedOn"): .awardedOnLabel
        case _ where field.hasSuffix("From"): .fromLabel
        case _ where field.hasSuffix("To"): .toLabel
        default: nil
        }
    }
}
