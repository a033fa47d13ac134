import TitleBridgeCore
import Vapor

/// 初级职称聘任: the unit's appointments with their 聘任表, and the form for a new one. On a
/// refusal the form comes back with everything typed and the clause that was not met.
struct AppointmentsPage: Encodable {
    struct Row: Encodable {
        let number: String
        let name: String
        let title: String
        let appointedOn: String
        let formHref: String
    }

    let chrome: PageChrome
    let heading: String
    let intro: String
    let headers: [String]
    let rows: [Row]
    let hasRows: Bool
    let emptyNote: String
    let formLabel: String
    let problem: String?
    let pager: Pager?
    let created: String?
    let newHeading: String
    let action: String
    let csrfToken: String
    let labels: [String: String]
    let values: [String: String]
    let genders: [FormChoice]
    let certificates: [FormChoice]
    let hasCertificates: Bool
    let noCertificatesNote: String
    let degrees: [FormChoice]
    let disciplines: [FormChoice]
    let inShanghai: Bool
    let related: Bool
    let basicConditionsMet: Bool
    let submitLabel: String

    init(request: Request, notice: String, records: [AppointmentRecord], certificates items: [CertificateItemRecord],
         input: AppointmentInput?, problem: String?, created: String?, pager: Pager? = nil) {
        self.pager = pager
        let language = request.language
        let w = Words<AppointmentText>(language)
        let admitted = (try? request.domain.currentPolicy.certificateList.itemClass) ?? ""
        chrome = PageChrome(request: request, title: w[.pageTitle])
        heading = w[.heading]
        // Only the Chinese cites the notice; the English sentence leaves its place empty.
        intro = w[.intro, ["notice": language == .zh ? notice : ""]]
        headers = [w[.numberHeader], w[.name], w[.titleHeader], w[.appointedOn], ""]
        self.rows = records.compactMap { record in
            guard let id = record.id, let title = record.title else { return nil }
            return Row(number: record.number, name: record.personName, title: title.series.title(at: title.level).label(in: language),
                       appointedOn: LocalDate(iso: record.appointedOn).map { DateText.long($0, in: language) } ?? record.appointedOn, formHref: SiteURL.unitAppointmentForm.path(id.uuidString))
        }
        hasRows = !self.rows.isEmpty
        emptyNote = w[.noAppointments]
        formLabel = w[.formLabel]
        self.problem = problem
        self.created = created
        newHeading = w[.newHeading]
        action = SiteURL.unitAppointmentCreate.path
        csrfToken = CSRF.token(for: request)
        labels = [
            "personName": w[.name], "gender": w[.gender], "birthDate": w[.birthDate],
            "certificate": w[.certificateLabel, ["class": admitted]],
            "certificateNumber": w[.certificateNumber],
            "degree": w[.degree], "discipline": w[.discipline], "school": w[.school],
            "country": w[.country], "awardedOn": w[.awardedOn],
            "workFrom": w[.workFrom], "workTo": w[.workTo],
            "employer": w[.employer], "workPosition": w[.workPosition],
            "inShanghai": w[.inShanghai], "related": w[.related],
            "position": w[.position], "appointedOn": w[.appointedOn],
            "termYears": w[.termYears],
            "basic": w[.basicConditions],
            "reviewNote": w[.reviewNote],
            "education": w[.educationLegend], "work": w[.workLegend],
        ]
        let education = input?.education?.first
        let work = input?.work?.first
        values = [
            "personName": input?.personName ?? "", "birthDate": input?.birthDate ?? "", "certificateNumber": input?.certificateNumber ?? "",
            "school": education?.school ?? "", "country": education?.country ?? "", "awardedOn": education?.awardedOn ?? "",
            "workFrom": work?.from ?? "", "workTo": work?.to ?? "", "employer": work?.employer ?? "", "workPosition": work?.position ?? "",
            "position": input?.position ?? "", "appointedOn": input?.appointedOn ?? request.domain.clock.today().iso,
            "termYears": input?.termYears.map(String.init) ?? "3", "reviewNote": input?.reviewNote ?? "",
        ]
        genders = ApplicationContent.Gender.allCases.map {
            FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: input?.gender == $0.rawValue)
        }
        certificates = items.compactMap { record in
            guard let id = record.id, let item = record.item, item.titleSeries == .engineering else { return nil }
            return FormChoice(value: id, label: item.name.text(in: language) + (item.abbreviation.isEmpty ? "" : w[.abbreviation, ["abbreviation": item.abbreviation]]),
                              selected: input?.certificateCode == id)
        }
        hasCertificates = !certificates.isEmpty
        noCertificatesNote = w[.noCertificatesNote, ["class": admitted]]
        degrees = [Degree.master, .secondBachelor, .bachelor, .doctorate].map {
            FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: education?.degree == $0.rawValue)
        }
        disciplines = Discipline.allCases.map {
            FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: (education?.discipline ?? "engineering") == $0.rawValue)
        }
        inShanghai = isChecked(work?.inShanghai) || input == nil
        related = isChecked(work?.related) || input == nil
        basicConditionsMet = input?.basicConditionsMet?.isOn ?? false
        submitLabel = w[.submit]
    }
}
