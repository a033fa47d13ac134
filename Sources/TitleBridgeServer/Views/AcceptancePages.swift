import TitleBridgeCore
import Vapor

/// 受理审核: the reported files of the batch by certificate field, each with its stage and number.
struct AcceptanceQueuePage: Encodable {
    struct Group: Encodable {
        /// The field and how many files: 金融与管理（2） / Finance and management (2).
        let title: String
        let rows: [Row]
    }

    struct Row: Encodable {
        let name: String
        let stage: String
        let submitted: String
        let number: String
        let href: String
    }

    let chrome: PageChrome
    let heading: String
    let intro: String
    let headers: [String]
    let groups: [Group]
    let hasGroups: Bool
    let emptyNote: String
    let paperHref: String
    let paperLabel: String

    init(request: Request, entries: [AcceptanceDesk.QueueEntry], names: [UUID: String]) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("受理审核", "Acceptance review"))
        heading = t("受理审核", "Acceptance review")
        intro = t("已上报的申报材料，按证书所属领域分组，由市人社局会同相关行业主管部门逐项审核（四(五)）。",
                  "Reported files by the field of their certificate, checked item by item by the bureau together with the industry authority of the field (四(五)).")
        headers = [t("申报人", "Applicant"), t("当前阶段", "Stage"), t("上报时间", "Reported"), t("受理号", "Number")]
        let fields: [CertificateField?] = CertificateField.allCases + [nil]
        groups = fields.compactMap { field in
            let rows = entries.filter { $0.field == field }.compactMap { entry -> Row? in
                guard let id = entry.record.id else { return nil }
                return Row(name: names[entry.record.applicantID] ?? "—", stage: entry.record.currentStage.name.text(in: language),
                           submitted: entry.reportedAt.map(ShanghaiTime.clockText) ?? "—", number: entry.number ?? "—",
                           href: SiteURL.application.path(id.uuidString))
            }
            guard !rows.isEmpty else { return nil }
            let name = field?.name.text(in: language) ?? t("未关联证书", "No certificate")
            return Group(title: t("\(name)（\(rows.count)）", "\(name.prefix(1).uppercased() + name.dropFirst()) (\(rows.count))"), rows: rows)
        }
        hasGroups = !groups.isEmpty
        emptyNote = t("暂无已上报的申报材料。", "No file has been reported yet.")
        paperHref = SiteURL.paperDesk.path
        paperLabel = t("纸质材料报送与接收", "Printed files: time and receipts")
    }
}

/// 纸质材料: the time the bureau sets for the printed files, and the receipt desk.
struct PaperDeskPage: Encodable {
    struct Row: Encodable {
        let number: String
        let received: String
        let href: String
    }

    let chrome: PageChrome
    let heading: String
    let problem: String?
    let notice: String?
    let scheduleHeading: String
    let current: String?
    /// The time the current one replaced, as the applicants were told before the change.
    let replaced: String?
    /// The form opens with the time in force, so a change starts from it.
    let form: ScheduleValues
    let scheduleAction: String
    let receiptHeading: String
    let receiptAction: String
    let receiptHint: String
    let csrfToken: String
    let labels: [String: String]
    let headers: [String]
    let rows: [Row]
    let hasRows: Bool

    struct ScheduleValues: Encodable {
        let day: String
        let from: String
        let until: String
        let place: String
        /// The earliest day the form offers (today); the server also refuses a day that is not a working day.
        let earliest: String
        let note: String
    }

    init(request: Request, schedule: PaperScheduleRecord?, replaced: String? = nil, accepted: [AcceptanceRecord],
         problem: String?, notice: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("纸质材料", "Printed files"))
        heading = t("纸质材料报送与接收", "Printed files: time and receipts")
        self.problem = problem
        self.notice = notice
        scheduleHeading = t("报送时间", "Time to bring them")
        current = schedule?.text.text(in: language)
        self.replaced = replaced.map {
            t("此时间替换了此前通知的时间（\($0)），已受理的申报人均已收到调整通知。",
              "This time replaces the one announced before (\($0)); every accepted applicant was told of the change.")
        }
        form = ScheduleValues(
            day: schedule.map { ShanghaiTime.date(of: $0.startsAt).iso } ?? "",
            from: schedule.map { String(ShanghaiTime.clockText($0.startsAt).suffix(5)) } ?? "",
            until: schedule.map { String(ShanghaiTime.clockText($0.endsAt).suffix(5)) } ?? "",
            place: schedule?.place ?? "", earliest: request.domain.clock.today().iso,
            note: schedule == nil
                ? t("报送日期须为工作日。", "The day must be a working day.")
                : t("报送日期须为工作日。保存后，新时间替换原定时间，已受理的申报人都会收到调整通知。",
                    "The day must be a working day. Once saved, the new time replaces the one announced, and every accepted applicant is told."))
        scheduleAction = SiteURL.paperSchedule.path
        receiptHeading = t("接收登记", "Record a receipt")
        receiptAction = SiteURL.paperReceipt.path
        receiptHint = t("扫描认定表上的二维码，或输入受理号。", "Scan the QR code on the assessment form, or type the acceptance number.")
        csrfToken = CSRF.token(for: request)
        labels = ["day": t("日期", "Day"), "from": t("开始时间", "From"), "until": t("结束时间", "Until"), "place": t("地点", "Place"),
                  "save": t("保存并通知已受理的申报人", "Save and tell every accepted applicant"), "number": t("受理号", "Acceptance number"),
                  "receive": t("登记收到", "Record as received")]
        headers = [t("受理号", "Number"), t("纸质材料", "Printed files")]
        rows = accepted.map { acceptance in
            Row(number: acceptance.number,
                received: acceptance.paperReceivedAt.map { t("已收到 ", "Received ") + ShanghaiTime.clockText($0) } ?? t("未收到", "Not yet"),
                href: SiteURL.application.path(acceptance.applicationID.uuidString))
        }
        hasRows = !rows.isEmpty
    }
}
