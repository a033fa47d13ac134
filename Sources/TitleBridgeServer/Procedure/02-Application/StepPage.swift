import TitleBridgeCore
import Vapor

/// One step of the form.
struct StepPage: Encodable {
    struct Row: Encodable {
        let index: Int
        let number: Int
        let degrees: [FormChoice]
        let disciplines: [FormChoice]
        let school: String
        let country: String
        let awardedOn: String
        let recognitionNumber: String
        /// Messages beside this row's fields, by field (`school`).
        let errors: [String: String]
    }

    struct WorkRow: Encodable {
        let index: Int
        let number: Int
        let from: String
        let to: String
        let employer: String
        let position: String
        let inShanghai: Bool
        let related: Bool
        /// Messages beside this row's fields, by field (`from`).
        let errors: [String: String]
    }

    struct TargetOption: Encodable {
        let value: String
        let label: String
        let allowed: Bool
        let reason: String?
        /// The clause of the refusal, written by `#cite` (a link to its gloss, marked Chinese).
        let citation: String?
        let selected: Bool

        /// `committee`: the level goes to the committee (四); a junior title is shown only as a
        /// pointer to the employer's appointment (聘任), never as a choice.
        init(title: ApplicantProfile.Title, report: EligibilityReport?, committee: Bool, language: Language, selected: Bool) {
            let w = Words<ApplicationText>(language)
            value = title.series.rawValue + "." + title.level.rawValue
            let name = title.series.title(at: title.level), level = title.level.name
            label = language == .zh ? name.zh + "（" + level.zh + "）" : name.en.capitalisedFirst + " (" + level.en + ")"
            // The attestations are given on the same page, with the title: they never grey a title out.
            let failing = report.flatMap(ApplicationDesk.titleRefusal(in:))
            allowed = committee && report != nil && failing == nil
            if !committee {
                reason = w[.juniorByEmployer]
                citation = "四"
            } else {
                reason = failing.map { $0.message.text(in: language) } ?? (report == nil ? w[.earlierStepsFirst] : nil)
                citation = failing?.citation
            }
            self.selected = selected
        }
    }

    let chrome: PageChrome
    let heading: String
    let steps: [StepLink]
    let stepsHeading: String
    let action: String
    let csrfToken: String
    let version: Int
    /// The refusal of the last save: listed at the top, each message also beside its field.
    let problems: PageProblems?
    /// Messages beside the step's own fields, by form name (`name`, `attest`, `targetSeriesLevel`).
    let errors: [String: String]
    let saveLabel: String
    let backHref: String
    let backLabel: String
    let step: String
    let labels: [String: String]
    // personal
    let name: String
    let genders: [FormChoice]
    let birthDate: String
    let nationality: String
    let idKinds: [FormChoice]
    let idNumber: String
    // employer
    let employers: [FormChoice]
    let titleSeries: [FormChoice]
    let titleLevels: [FormChoice]
    // certificate
    let verifications: [FormChoice]
    let hasVerifications: Bool
    let verificationsHref: String
    // education, work
    let educationRows: [Row]
    let workRows: [WorkRow]
    // target
    let targets: [TargetOption]
    let attested: Bool
    // summary
    let summary: String
    let summaryZi: Int
    let summaryMinimum: Int
    /// 字 still needed to reach the minimum (0 once reached); the counter script keeps it current.
    let summaryNeeded: Int
    let scriptHref: String

