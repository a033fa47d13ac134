import TitleBridgeCore
import Vapor

/// The part of a file's page that belongs to 四(三)–(四): the history of the file (returns
/// stay visible), the employer's opinion form, the supervising department's post confirmation,
/// the unit publicity with its computed dates, and what reporting still needs.
struct UnitReviewPanel: Encodable {
    struct HistoryRow: Encodable {
        let when: String
        let who: String
        let what: String
        let reason: String?
        let statement: [String]
    }

    struct OpinionForm: Encodable {
        let action: String
        let csrfToken: String
        let idempotencyKey: String
        let heading: String
        let statements: [Statement]
        let reviewerLabel: String
        let reviewer: String
        let dateLabel: String
        let today: String
        let remarksLabel: String
        let submitLabel: String
    }

    struct PostForm: Encodable {
        let action: String
        let csrfToken: String
        let idempotencyKey: String
        let heading: String
        let statements: [Statement]
        let reviewerLabel: String
        let reviewer: String
        let submitLabel: String
    }

    struct Statement: Encodable {
        let name: String
        let label: String
    }

    struct Publicity: Encodable {
        let heading: String
        let recorded: [KeyValue]
        let hasRecord: Bool
        let assessment: String?
        let misses: Bool
        let guidance: String?
        let form: PublicityForm?
        let outcomeForm: OutcomeForm?
    }

    struct KeyValue: Encodable {
        let key: String
        let value: String
        let href: String?
    }

    struct PublicityForm: Encodable {
        let action: String
        let csrfToken: String
        let startLabel: String
        let start: String
        let placeLabel: String
        let placeHint: String
        let evidenceLabel: String
        let submitLabel: String
        /// A publicity that cannot end inside the window is recorded only with this box ticked
        /// (`acceptsMissingBatch`); the note beside it says from which start that is so.
        let missLabel: String
        let missNote: String
        /// Started today, the publicity would already miss the window.
        let missesFromToday: Bool
    }

    /// 公示结果: how the publicity ended, recorded by the employer from its last day.
    struct OutcomeForm: Encodable {
        let action: String
        let csrfToken: String
        let heading: String
        let note: String
        let kinds: [FormChoice]
        let objectionsLabel: String
        let findingsLabel: String
        let decisionLabel: String
        let recordedByLabel: String
        let recordedBy: String
        let dateLabel: String
        let today: String
        let earliest: String
        let submitLabel: String
    }

    struct Checklist: Encodable {
        let heading: String
        let items: [ChecklistItem]
    }

    struct ChecklistItem: Encodable {
        let label: String
        let met: Bool
        let mark: String
    }

    let historyHeading: String
    /// Between who acted and what was done: `王敏：同意` / `Wang Min: Approve`.
    let historySeparator: String
    let history: [HistoryRow]
    let hasHistory: Bool
    let opinionForm: OpinionForm?
    let postForm: PostForm?
    let publicity: Publicity?
    let checklist: Checklist?

    /// The events this panel offers with their own forms (the plain action list leaves them out).
    static let ownEvents: Set<StageEvent> = [.approve, .confirmPost, .accept, .requestSupplement]

    init(request: Request, record: ApplicationRecord, policy: BatchPolicy, principal: Principal, reviews: [ReviewRecord],
         publicity posted: PublicityRecord?, uploaded: Set<UploadKind>) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let id = record.id?.uuidString ?? ""
        let stage = record.currentStage
        let now = request.domain.clock.now()
        let today = ShanghaiTime.date(of: now)
        let csrf = CSRF.token(for: request)

