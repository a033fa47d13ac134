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
         input: AppointmentInput?, problem: String?, created: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let admitted = (try? request.domain.currentPolicy.certificateList.itemClass) ?? ""
        chrome = PageChrome(request: request, title: t("初级职称聘任", "Junior appointments"))
        heading = t("初级职称聘任", "Junior appointments (聘任)")
        intro = t("初级职称（助理工程师）由用人单位按通知三、四的条件自行聘任，并填写《专业技术职务聘任表》（\(notice) 四；沪人社专〔2017〕109号）。系统按条件核对，不符合的不能聘任。",
                  "Junior titles (assistant engineer) are appointed by the employer itself under the conditions of sections 三 and 四, with the 《专业技术职务聘任表》 as the record. The conditions are checked here; an appointment that does not meet them is refused.")
        headers = [t("聘任编号", "Number"), t("姓名", "Name"), t("聘任职务", "Title"), t("聘任日期", "Appointed on"), ""]
        self.rows = records.compactMap { record in
            guard let id = record.id, let title = record.title else { return nil }
            return Row(number: record.number, name: record.personName, title: title.series.title(at: title.level).label(in: language),
                       appointedOn: LocalDate(iso: record.appointedOn).map { DateText.long($0, in: language) } ?? record.appointedOn, formHref: SiteURL.unitAppointmentForm.path(id.uuidString))
        }
        hasRows = !self.rows.isEmpty
        emptyNote = t("本单位尚无聘任记录。", "No appointments yet.")
        formLabel = t("聘任表（PDF）", "Appointment form (PDF)")
        self.problem = problem
        self.created = created
        newHeading = t("新增聘任", "New appointment")
        action = SiteURL.unitAppointmentCreate.path
        csrfToken = CSRF.token(for: request)
        labels = [
            "personName": t("姓名", "Name"), "gender": t("性别", "Gender"), "birthDate": t("出生日期", "Date of birth"),
            "certificate": t("境外职业资格证书（认可清单\(admitted)类）", "Overseas certificate (class \(admitted) of the list)"),
            "certificateNumber": t("证书编号", "Certificate number"),
            "degree": t("学历学位", "Degree"), "discipline": t("学科门类", "Discipline"), "school": t("学校", "School"),
            "country": t("国家或地区", "Country or region"), "awardedOn": t("授予日期", "Awarded on"),
            "workFrom": t("相关工作起始日期", "Related work since"), "workTo": t("截止日期（在职可不填）", "Until (empty while employed)"),
            "employer": t("工作单位", "Employer"), "workPosition": t("职务", "Position"),
            "inShanghai": t("在上海工作", "In Shanghai"), "related": t("与所持证书相关的专业技术工作", "Professional work related to the certificate"),
            "position": t("聘任的专业技术岗位", "Post appointed to"), "appointedOn": t("聘任日期", "Appointed on"),
            "termYears": t("聘期（年）", "Term (years)"),
            "basic": t("经单位考核，其遵纪守法、职业道德良好、认真履行岗位职责（三(一)）", "The unit has assessed that the person abides by the law, has good professional ethics and fulfils the duties of the post (三(一))"),
            "reviewNote": t("“原则上”条件未满足时的单位说明（可选）", "The unit's reason where a condition “in principle” is not met (optional)"),
            "education": t("学历", "Degree"), "work": t("工作经历", "Work"),
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
            return FormChoice(value: id, label: item.name.text(in: language) + (item.abbreviation.isEmpty ? "" : t("（\(item.abbreviation)）", " (\(item.abbreviation))")),
                              selected: input?.certificateCode == id)
        }
        hasCertificates = !certificates.isEmpty
        noCertificatesNote = t("认可清单中尚无生物医药、信息技术或工程技术领域的\(admitted)类证书项目，暂不能聘任初级职称。市人社局按官方附件导入清单后即可在此聘任。",
                               "The recognised list holds no class \(admitted) item of biomedicine, information technology or engineering yet, so no junior title can be appointed. Once the bureau imports the list from the official attachment, appointments can be made here.")
        degrees = [Degree.master, .secondBachelor, .bachelor, .doctorate].map {
            FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: education?.degree == $0.rawValue)
        }
        disciplines = Discipline.allCases.map {
            FormChoice(value: $0.rawValue, label: $0.name.label(in: language), selected: (education?.discipline ?? "engineering") == $0.rawValue)
        }
        inShanghai = isChecked(work?.inShanghai) || input == nil
        related = isChecked(work?.related) || input == nil
        basicConditionsMet = input?.basicConditionsMet?.isOn ?? false
        submitLabel = t("核对条件并聘任", "Check the conditions and appoint")
    }
}
