import TitleBridgeCore
import Vapor

/// 受理审核: the reported files of the batch by certificate field, each with its stage and number.
struct AcceptanceQueuePage: Encodable {
    /// Files shown of each field when all fields are on the page; the rest on a field's own pages
    /// (50 a page). Every row is drawn by the template, and drawing is most of the page's cost.
    static let firstRows = 20

    struct Group: Encodable {
        /// The field and how many files: 金融与管理（2） / Finance and management (2).
        let title: String
        let rows: [Row]
        /// All fields at once: the link to this field's own pages when it has more files.
        let moreHref: String?
        let moreLabel: String
        /// One field: its pages.
        fileprivate let pages: Pager?

        init(request: Request, field: CertificateField?, count: Int, rows: [AcceptanceDesk.QueueRow], paging: Paging,
             more: Bool, whole: Bool) {
            let language = request.language
            let w = Words<AcceptanceText>(language)
            let name = field?.name.text(in: language) ?? w[.noCertificate]
            let shown: String = language == .zh ? name : name.prefix(1).uppercased() + name.dropFirst()
            title = w[.fieldGroup, ["field": shown, "count": "\(count)"]]
            self.rows = rows.map { row in
                Row(name: row.name, stage: row.stage.name.text(in: language),
                    submitted: row.reportedAt.map(ShanghaiTime.clockText) ?? "—", number: row.number ?? "—",
                    href: SiteURL.application.path(row.id.uuidString))
            }
            let own = SiteURL.acceptanceQueue.path + "?field=" + AcceptanceQueuePage.key(of: field)
            moreHref = !whole && more ? own : nil
            moreLabel = w[.allOfField, ["count": "\(count)"]]
            pages = whole ? Pager.make(paging, more: more, path: own, language: language) : nil
        }
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
    /// One field shown: its pages, and the way back to all fields.
    let pager: Pager?
    let allHref: String?
    let allLabel: String

    init(request: Request, groups: [Group], oneField: Bool) {
        let language = request.language
        let w = Words<AcceptanceText>(language)
        chrome = PageChrome(request: request, title: w[.acceptanceReview])
        heading = w[.acceptanceReview]
        intro = w[.queueIntro]
        headers = [w[.applicantHeader], w[.stageHeader], w[.reportedHeader], w[.numberHeader]]
        self.groups = groups
        hasGroups = !groups.isEmpty
        emptyNote = w[.noneReported]
        paperHref = SiteURL.paperDesk.path
        paperLabel = w[.paperDeskHeading]
        pager = oneField ? groups.first?.pages : nil
        allHref = oneField ? SiteURL.acceptanceQueue.path : nil
        allLabel = w[.allFields]
    }

    /// A field in the queue's address: its name, or `none` for files without a certificate.
    static func key(of field: CertificateField?) -> String { field?.rawValue ?? "none" }
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
        let w = Words<AcceptanceText>(language)
        chrome = PageChrome(request: request, title: w[.printedFiles])
        heading = w[.paperDeskHeading]
        self.problem = problem
        self.notice = notice
        scheduleHeading = w[.scheduleHeading]
        current = schedule?.text.text(in: language)
        self.replaced = replaced.map { w[.replacedNote, ["previous": $0]] }
        form = ScheduleValues(
            day: schedule.map { ShanghaiTime.date(of: $0.startsAt).iso } ?? "",
            from: schedule.map { String(ShanghaiTime.clockText($0.startsAt).suffix(5)) } ?? "",
            until: schedule.map { String(ShanghaiTime.clockText($0.endsAt).suffix(5)) } ?? "",
            place: schedule?.place ?? "", earliest: request.domain.clock.today().iso,
            note: schedule == nil
                ? w[.workingDayNote]
                : w[.workingDayChangeNote])
        scheduleAction = SiteURL.paperSchedule.path
        receiptHeading = w[.receiptHeading]
        receiptAction = SiteURL.paperReceipt.path
        receiptHint = w[.receiptHint]
        csrfToken = CSRF.token(for: request)
        labels = ["day": w[.dayLabel], "from": w[.fromLabel], "until": w[.untilLabel], "place": w[.placeLabel],
                  "save": w[.saveAndNotify], "number": w[.acceptanceNumber],
                  "receive": w[.recordReceived]]
        headers = [w[.numberHeader], w[.printedFiles]]
        rows = accepted.map { acceptance in
            Row(number: acceptance.number,
                received: acceptance.paperReceivedAt.map { w[.receivedAt, ["time": ShanghaiTime.clockText($0)]] } ?? w[.notReceived],
                href: SiteURL.application.path(acceptance.applicationID.uuidString))
        }
        hasRows = !rows.isEmpty
    }
}