        historyHeading = t("办理记录", "History")
        historySeparator = t("：", ": ")
        history = reviews.map { review in
            let event = StageEvent(rawValue: review.event)
            let to = Stage(rawValue: review.toStage)
            var lines: [String] = []
            switch review.detail {
            case .opinion(let opinion)?:
                lines = [t("所在单位核实意见：履职情况属实；申报材料真实；同意申报。", "Employer's opinion: duties performed; materials true; agrees to the application."),
                         t("审核人：\(opinion.reviewer)，\(DateText.long(opinion.reviewedOn, in: .zh))",
                           "Reviewer: \(opinion.reviewer), \(DateText.long(opinion.reviewedOn, in: .en))")]
                if let remarks = opinion.remarks { lines.append(t("备注：", "Remarks: ") + remarks) }
            case .post(let post)?:
                lines = [t("岗位在专业技术岗位数量和结构比例内；同意申请高一级职称。", "Post within the unit's quota and structure ratio; consents to the one-level-higher application."),
                         t("审核人：", "Reviewer: ") + post.reviewer]
            case .checklist(let decision)?:
                lines = decision.flagged.isEmpty
                    ? [t("逐项审核：全部符合。", "Checked item by item: all in order.")]
                    : decision.flagged.map { entry in
                        entry.label.text(in: language) + t("：", ": ") + entry.verdict.name.text(in: language) + (entry.note.map { t("（\($0)）", " (\($0))") } ?? "")
                    }
                if let due = decision.supplementDue, !decision.flagged.isEmpty {
                    lines.append(t("补正截止：", "Due: ") + DateText.long(due, in: language))
                }
            case nil:
                break
            }
            return HistoryRow(when: ShanghaiTime.clockText(review.createdAt), who: review.actorName,
                              what: (event?.name.text(in: language) ?? review.event) + (to.map { " → " + $0.name.text(in: language) } ?? ""),
                              reason: review.reason, statement: lines)
        }
        hasHistory = !history.isEmpty