    /// `account`: the applicant's own account, from which a file without personal data yet
    /// starts (name, ID document and number), so nobody types again what the account knows.
    init(request: Request, record: ApplicationRecord, policy: BatchPolicy, step: ApplicationStep, input: StepInput?, problems: [FieldProblem],
         employers: [OrganisationRecord], verifications: [VerificationRecord], targets: [TargetOption],
         account: UserRecord? = nil) throws {
        let language = request.language
        let w = Words<ApplicationText>(language)
        let content = try record.content
        let id = record.id?.uuidString ?? ""
        let minimum = policy.thresholds.workSummaryMinimumZi.value
        chrome = PageChrome(request: request, title: step.name.text(in: language))
        heading = step.name.text(in: language)
        steps = try StepLink.all(for: record, current: step, language: language)
        stepsHeading = w[.stepsHeading]
        action = SiteURL.applicationStepSave.path(id, step.rawValue)
        csrfToken = CSRF.token(for: request)
        version = input?.version ?? record.version
        let shown = PageProblems(problems, heading: w[.stepNotSaved], language: language,
                                 place: Self.pageField)
        self.problems = shown
        errors = shown?.byField ?? [:]
        saveLabel = w[.saveAndContinue]
        backHref = SiteURL.application.path(id)
        backLabel = w[.backToFile]
        self.step = step.rawValue
        labels = [
            "name": w[.name], "gender": w[.gender], "birthDate": w[.birthDate],
            "nationality": w[.nationality], "idKind": w[.idKind], "idNumber": w[.idNumber],
            "employer": w[.employer],
            "currentTitle": w[.currentTitle],
            "currentSeries": w[.currentSeries], "currentLevel": w[.currentLevel],
            "verification": w[.verification],
            "noVerification": w[.noVerification],
            "toVerifications": w[.toVerifications],
            "degree": w[.degree], "discipline": w[.discipline], "school": w[.school],
            "country": w[.country], "awardedOn": w[.awardedOn],
            "recognitionNumber": w[.recognitionNumber],
            "from": w[.from], "to": w[.to],
            "workEmployer": w[.workEmployer], "position": w[.position],
            "inShanghai": w[.inShanghai], "related": w[.related],
            "target": w[.target],
            "attest": w[.attest],
            "summary": w[.summary],
            "counter": w[.counter], "unit": w[.unit],
            "minimum": w[.minimum, ["minimum": "\(minimum)"]],
            "neededBefore": w[.neededBefore], "neededAfter": w[.neededAfter],
            "ziRule": w[.ziRule],
        ]
        let personal = content.personal
        // Until the file has its own personal data, the step starts from the account.
        let fromAccount = personal == nil ? account : nil
        name = input?.name ?? personal?.name ?? fromAccount?.displayName ?? ""
        genders = ApplicationContent.Gender.allCases.map {
            FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: (input?.gender ?? personal?.gender.rawValue) == $0.rawValue)
        }
        birthDate = input?.birthDate ?? personal?.birthDate.iso ?? ""
        nationality = input?.nationality ?? personal?.nationality ?? ""
        idKinds = IdentityDocumentKind.allCases.map {
            FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: (input?.idKind ?? personal?.idKind.rawValue ?? fromAccount?.idKind ?? "residentID") == $0.rawValue)
        }
        // The owner sees its own number whole: the file's, or while the file has none, the account's.
        let accountNumber = record.idNumberSealed == nil ? fromAccount.flatMap { user in
            user.idNumberSealed.flatMap { sealed in user.id.flatMap { try? request.security.cipher.open(sealed, in: .userIDNumber, row: $0) } }
        } : nil
        idNumber = input?.idNumber ?? record.idNumberSealed.flatMap { sealed in
            record.id.flatMap { try? request.security.cipher.open(sealed, in: .applicationIDNumber, row: $0) }
        } ?? accountNumber ?? ""
        // After a refused save the choices stay as they were sent.
        let employer = input.map { $0.employerID ?? "" } ?? record.employerID?.uuidString ?? ""
        let heldSeries = input.map { $0.currentTitleSeries ?? "" } ?? content.currentTitle?.series.rawValue ?? ""
        let heldLevel = input.map { $0.currentTitleLevel ?? "" } ?? content.currentTitle?.level.rawValue ?? ""
        self.employers = [FormChoice(value: "", label: "—", selected: employer.isEmpty)] + employers.compactMap { unit in
            unit.id.map { FormChoice(value: $0.uuidString, label: unit.name.text(in: language), selected: $0.uuidString == employer) }
        }
        titleSeries = [FormChoice(value: "", label: "—", selected: heldSeries.isEmpty)] + TitleSeries.allCases.map {
            FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: $0.rawValue == heldSeries)
        }
        titleLevels = [FormChoice(value: "", label: "—", selected: heldLevel.isEmpty)] + TitleLevel.allCases.map {
            FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: $0.rawValue == heldLevel)
        }
        self.verifications = verifications.compactMap { verification in
            verification.verificationNumber.map { number in
                FormChoice(value: number, label: "\(number) · \(verification.certificateNumber) · "
                               + (verification.passedOn.flatMap { LocalDate(iso: $0) }.map { DateText.long($0, in: language) } ?? ""),
                           selected: input.map { ($0.verificationNumber ?? "").uppercased() == number } ?? (verification.id == record.verificationID))
            }
        }
        hasVerifications = !self.verifications.isEmpty
        verificationsHref = SiteURL.verifications.path
        let education = content.education
        educationRows = (0..<3).map { index in
            let entry = index < education.count ? education[index] : nil
            let typed = input?.education.flatMap { index < $0.count ? $0[index] : nil }
            let degree = typed?.degree ?? entry?.degree.rawValue ?? ""
            let discipline = typed?.discipline ?? entry?.discipline.rawValue ?? ""
            return Row(index: index, number: index + 1,
                       degrees: [FormChoice(value: "", label: "—", selected: degree.isEmpty)] + Degree.allCases.filter { $0 != .none }.map {
                           FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: $0.rawValue == degree)
                       },
                       disciplines: Discipline.allCases.map {
                           FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: $0.rawValue == discipline)
                       },
                       school: typed?.school ?? entry?.school ?? "", country: typed?.country ?? entry?.country ?? "",
                       awardedOn: typed?.awardedOn ?? entry?.awardedOn.iso ?? "",
                       recognitionNumber: typed?.recognitionNumber ?? entry?.recognitionNumber ?? "",
                       errors: Self.rowErrors(problems, "education", index, language: language))
        }
        let work = content.work
        workRows = (0..<5).map { index in
            let entry = index < work.count ? work[index] : nil
            let typed = input?.work.flatMap { index < $0.count ? $0[index] : nil }
            return WorkRow(index: index, number: index + 1, from: typed?.from ?? entry?.from.iso ?? "", to: typed?.to ?? entry?.to?.iso ?? "",
                           employer: typed?.employer ?? entry?.employer ?? "", position: typed?.position ?? entry?.position ?? "",
                           inShanghai: typed.map { isChecked($0.inShanghai) } ?? entry?.inShanghai ?? false,
                           related: typed.map { isChecked($0.related) } ?? entry?.related ?? false,
                           errors: Self.rowErrors(problems, "work", index, language: language))
        }
        self.targets = targets
        // After a refused save the box stays as it was sent.
        attested = input.map { isChecked($0.attest) } ?? content.attestations?.lawAbiding ?? false
        summary = input?.summary ?? content.summary
        summaryZi = ZiCount(summary).zi
        summaryMinimum = minimum
        summaryNeeded = max(0, minimum - summaryZi)
        scriptHref = SiteURL.ziCounterScript.path
    }

    /// The page's name for a field a step save names: the two halves of the title are one
    /// choice on the page, and the version is no field anybody fills in (listed at the top only).
    static func pageField(_ field: String) -> String? {
        switch field {
        case "targetSeries", "targetLevel": "targetSeriesLevel"
        case "version": nil
        default: field
        }
    }

    /// The messages of one row's fields (`education[1].school` → `school`), by field.
    static func rowErrors(_ problems: [FieldProblem], _ list: String, _ index: Int, language: Language) -> [String: String] {
        let prefix = "\(list)[\(index)]."
        var found: [String: String] = [:]
        for problem in problems {
            guard let field = problem.field, field.hasPrefix(prefix) else { continue }
            let name = String(field.dropFirst(prefix.count))
            let message = problem.message.text(in: language)
            found[name] = found[name].map { $0 + " " + message } ?? message
        }
        return found
    }
}
