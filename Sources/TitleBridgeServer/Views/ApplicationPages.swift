import TitleBridgeCore
import Vapor

/// 网上申报 — the start page of an applicant without a file yet.
struct StartPage: Encodable {
    let chrome: PageChrome
    let heading: String
    let intro: String
    let steps: [String]
    let action: String
    let csrfToken: String
    let startLabel: String
    /// After the window: why no file can be opened, said instead of offering the button.
    let closed: String?

    init(request: Request) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        closed = (try? request.domain.currentPolicy).flatMap {
            ReportingChecklist.openingClosed(now: request.domain.clock.now(), policy: $0)
        }?.text(in: language)
        chrome = PageChrome(request: request, title: t("网上申报", "Apply online"))
        heading = t("网上申报", "Apply online")
        intro = t("申报材料分步填写，每一步都会保存为草稿；全部完成并符合条件后提交所在单位审核。",
                  "The file is filled in step by step and each step is saved as a draft; when every step is complete and the conditions are met, submit it to your employer.")
        steps = ApplicationStep.allCases.map { $0.name.text(in: language) }
        action = SiteURL.applicationCreate.path
        csrfToken = CSRF.token(for: request)
        startLabel = t("开始填报", "Start")
    }
}

/// One step link of the form's side list.
struct StepLink: Encodable {
    let label: String
    let href: String
    let current: Bool
    let done: Bool
}

extension StepLink {
    static func all(for record: ApplicationRecord, current: ApplicationStep?, language: Language) throws -> [StepLink] {
        let id = record.id?.uuidString ?? ""
        let content = try record.content
        return ApplicationStep.allCases.map { step in
            let done: Bool = switch step {
            case .personal: content.personal != nil && record.idNumberSealed != nil
            case .employer: record.employerID != nil
            case .certificate: record.verificationID != nil
            case .education: !content.education.isEmpty
            case .work: !content.work.isEmpty
            case .target: content.target != nil
            case .summary: !content.summary.isEmpty
            }
            return StepLink(label: step.name.text(in: language), href: SiteURL.applicationStep.path(id, step.rawValue),
                            current: step == current, done: done)
        }
    }
}

/// The file's status page: stage, what happens next, the eligibility report, the steps, the
/// submit button (with its idempotency key) while it is a draft.
struct ApplicationStatusPage: Encodable {
    struct Clause: Encodable {
        let outcome: String
        /// ✓, ✗ or ?, and the word that says the same (符合 / 不符合 / 待审核), so the result does
        /// not rest on colour.
        let mark: String
        let word: String
        let message: String
        let citation: String
    }

    /// Why the file came back to the applicant: the reason of the last return (or of the
    /// supervising department's refusal), who gave it and when — beside the stage, not only in
    /// the history.
    struct Returned: Encodable {
        let label: String
        let reason: String
        let by: String
    }

    struct Action: Encodable {
        let action: String
        let csrfToken: String
        let event: String
        let label: String
        /// A step back (withdrawing, returning, refusing) is offered quietly beside the way forward.
        let quiet: Bool
        let idempotencyKey: String
        let needsReason: Bool
        let reasonLabel: String
        /// The question asked before an irreversible change (`Confirmation`); nil for the others.
        let confirm: String?
    }

    let chrome: PageChrome
    let heading: String
    let stageLabel: String
    /// 申报编号, the short number the file is known by (`ApplicationNumber`).
    let fileNumberLabel: String
    let fileNumber: String?
    let stage: String
    let next: String
    /// The window has closed on a file not reported: `next` says why nothing more is offered.
    let closed: Bool
    /// The questions asked before an attachment is removed and before the bureau accepts the
    /// file (its checklist's button), and the script that asks them.
    let removeConfirm: String
    let acceptConfirm: String
    let confirmScriptHref: String
    /// Submitted after the last useful day: the publicity can no longer end inside the window.
    let lateWarning: String?
    let summaryLine: String
    /// On a draft, the proofs submission needs and whether each is there.
    let proofsLine: String?
    let steps: [StepLink]
    let editable: Bool
    let stepsHeading: String
    let reportHeading: String
    let clauses: [Clause]
    /// The conditions not met, listed again at the top with a link to the conditions.
    let failures: [Clause]
    let hasFailures: Bool
    let failuresHeading: String
    let returned: Returned?
    let hasReport: Bool
    let incompleteNote: String
    let actions: [Action]
    let problem: String?
    let formHref: String
    let formLabel: String
    let timeline: TimelineView
    /// The file as written, with its attachments (`applications/file`); the upload form goes with them.
    let file: FileView
    let uploadForm: UploadForm?
    let review: UnitReviewPanel
    let acceptance: AcceptancePanel