        // Never on one's own file: an employer's staff member who also applies is reviewed by a colleague.
        let isEmployer = RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor)
        opinionForm = stage == .employerReview && isEmployer ? OpinionForm(
            action: SiteURL.applicationTransition.path(id), csrfToken: csrf, idempotencyKey: UUID().uuidString,
            heading: t("所在单位核实意见", "Employer's opinion (所在单位核实意见)"),
            statements: [
                Statement(name: "opinion[dutiesPerformed]", label: t("经核实，申报人认真履行岗位职责，履职情况属实", "We have checked that the applicant performs the duties of the post")),
                Statement(name: "opinion[materialsTrue]", label: t("经审核，申报材料真实、准确", "We have checked the materials and they are true and accurate")),
                Statement(name: "opinion[agrees]", label: t("同意申报", "We agree to the application")),
            ],
            reviewerLabel: t("审核人", "Reviewer"), reviewer: principal.displayName,
            dateLabel: t("审核日期", "Date of review"), today: today.iso,
            remarksLabel: t("备注（可选）", "Remarks (optional)"),
            submitLabel: StageEvent.approve.name.text(in: language)) : nil

        postForm = stage == .supervisorReview && principal.roles.contains(.supervisor) && record.applicantID != principal.userID ? PostForm(
            action: SiteURL.applicationTransition.path(id), csrfToken: csrf, idempotencyKey: UUID().uuidString,
            heading: t("主管部门确认岗位情况", "Supervising department: the post"),
            statements: [
                Statement(name: "post[withinQuota]", label: t("申报人所在岗位在单位专业技术岗位数量和结构比例内", "The post is within the unit's number and structure ratio of professional posts")),
                Statement(name: "post[consentsOneLevelUp]", label: t("同意其在现有职称基础上申请高一级职称", "We consent to the application one level above the title held")),
            ],
            reviewerLabel: t("审核人", "Reviewer"), reviewer: principal.displayName,
            submitLabel: StageEvent.confirmPost.name.text(in: language)) : nil

        let plan = PublicityPlan(policy: policy, calendar: request.domain.calendar)
        let beforeReport: Set<Stage> = [.employerReview, .supervisorReview, .unitPublicity]
        if posted != nil || beforeReport.contains(stage) {
            var rows: [KeyValue] = []
            var assessment: PublicityPlan.Assessment?
            if let posted, let start = posted.startDay {
                let check = plan.assess(startingOn: start)
                assessment = check
                rows = [KeyValue(key: t("公示开始", "Starts"), value: DateText.long(start, in: language), href: nil),
                        KeyValue(key: t("公示结束", "Ends"), value: DateText.long(posted.endDay ?? check.ends, in: language), href: nil),
                        KeyValue(key: t("公示地点", "Where"), value: posted.place, href: nil),
                        KeyValue(key: t("公示证明", "Evidence"), value: t("查看", "View"), href: SiteURL.file.path(posted.evidenceFileID.uuidString))]
                if let outcome = posted.outcome {
                    rows.append(KeyValue(key: t("公示结果", "Outcome"), value: outcome.summary.text(in: language) + t("（登记人：", " (recorded by ")
                                         + outcome.recordedBy + t("，", ", ") + DateText.long(outcome.recordedOn, in: language) + t("）", ")"), href: nil))
                }
            }
            // The employer reads how long and the last day to start before it starts.
            // Before a publicity is recorded only: once it runs, its own dates say what it means.
            let guidance = isEmployer && beforeReport.contains(stage) && posted == nil ? plan.guidance(today: today).text(in: language) : nil
            let form: PublicityForm? = isEmployer && stage == .unitPublicity ? PublicityForm(
                action: SiteURL.applicationPublicity.path(id), csrfToken: csrf,
                startLabel: t("公示开始日期", "First day of the publicity"), start: posted?.startsOn ?? today.iso,
                placeLabel: t("公示地点或方式", "Where it is posted"),
                placeHint: t("如：单位内网公告栏、一楼公告栏", "e.g. the intranet notice board, the notice board on the ground floor"),
                evidenceLabel: t("公示证明（PDF、JPEG 或 PNG）", "Evidence (PDF, JPEG or PNG)"),
                submitLabel: posted == nil ? t("登记公示", "Record the publicity") : t("更正公示信息", "Correct the publicity"),
                missLabel: t("我单位确认：本次公示无法在上报截止日前结束，本件将无法参加本批次考核认定。",
                             "We confirm that this publicity cannot end before reporting closes, so the file will miss this batch."),
                missNote: Self.missNote(plan, language: language),
                missesFromToday: today > plan.latestStart.value) : nil
            // From the publicity's last day the employer records how it ended; an objection upheld
            // is a return of the file instead (the action beside the stage).
            let outcomeForm: OutcomeForm? = if isEmployer, stage == .unitPublicity, let ends = posted?.endDay, today >= ends {
                OutcomeForm(
                    action: SiteURL.applicationPublicityOutcome.path(id), csrfToken: csrf,
                    heading: t("公示结果", "How the publicity ended"),
                    note: t("公示期满后登记。异议经核实成立的，请不要在此登记，而是“退回申报人”并写明理由。",
                            "Record this once the publicity is over. If an objection is upheld, do not record it here: return the file to the applicant with the reason."),
                    kinds: PublicityOutcome.Kind.allCases.map {
                        FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: posted?.outcome?.kind == $0)
                    },
                    objectionsLabel: t("异议内容（收到异议时填写）", "What was objected to (when objections were received)"),
                    findingsLabel: t("核实情况", "What the unit found"),
                    decisionLabel: t("处理结果", "What the unit decided"),
                    recordedByLabel: t("登记人", "Recorded by"), recordedBy: principal.displayName,
                    dateLabel: t("登记日期", "Date"), today: today.iso, earliest: ends.iso,
                    submitLabel: posted?.outcome == nil ? t("登记公示结果", "Record the outcome") : t("更正公示结果", "Correct the outcome"))
            } else {
                nil
            }
            // Others see the section once there is something to read.
            publicity = rows.isEmpty && guidance == nil && form == nil ? nil : Publicity(
                heading: t("单位公示", "Unit publicity"), recorded: rows, hasRecord: !rows.isEmpty,
                assessment: assessment?.message.text(in: language), misses: assessment.map { !$0.fitsWindow } ?? false,
                guidance: guidance,
                form: form, outcomeForm: outcomeForm)
        } else {
            publicity = nil
        }

        if stage == .unitPublicity {
            let list = ReportingChecklist(publicityEnds: posted?.endDay, outcome: posted?.outcome, uploaded: uploaded, now: now, policy: policy)
            checklist = Checklist(heading: t("上报前须完成", "Before reporting"), items: list.items.map {
                ChecklistItem(label: $0.label.text(in: language), met: $0.met, mark: $0.met ? "✓" : "✗")
            })
        } else {
            checklist = nil
        }
    }

    /// Beside the publicity form: the latest start that still ends inside the window, and what
    /// a later one needs.
    static func missNote(_ plan: PublicityPlan, language: Language) -> String {
        let latest = plan.latestStart.value, closes = plan.policy.dates.submissionCloses.value
        return language == .zh
            ? "公示须最迟于\(DateText.long(latest, in: .zh))开始，才能在上报截止日\(DateText.long(closes, in: .zh))前结束。开始日期晚于此日的，本件将无法参加本批次考核认定，须勾选下面的确认后才能登记。"
            : "The publicity must start by \(DateText.long(latest, in: .en)) to end before reporting closes on \(DateText.long(closes, in: .en)). A later start means the file cannot take part in this batch; it is recorded only when the box below is ticked."
    }
}