    struct UploadForm: Encodable {
        let action: String
        let csrfToken: String
        let kinds: [FormChoice]
        let kindLabel: String
        let fileLabel: String
        let note: String
        let submitLabel: String
        /// After a refused upload: a browser cannot put the chosen file back into the form.
        let reselect: String?
    }

    /// `actors`: the parties the caller has in this file (`ApplicationDesk.transitionActors`), so
    /// the page offers exactly the buttons the transition endpoint accepts.
    init(request: Request, record: ApplicationRecord, policy: BatchPolicy, principal: Principal, actors: Set<TransitionActor>,
         report: EligibilityReport?, file: FileView, review: UnitReviewPanel, acceptance: AcceptancePanel,
         deadline: SubmissionDeadline, problem: String?, lastReturn: ReviewRecord? = nil) throws {
        self.review = review
        self.acceptance = acceptance
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("申报材料", "Application file"))
        heading = policy.name.text(in: language)
        stageLabel = t("当前阶段", "Stage")
        fileNumberLabel = t("申报编号", "File number")
        fileNumber = record.number
        stage = record.currentStage.name.text(in: language)
        // After the window a file not reported cannot take part any more: the line that names
        // the next step says so, and the page offers no submission or report that would be refused.
        let closedOut = ReportingChecklist.closedOut(record.currentStage, now: request.domain.clock.now(), policy: policy)
        closed = closedOut != nil
        next = (closedOut ?? (record.applicantID == principal.userID
            ? NextStep.after(record.currentStage, policy: policy, submitBy: deadline.submitBy)
            // Staff read what happens next, not the words addressed to the applicant.
            : NextStep.forStaff(record.currentStage, policy: policy, submitBy: deadline.submitBy))).text(in: language)
        lateWarning = closedOut == nil ? deadline.warning?.text(in: language) : nil
        removeConfirm = Confirmation.question(Confirmation.removal(of: nil), in: language)
        acceptConfirm = Confirmation.consequence(of: .accept).map { Confirmation.question($0, in: language) } ?? ""
        confirmScriptHref = SiteURL.confirmScript.path
        let count = try record.content.summaryCount
        let minimum = policy.thresholds.workSummaryMinimumZi.value
        summaryLine = t("工作总结：\(count.zi) 字（不少于 \(minimum) 字）", "Work summary: \(count.zi) characters (字; at least \(minimum))")
        let isOwner = record.applicantID == principal.userID
        // 四(三): the employer reviews the proofs, so a draft says which are still to come.
        let proofs = SubmissionProofs.required.map { kind in
            let state = file.uploadedKinds.contains(kind) ? t("已上传", "uploaded") : t("未上传", "not yet uploaded")
            return t("\(kind.name.zh)（\(state)）", "\(kind.name.en) (\(state))")
        }.joined(separator: t("、", ", "))
        proofsLine = isOwner && record.currentStage == .draft
            ? t("提交前须上传的证明材料（四(三)）：", "Proofs to upload before submitting (四(三)): ") + proofs : nil
        editable = isOwner && (record.currentStage == .draft || record.currentStage == .supplementRequested)
        steps = try StepLink.all(for: record, current: nil, language: language)
        stepsHeading = t("填报步骤", "Steps")
        reportHeading = t("资格条件", "Conditions")
        clauses = report?.clauses.map { clause -> Clause in
            let said: (mark: String, word: String) = switch clause.outcome {
            case .pass: ("✓", t("符合", "Met"))
            case .fail: ("✗", t("不符合", "Not met"))
            case .review: ("?", t("待审核", "For review"))
            }
            return Clause(outcome: clause.outcome.rawValue, mark: said.mark, word: said.word, message: clause.message.text(in: language),
                          citation: clause.citation)
        } ?? []
        failures = clauses.filter { $0.outcome == ClauseOutcome.fail.rawValue }
        hasFailures = !failures.isEmpty
        failuresHeading = t("\(failures.count) 项资格条件不符合：", failures.count == 1 ? "1 condition is not met:" : "\(failures.count) conditions are not met:")
        returned = lastReturn.flatMap { review -> Returned? in
            guard let reason = review.reason, !reason.isEmpty else { return nil }
            let refused = review.event == StageEvent.refusePost.rawValue
            return Returned(label: refused ? t("主管部门不同意的理由", "Why the supervising department did not agree")
                                           : t("退回原因", "Why the file was returned"),
                            reason: reason,
                            by: review.actorName + " · " + DateText.long(ShanghaiTime.date(of: review.createdAt), in: language))
        }
        hasReport = report != nil
        incompleteNote = t("完成工作单位、证书查验、学历、工作经历和申报层级后，将在此显示各项条件的核对结果。",
                           "Once employer, certificate, education, work and the title applied for are filled in, each condition is checked here.")
        let id = record.id?.uuidString ?? ""
        var actions: [Action] = []
        // An applicant acts on its own file only, a reviewer on the files of its scope and never its own.
        for actor in Role.allCases.map({ TransitionActor.role($0) }) where actors.contains(actor) {
            for event in TransitionTable.events(from: record.currentStage, by: actor)
            where !actions.contains(where: { $0.event == event.rawValue }) && !UnitReviewPanel.ownEvents.contains(event)
                && !(closedOut != nil && (event == .submit || event == .report)) {
                actions.append(Action(action: SiteURL.applicationTransition.path(id), csrfToken: CSRF.token(for: request),
                                      event: event.rawValue, label: event.name.text(in: language), quiet: [.withdraw, .returnToApplicant, .refusePost, .notAccept].contains(event) || (event == .submit && !(report?.eligible ?? false)),
                                      idempotencyKey: UUID().uuidString,
                                      needsReason: event.needsReason,
                                      reasonLabel: t("理由", "Reason"),
                                      confirm: Confirmation.consequence(of: event).map { Confirmation.question($0, in: language) }))
            }
        }
        self.actions = actions
        self.problem = problem
        timeline = TimelineView(ProcedureTimeline(policy: policy, calendar: request.domain.calendar, today: request.domain.clock.today()),
                                language: language, here: record.currentStage.timelineStepID, applicantViews: isOwner)
        formHref = SiteURL.applicationForm.path(id)
        formLabel = t("打印《上海市专业技术人员职称考核认定表》（PDF）", "Print the assessment form (PDF)")
        self.file = file
        let stage = record.currentStage
        // The employer adds its stamped opinion here; the publicity evidence comes with the publicity.
        let asEmployer = RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor)
        let open = UploadKind.allCases.filter {
            (isOwner && $0.openForApplicant(in: stage)) || (asEmployer && $0 != .publicityEvidence && $0.openForEmployer(in: stage))
        }
        // A refused upload answers on this page: the kind that was sent stays chosen.
        let refusedUpload = problem != nil && request.method == .POST && request.url.path == SiteURL.applicationUpload.path(id)
        let sentKind = refusedUpload ? (try? request.content.get(String.self, at: "kind")) : nil
        uploadForm = !open.isEmpty ? UploadForm(
            action: SiteURL.applicationUpload.path(id), csrfToken: CSRF.token(for: request),
            kinds: open.map { FormChoice(value: $0.rawValue, label: $0.name.text(in: language), selected: $0.rawValue == sentKind) },
            kindLabel: t("类别", "What it is"), fileLabel: t("文件", "File"),
            note: t("PDF、JPEG 或 PNG，单个不超过\(request.application.files.maximumSize / 1024 / 1024) MB；每份申报最多\(UploadLimits.filesPerApplication)个、共\(UploadLimits.bytesPerApplication / 1024 / 1024) MB。",
                    "PDF, JPEG or PNG, at most \(request.application.files.maximumSize / 1024 / 1024) MB each; at most \(UploadLimits.filesPerApplication) files and \(UploadLimits.bytesPerApplication / 1024 / 1024) MB per application."),
            submitLabel: t("上传", "Upload"),
            reselect: refusedUpload ? t("上传未成功，请重新选择文件：浏览器不能保留已选择的文件。",
                                        "The upload did not go through; choose the file again: a browser cannot keep a chosen file.") : nil) : nil
    }
}

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
        let selected: Bool

        /// `committee`: the level goes to the committee (四); a junior title is shown only as a
        /// pointer to the employer's appointment (聘任), never as a choice.
        init(title: ApplicantProfile.Title, report: EligibilityReport?, committee: Bool, language: Language, selected: Bool) {
            value = title.series.rawValue + "." + title.level.rawValue
            let name = title.series.title(at: title.level), level = title.level.name
            label = language == .zh ? name.zh + "（" + level.zh + "）" : name.en.capitalisedFirst + " (" + level.en + ")"
            // The attestations are given on the same page, with the title: they never grey a title out.
            let failing = report.flatMap(ApplicationDesk.titleRefusal(in:))
            allowed = committee && report != nil && failing == nil
            if !committee {
                reason = language == .zh
                    ? "初级职称由所在单位按规定聘任（填写《专业技术职务聘任表》），不在此申报 · 四"
                    : "Junior titles are appointed by your employer (with the appointment form), not applied for here · 四"
            } else {
                reason = failing.map { $0.message.text(in: language) + " · " + $0.citation }
                    ?? (report == nil ? (language == .zh ? "请先完成前面的步骤。" : "Complete the earlier steps first.") : nil)
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
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let content = try record.content
        let id = record.id?.uuidString ?? ""
        let minimum = policy.thresholds.workSummaryMinimumZi.value
        chrome = PageChrome(request: request, title: step.name.text(in: language))
        heading = step.name.text(in: language)
        steps = try StepLink.all(for: record, current: step, language: language)
        stepsHeading = t("填报步骤", "Steps")
        action = SiteURL.applicationStepSave.path(id, step.rawValue)
        csrfToken = CSRF.token(for: request)
        version = input?.version ?? record.version
        let shown = PageProblems(problems, heading: t("本步骤未保存：", "This step was not saved:"), language: language,
                                 place: Self.pageField)
        self.problems = shown
        errors = shown?.byField ?? [:]
        saveLabel = t("保存并继续", "Save and continue")
        backHref = SiteURL.application.path(id)
        backLabel = t("返回申报概览", "Back to the file")
        self.step = step.rawValue
        labels = [
            "name": t("姓名", "Name"), "gender": t("性别", "Gender"), "birthDate": t("出生日期", "Date of birth"),
            "nationality": t("国籍", "Nationality"), "idKind": t("证件类型", "ID document"), "idNumber": t("证件号码", "ID number"),
            "employer": t("所在单位（缴纳社保的单位）", "Employer (the unit paying your social insurance)"),
            "currentTitle": t("现有职称（如有）", "Title held now (if any)"),
            "currentSeries": t("系列", "Series"), "currentLevel": t("层级", "Level"),
            "verification": t("已通过的证书查验", "Passed certificate verification"),
            "noVerification": t("您还没有已通过的证书查验。", "You have no passed verification yet."),
            "toVerifications": t("去申请证书查验", "Ask for verification"),
            "degree": t("学历学位", "Degree"), "discipline": t("学科门类", "Discipline"), "school": t("学校", "School"),
            "country": t("国家或地区", "Country or region"), "awardedOn": t("授予日期", "Awarded on"),
            "recognitionNumber": t("学历认证编号（境外学历）", "Degree recognition no. (overseas degrees)"),
            "from": t("起始日期", "From"), "to": t("截止日期（至今可不填）", "To (empty if ongoing)"),
            "workEmployer": t("单位及部门", "Employer and department"), "position": t("职务（岗位）", "Position"),
            "inShanghai": t("在上海", "In Shanghai"), "related": t("与所持证书相关的专业技术工作", "Professional work related to the certificate"),
            "target": t("申报系列与层级", "Title applied for"),
            "attest": t("本人遵守法律法规，具有良好的职业道德，认真履行岗位职责。", "I abide by the law, keep professional ethics and fulfil the duties of my post."),
            "summary": t("本人专业技术工作总结", "Summary of my professional work"),
            "counter": t("已写", "Written"), "unit": t("字", "字"),
            "minimum": t("（不少于 \(minimum) 字）", "(at least \(minimum))"),
            "neededBefore": t("，还差 ", "; "), "neededAfter": t(" 字", " more needed"),
            "ziRule": t("字数计算：每个汉字、每个全角标点计 1 字；每个英文单词或数字（空格之间连续的字母、数字，如 TitleBridge、2024）计 1 字；空格和换行不计。",
                        "How 字 are counted: each Chinese character and each full-width punctuation mark counts as one 字, and so does each word or number in Latin letters or digits (a run of letters or digits between spaces, such as TitleBridge or 2024); spaces and line breaks count nothing."),
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

/// 系统消息.
struct MessagesPage: Encodable {
    struct Item: Encodable {
        let title: String
        let body: String
        let when: String
        let unread: Bool
        let href: String?
    }

    let chrome: PageChrome
    let heading: String
    let items: [Item]
    let hasItems: Bool
    let emptyNote: String

    init(request: Request, messages: [MessageRecord]) {
        let language = request.language
        let zh = language == .zh
        chrome = PageChrome(request: request, title: zh ? "系统消息" : "Messages")
        heading = zh ? "系统消息" : "Messages"
        items = messages.map { message in
            Item(title: zh ? message.titleZh : message.titleEn, body: zh ? message.bodyZh : message.bodyEn,
                 when: ShanghaiTime.clockText(message.createdAt), unread: message.readAt == nil,
                 href: message.applicationID.map { SiteURL.application.path($0.uuidString) })
        }
        hasItems = !items.isEmpty
        emptyNote = zh ? "暂无消息。" : "No messages."
    }
}

/// 单位审核: the unit's files with their stage and what to do.
struct UnitApplicationsPage: Encodable {
    struct Row: Encodable {
        let name: String
        let submitted: String
        let href: String
        let formHref: String
    }

    /// The files at one stage, in the procedure's order, so what waits for the unit is on top.
    struct Group: Encodable {
        let title: String
        let rows: [Row]
    }

    let chrome: PageChrome
    let heading: String
    let headers: [String]
    let groups: [Group]
    let hasRows: Bool
    let emptyNote: String
    let formLabel: String

    init(request: Request, records: [ApplicationRecord], names: [UUID: String]) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("单位审核", "Unit review"))
        heading = t("本单位申报材料", "Applications of the unit")
        headers = [t("申报人", "Applicant"), t("提交时间", "Submitted"), t("认定表", "Form")]
        let byStage = Dictionary(grouping: records, by: \.currentStage)
        groups = Stage.allCases.compactMap { stage in
            let rows = (byStage[stage] ?? []).compactMap { record -> Row? in
                guard let id = record.id?.uuidString else { return nil }
                return Row(name: names[record.applicantID] ?? "—", submitted: record.submittedAt.map(ShanghaiTime.clockText) ?? "—",
                           href: SiteURL.application.path(id), formHref: SiteURL.applicationForm.path(id))
            }
            guard !rows.isEmpty else { return nil }
            let name = stage.name.text(in: language)
            return Group(title: t("\(name)（\(rows.count)）", "\(name) (\(rows.count))"), rows: rows)
        }
        hasRows = !groups.isEmpty
        emptyNote = t("暂无已提交的申报材料。", "No application has been submitted yet.")
        formLabel = "PDF"
    }
}
