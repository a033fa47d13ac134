import Fluent
import TitleBridgeCore
import Vapor

/// 网上申报 pages and API: open the file, fill it step by step, submit it, follow its stage;
/// and the message centre.
struct ApplicationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.applications, use: entry)
        routes.on(.applicationCreate, use: create)
        routes.on(.application, use: show)
        routes.on(.applicationStep, use: step)
        routes.on(.applicationStepSave, use: saveStep)
        routes.on(.applicationTransition, use: transition)
        routes.on(.applicationUpload, use: upload)
        routes.on(.applicationForm, use: form)
        routes.on(.unitApplications, use: unitApplications)
        routes.on(.apiApplicationForm, use: form)
        routes.on(.applicationUploadDelete, use: removeUpload)
        routes.on(.apiApplicationUpload, use: apiUpload)
        routes.on(.messages, use: messages)
        routes.on(.apiApplications, use: apiList)
        routes.on(.apiApplicationCreate, use: apiCreate)
        routes.on(.apiApplication, use: apiShow)
        routes.on(.apiApplicationStep, use: apiSaveStep)
        routes.on(.apiApplicationTransition, use: apiTransition)
        routes.on(.apiMessages, use: apiMessages)
        routes.on(.applicationPublicity, use: publicity)
        routes.on(.apiApplicationPublicity, use: apiPublicity)
        routes.on(.applicationPublicityOutcome, use: publicityOutcome)
        routes.on(.apiApplicationPublicityOutcome, use: apiPublicityOutcome)
    }

    struct UploadForm: Content {
        var kind: String?
        var file: File?
    }

    static func attach(_ request: Request, to record: ApplicationRecord, by principal: Principal) async throws {
        let form = try request.content.decode(UploadForm.self)
        guard let kind = form.kind.flatMap(UploadKind.init(rawValue:)) else {
            throw APIProblem.badInput(code: "kind_required", field: "kind", LocalizedText(zh: "请选择附件类别。", en: "Choose what the file is."))
        }
        _ = try await ApplicationDesk(request: request).attach(kind, data: form.file.map { Data(buffer: $0.data) } ?? Data(),
                                                             name: form.file?.filename ?? "", to: record, by: principal)
    }

    /// A change made from the file's page: back to the page when it is done; when it is refused,
    /// the page again with the reason and the refusal's status (what was typed is in the form:
    /// `typed`, the stage change as sent, fills the bureau's checklist again).
    private func changeFromPage(_ request: Request, typed: TransitionInput? = nil,
                                _ change: (ApplicationRecord, Principal) async throws -> Void) async throws -> Response {
        let (record, principal) = try await ApplicationDesk.load(request)
        do {
            try await change(record, principal)
        } catch let problem as APIProblem {
            let response = try await renderStatus(request, record: record, principal: principal,
                                                  problem: problem.message.text(in: request.language), typed: typed).encodeResponse(for: request)
            response.status = problem.status
            return response
        }
        return request.redirect(to: SiteURL.application.path(try record.requireID().uuidString), redirectType: .normal)
    }

    static func step(of request: Request) throws -> ApplicationStep {
        guard let step = request.parameters.get("step").flatMap(ApplicationStep.init(rawValue:)) else { throw Abort(.notFound) }
        return step
    }

    // MARK: pages

    /// The applicant's way in: its file of the current batch, or the button to open one.
    @Sendable
    func entry(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        let batch = try request.domain.currentPolicy.id
        if let record = try await ApplicationRecord.query(on: request.db).filter(\.$applicantID == principal.userID)
            .filter(\.$batchID == batch).first() {
            return request.redirect(to: SiteURL.application.path(try record.requireID().uuidString))
        }
        return try await request.view.render("applications/start", StartPage(request: request)).encodeResponse(for: request)
    }

    /// Opens the file; after the window the start page answers again, with the reason and no button.
    @Sendable
    func create(_ request: Request) async throws -> Response {
        let record: ApplicationRecord
        do {
            record = try await ApplicationDesk(request: request).open(for: try request.requirePrincipal())
        } catch let problem as APIProblem {
            let response = try await request.view.render("applications/start", StartPage(request: request)).encodeResponse(for: request)
            response.status = problem.status
            return response
        }
        return request.redirect(to: SiteURL.applicationStep.path(try record.requireID().uuidString, ApplicationStep.personal.rawValue),
                                redirectType: .normal)
    }

    @Sendable
    func show(_ request: Request) async throws -> View {
        let (record, principal) = try await ApplicationDesk.load(request)
        return try await renderStatus(request, record: record, principal: principal, problem: nil)
    }

    /// A step of the form; after a refused save (`?refused=`) the same page with every problem
    /// beside its field and what was typed, answered with the refusal's status.
    @Sendable
    func step(_ request: Request) async throws -> Response {
        let (record, principal) = try await ApplicationDesk.load(request)
        guard record.applicantID == principal.userID else { throw Abort(.notFound) }
        let step = try Self.step(of: request)
        let page = SiteURL.applicationStep.path(try record.requireID().uuidString, step.rawValue)
        if let refusal = try await FormRefusals.take(request, page: page, as: StepInput.self) {
            let response = try await renderStep(request, record: record, step: step, input: refusal.input, problems: refusal.problems)
                .encodeResponse(for: request)
            response.status = refusal.httpStatus
            return response
        }
        return try await renderStep(request, record: record, step: step, input: nil, problems: []).encodeResponse(for: request)
    }

    /// Saves a step and goes on to the next one. A refusal goes back to the step's page
    /// (post/redirect/get), so reloading it does not post again.
    @Sendable
    func saveStep(_ request: Request) async throws -> Response {
        let (record, principal) = try await ApplicationDesk.load(request)
        let step = try Self.step(of: request)
        let input = try request.content.decode(StepInput.self)
        do {
            try await ApplicationDesk(request: request).save(step, input, to: record, by: principal)
        } catch let problem as APIProblem where problem.status.code < 500 {
            // A refusal of what was sent; a fault of the server (a file that cannot be read) is its error page.
            let problems = FieldProblem.all(of: problem)
            let page = SiteURL.applicationStep.path(try record.requireID().uuidString, step.rawValue)
            if let redirect = try await FormRefusals.redirect(request, to: page, status: problem.status, problems: problems, input: input) {
                return redirect
            }
            let response = try await renderStep(request, record: record, step: step, input: input, problems: problems)
                .encodeResponse(for: request)
            response.status = problem.status
            return response
        }
        let id = try record.requireID().uuidString
        let steps = ApplicationStep.allCases
        if let index = steps.firstIndex(of: step), index + 1 < steps.count {
            return request.redirect(to: SiteURL.applicationStep.path(id, steps[index + 1].rawValue), redirectType: .normal)
        }
        return request.redirect(to: SiteURL.application.path(id), redirectType: .normal)
    }

    @Sendable
    func transition(_ request: Request) async throws -> Response {
        let input = try request.content.decode(TransitionInput.self)
        if let event = input.event.flatMap(StageEvent.init(rawValue:)),
           let asking = try await Self.confirmation(before: event, input: input, request: request) {
            return asking
        }
        return try await changeFromPage(request, typed: input) { record, principal in
            guard let event = input.event.flatMap(StageEvent.init(rawValue:)) else { throw Abort(.badRequest) }
            _ = try await ApplicationDesk(request: request).transition(record, event: event, reason: input.reason,
                                                                     statement: try input.statement(for: event),
                                                                     idempotencyKey: input.idempotencyKey, by: principal)
        }
    }

    /// 申报公示: the employer records the publicity; the page shows the end and what it means.
    @Sendable
    func publicity(_ request: Request) async throws -> Response {
        try await changeFromPage(request) { record, principal in
            try await Self.recordPublicity(request, record: record, principal: principal)
        }
    }

    @Sendable
    func apiPublicity(_ request: Request) async throws -> ApplicationAnswer {
        let (record, principal) = try await ApplicationDesk.load(request)
        try await Self.recordPublicity(request, record: record, principal: principal)
        return try await answer(record, request: request)
    }

    static func recordPublicity(_ request: Request, record: ApplicationRecord, principal: Principal) async throws {
        let input = try request.content.decode(PublicityInput.self)
        _ = try await ApplicationDesk(request: request).recordPublicity(
            record, startsOn: input.startsOn, place: input.place, evidence: input.evidence.map { Data(buffer: $0.data) } ?? Data(),
            evidenceName: input.evidence?.filename ?? "", acceptsMissingBatch: isChecked(input.acceptsMissingBatch), by: principal)
    }

    /// 公示结果: the employer records how the publicity ended.
    @Sendable
    func publicityOutcome(_ request: Request) async throws -> Response {
        try await changeFromPage(request) { record, principal in
            _ = try await ApplicationDesk(request: request).recordPublicityOutcome(
                record, try request.content.decode(PublicityOutcomeInput.self), by: principal)
        }
    }

    @Sendable
    func apiPublicityOutcome(_ request: Request) async throws -> ApplicationAnswer {
        let (record, principal) = try await ApplicationDesk.load(request)
        let input: PublicityOutcomeInput
        do {
            input = try request.content.decode(PublicityOutcomeInput.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        _ = try await ApplicationDesk(request: request).recordPublicityOutcome(record, input, by: principal)
        return try await answer(record, request: request)
    }

    @Sendable
    func upload(_ request: Request) async throws -> Response {
        try await changeFromPage(request) { record, principal in
            try await Self.attach(request, to: record, by: principal)
        }
    }

    /// 单位审核: the files of the caller's unit (employer) or of the institutions it supervises,
    /// drafts left out — a draft is the applicant's own until it is submitted.
    @Sendable
    func unitApplications(_ request: Request) async throws -> View {
        let principal = try request.requirePrincipal()
        let records = try await Self.unitScoped(request, principal: principal)
        let applicants = try await UserRecord.query(on: request.db).filter(\.$id ~~ records.map(\.applicantID)).all()
        let names = Dictionary(applicants.compactMap { user in user.id.map { ($0, user.displayName) } }, uniquingKeysWith: { first, _ in first })
        return try await request.view.render("applications/unit", UnitApplicationsPage(request: request, records: records, names: names))
    }

    /// Files of the unit scope of an employer or a supervising department, past the draft.
    static func unitScoped(_ request: Request, principal: Principal) async throws -> [ApplicationRecord] {
        guard let own = principal.organisationID else { return [] }
        var units: [UUID] = []
        if principal.roles.contains(.employer) { units.append(own) }
        if principal.roles.contains(.supervisor) {
            units += try await OrganisationRecord.query(on: request.db).filter(\.$supervisingID == own).all().compactMap(\.id)
        }
        guard !units.isEmpty else { return [] }
        return try await ApplicationRecord.query(on: request.db).filter(\.$employerID ~~ units)
            .filter(\.$stage != Stage.draft.rawValue).sort(\.$submittedAt, .descending).limit(500).all()
    }

    /// The assessment form, ready to print on A4.
    @Sendable
    func form(_ request: Request) async throws -> Response {
        let (record, _) = try await ApplicationDesk.load(request)
        let bytes = try await ApplicationFormDocument.render(record, request: request)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"assessment-form.pdf\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }

    /// Removes an attachment from the file's page; a refusal (not the caller's upload, the stage
    /// closed) is said on the page.
    @Sendable
    func removeUpload(_ request: Request) async throws -> Response {
        guard let uploadID = request.parameters.get("uploadID", as: UUID.self) else { throw Abort(.notFound) }
        if let asking = try await Self.confirmation(beforeRemoving: uploadID, request: request) { return asking }
        return try await changeFromPage(request) { record, principal in
            try await ApplicationDesk(request: request).detach(uploadID, from: record, by: principal)
        }
    }

    @Sendable
    func apiUpload(_ request: Request) async throws -> Response {
        let (record, principal) = try await ApplicationDesk.load(request)
        try await Self.attach(request, to: record, by: principal)
        return try await answer(record, request: request).encodeResponse(status: .created, for: request)
    }

    /// 系统消息: every message, newest first; opening the page marks them read.
    @Sendable
    func messages(_ request: Request) async throws -> View {
        let principal = try request.requirePrincipal()
        let list = try await MessageRecord.query(on: request.db).filter(\.$userID == principal.userID)
            .sort(\.$createdAt, .descending).limit(200).all()
        try await MessageRecord.query(on: request.db).filter(\.$userID == principal.userID).filter(\.$readAt == nil)
            .set(\.$readAt, to: request.domain.clock.now()).update()
        return try await request.view.render("applications/messages", MessagesPage(request: request, messages: list))
    }

    private func renderStatus(_ request: Request, record: ApplicationRecord, principal: Principal, problem: String?,
                              typed: TransitionInput? = nil) async throws -> View {
        let desk = ApplicationDesk(request: request)
        let id = try record.requireID()
        let report = try await desk.report(of: record)
        let uploads = try await ApplicationUploadRecord.query(on: request.db).filter(\.$applicationID == id).sort(\.$createdAt).all()
        let policy = try desk.policy(of: record)
        let reviews = try await ReviewRecord.query(on: request.db).filter(\.$applicationID == id).sort(\.$createdAt).all()
        let publicity = try await PublicityRecord.query(on: request.db).filter(\.$applicationID == id).first()
        let uploaded = Set(uploads.compactMap { UploadKind(rawValue: $0.kind) })
        let panel = UnitReviewPanel(request: request, record: record, policy: policy, principal: principal, reviews: reviews,
                                    publicity: publicity, uploaded: uploaded)
        let acceptance = AcceptancePanel(
            request: request, record: record, principal: principal,
            items: AcceptanceChecklist.items(report: report, uploaded: uploaded, summaryZi: try record.content.summaryCount.zi, policy: policy),
            acceptance: try await AcceptanceRecord.query(on: request.db).filter(\.$applicationID == id).first(),
            supplement: try await SupplementRecord.query(on: request.db).filter(\.$applicationID == id).first(),
            schedule: try await PaperScheduleRecord.query(on: request.db).filter(\.$batchID == record.batchID).first(),
            typed: typed)
        let file = try await FileView.load(request: request, record: record, principal: principal, uploads: uploads, publicity: publicity)
        let page = try ApplicationStatusPage(request: request, record: record, policy: policy,
                                             principal: principal, actors: try await desk.transitionActors(of: principal, on: record),
                                             report: report, file: file, review: panel, acceptance: acceptance,
                                             deadline: SubmissionDeadline(record: record, plan: PublicityPlan(policy: policy, calendar: request.domain.calendar),
                                                                          employerKind: try await desk.employerKind(of: record), now: request.domain.clock.now()),
                                             problem: problem, lastReturn: Self.lastReturn(reviews, of: record))
        return try await request.view.render("applications/show", page)
    }

    /// The return that brought the file to where it is now (the employer's return, or the
    /// supervising department's refusal), while it is still there: its reason goes beside the stage.
    static func lastReturn(_ reviews: [ReviewRecord], of record: ApplicationRecord) -> ReviewRecord? {
        guard let last = reviews.last(where: { $0.toStage == record.stage }),
              [StageEvent.returnToApplicant.rawValue, StageEvent.refusePost.rawValue].contains(last.event) else { return nil }
        return last
    }

    private func renderStep(_ request: Request, record: ApplicationRecord, step: ApplicationStep, input: StepInput?,
                            problems: [FieldProblem]) async throws -> View {
        let desk = ApplicationDesk(request: request)
        let employers = try await OrganisationRecord.employerChoices(on: request.db)
        let verifications = try await VerificationRecord.query(on: request.db).filter(\.$applicantID == record.applicantID)
            .filter(\.$status == VerificationStatus.passed.rawValue).all()
        let policy = try desk.policy(of: record)
        var targets: [StepPage.TargetOption] = []
        if step == .target {
            // The file's profile is read once; each title on offer is judged by changing only the
            // target, with the attestations given: they are ticked on this same page, with the title.
            let titles = TitleSeries.allCases.flatMap { series in TitleLevel.allCases.map { ApplicantProfile.Title(series: series, level: $0) } }
            let base = try await desk.profile(of: record, target: titles[0])
            let engine = EligibilityEngine(policy: policy)
            // After a refused save the title that was sent stays chosen.
            let sent = input.flatMap { typed -> ApplicantProfile.Title? in
                let pair = typed.targetSeriesLevel?.split(separator: ".").map(String.init)
                guard let series = (typed.targetSeries ?? pair?.first).flatMap(TitleSeries.init(rawValue:)),
                      let level = (typed.targetLevel ?? pair?.last).flatMap(TitleLevel.init(rawValue:)) else { return nil }
                return ApplicantProfile.Title(series: series, level: level)
            }
            let chosen = try input == nil ? record.content.target : sent
            targets = titles.map { title in
                let report = base.map { profile -> EligibilityReport in
                    var candidate = profile
                    candidate.target = title
                    candidate.attestations = ApplicationDesk.attested
                    return engine.evaluate(candidate)
                }
                return StepPage.TargetOption(title: title, report: report,
                                             committee: policy.committeeLevels.levels.contains(title.level),
                                             language: request.language, selected: chosen == title)
            }
        }
        // Step 1 of a new file starts from what the applicant's account already holds.
        var account: UserRecord?
        if step == .personal { account = try await UserRecord.find(record.applicantID, on: request.db) }
        let page = try StepPage(request: request, record: record, policy: policy, step: step, input: input, problems: problems,
                                employers: employers, verifications: verifications, targets: targets, account: account)
        return try await request.view.render("applications/step", page)
    }

    // MARK: API

    struct ApplicationAnswer: Content {
        let id: UUID
        let batch: String
        let stage: Stage
        let version: Int
        let employerID: UUID?
        let verificationID: UUID?
        let content: ApplicationContent
        let summaryZi: Int
        let submittedAt: Date?
        let eligibility: EligibilityAPIController.ReportBody?
        let next: LocalizedText?
        /// For a draft: the last useful day to submit to the employer (its publicity can still
        /// end inside the window when submitted by then).
        let submitBy: LocalDate?
        /// A file submitted after that day: it went to the employer, but will most likely miss the batch.
        let warning: LocalizedText?
        let uploads: [Upload]
        /// 申报公示, once the employer recorded it.
        let publicity: Publicity?
        /// What reporting still needs, while the file is publicised.
        let reporting: [ReportingItem]?
        /// Set once the window closed on a file not reported: it cannot take part any more.
        let closedForBatch: LocalizedText?
        let history: [HistoryEntry]
        /// 受理号, once accepted, and when to bring the printed files.
        let acceptanceNumber: String?
        let paperFiles: LocalizedText?
        let paperReceivedAt: Date?
        /// The open supplement request: the items to correct and the due day.
        let supplement: Supplement?
        /// The applicant's ID number, whole or masked as the caller may see it (`ShownIdentityNumber`).
        var idNumber: String?
        /// True when `idNumber` is masked for the caller.
        var idNumberMasked: Bool?

        struct Supplement: Content {
            let items: [AcceptanceDecision.Entry]
            let dueOn: String
            let resubmittedAt: Date?
        }

        struct Upload: Content {
            let id: UUID
            let kind: String
            let file: String
        }

        struct Publicity: Content {
            let startsOn: String
            let endsOn: String
            let place: String
            let evidence: String
            let fitsWindow: Bool
            let message: LocalizedText
            /// 公示结果, once the employer recorded it.
            let outcome: PublicityOutcome?
        }

        struct ReportingItem: Content {
            let id: String
            let label: LocalizedText
            let met: Bool
        }

        struct HistoryEntry: Content {
            let event: String
            let from: Stage?
            let to: Stage?
            let by: String
            let at: Date
            let reason: String?
            let opinion: UnitOpinion?
            let post: PostConfirmation?
            let checklist: AcceptanceDecision?
        }

        init(_ record: ApplicationRecord, report: EligibilityReport?, policy: BatchPolicy, plan: PublicityPlan,
             employerKind: ApplicantProfile.EmployerKind?, uploads: [ApplicationUploadRecord],
             publicity posted: PublicityRecord?, assessment: PublicityPlan.Assessment?, reviews: [ReviewRecord], now: Date,
             acceptance: AcceptanceRecord?, schedule: PaperScheduleRecord?, supplement: SupplementRecord?) throws {
            acceptanceNumber = acceptance?.number
            paperFiles = acceptance == nil ? nil : schedule?.text
            paperReceivedAt = acceptance?.paperReceivedAt
            self.supplement = supplement.map { Supplement(items: $0.items, dueOn: $0.dueOn, resubmittedAt: $0.resubmittedAt) }
            id = try record.requireID()
            batch = record.batchID
            stage = record.currentStage
            version = record.version
            employerID = record.employerID
            verificationID = record.verificationID
            let stored = try record.content
            content = stored
            summaryZi = stored.summaryCount.zi
            submittedAt = record.submittedAt
            eligibility = report.map(EligibilityAPIController.ReportBody.init)
            let deadline = SubmissionDeadline(record: record, plan: plan, employerKind: employerKind, now: now)
            submitBy = deadline.submitBy
            warning = deadline.warning
            next = NextStep.after(record.currentStage, policy: policy, submitBy: deadline.submitBy)
            self.uploads = try uploads.map { Upload(id: try $0.requireID(), kind: $0.kind, file: SiteURL.file.path($0.fileID.uuidString)) }
            if let posted, let assessment {
                publicity = Publicity(startsOn: posted.startsOn, endsOn: posted.endsOn, place: posted.place,
                                      evidence: SiteURL.file.path(posted.evidenceFileID.uuidString), fitsWindow: assessment.fitsWindow,
                                      message: assessment.message, outcome: posted.outcome)
            } else {
                publicity = nil
            }
            let uploaded = Set(uploads.compactMap { UploadKind(rawValue: $0.kind) })
            reporting = record.currentStage == .unitPublicity
                ? ReportingChecklist(publicityEnds: posted?.endDay, outcome: posted?.outcome, uploaded: uploaded, now: now, policy: policy).items
                    .map { ReportingItem(id: $0.id, label: $0.label, met: $0.met) }
                : nil
            closedForBatch = ReportingChecklist.closedOut(record.currentStage, now: now, policy: policy)
            history = reviews.map { review in
                var opinion: UnitOpinion?, post: PostConfirmation?, checklist: AcceptanceDecision?
                switch review.detail {
                case .opinion(let value)?: opinion = value
                case .post(let value)?: post = value
                case .checklist(let value)?: checklist = value
                case nil: break
                }
                return HistoryEntry(event: review.event, from: Stage(rawValue: review.fromStage), to: Stage(rawValue: review.toStage),
                                    by: review.actorName, at: review.createdAt, reason: review.reason, opinion: opinion, post: post,
                                    checklist: checklist)
            }
        }
    }

    func answer(_ record: ApplicationRecord, request: Request) async throws -> ApplicationAnswer {
        try await AnswerContext.load(for: [record], on: request.db).answer(record, app: request.application,
                                                                           viewer: try request.requirePrincipal().actor)
    }

    @Sendable
    func apiList(_ request: Request) async throws -> [ApplicationAnswer] {
        let principal = try request.requirePrincipal()
        let query = ApplicationRecord.query(on: request.db).sort(\.$createdAt, .descending)
        // As `RecordAccess.mayView`: one's own files, and others' only once first submitted.
        if RecordAccess.seesAllUnits(principal.actor) {
            query.group(.or) { group in
                group.filter(\.$applicantID == principal.userID)
                group.filter(\.$submittedAt != nil)
            }
        } else {
            var units: [UUID] = []
            if let own = principal.organisationID {
                if principal.roles.contains(.employer) { units.append(own) }
                if principal.roles.contains(.supervisor) {
                    units += try await OrganisationRecord.query(on: request.db).filter(\.$supervisingID == own).all().compactMap(\.id)
                }
            }
            query.group(.or) { group in
                group.filter(\.$applicantID == principal.userID)
                if !units.isEmpty {
                    group.group(.and) { unit in
                        unit.filter(\.$employerID ~~ units).filter(\.$submittedAt != nil)
                    }
                }
            }
        }
        let records = try await query.limit(500).all()
        let context = try await AnswerContext.load(for: records, on: request.db)
        return try records.map { try context.answer($0, app: request.application, viewer: principal.actor) }
    }

    @Sendable
    func apiCreate(_ request: Request) async throws -> Response {
        let record = try await ApplicationDesk(request: request).open(for: try request.requirePrincipal())
        return try await answer(record, request: request).encodeResponse(status: .created, for: request)
    }

    @Sendable
    func apiShow(_ request: Request) async throws -> ApplicationAnswer {
        try await answer(try await ApplicationDesk.load(request).0, request: request)
    }

    @Sendable
    func apiSaveStep(_ request: Request) async throws -> ApplicationAnswer {
        let (record, principal) = try await ApplicationDesk.load(request)
        let input: StepInput
        do {
            input = try request.content.decode(StepInput.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        try await ApplicationDesk(request: request).save(try Self.step(of: request), input, to: record, by: principal)
        return try await answer(record, request: request)
    }

    @Sendable
    func apiTransition(_ request: Request) async throws -> ApplicationAnswer {
        let (record, principal) = try await ApplicationDesk.load(request)
        let input: TransitionInput
        do {
            input = try request.content.decode(TransitionInput.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        guard let event = input.event.flatMap(StageEvent.init(rawValue:)) else {
            throw APIProblem.badInput(code: "event_unknown", field: "event", LocalizedText(
                zh: "未知的操作。", en: "Unknown event; use one of \(StageEvent.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        let key = request.headers.first(name: "Idempotency-Key") ?? input.idempotencyKey
        _ = try await ApplicationDesk(request: request).transition(record, event: event, reason: input.reason,
                                                                 statement: try input.statement(for: event),
                                                                 idempotencyKey: key, by: principal)
        guard let fresh = try await ApplicationRecord.find(record.id, on: request.db) else { throw Abort(.notFound) }
        return try await answer(fresh, request: request)
    }

    struct MessageAnswer: Content {
        let id: UUID
        let applicationID: UUID?
        let title: LocalizedText
        let body: LocalizedText
        let createdAt: Date
        let read: Bool
    }

    @Sendable
    func apiMessages(_ request: Request) async throws -> [MessageAnswer] {
        let principal = try request.requirePrincipal()
        return try await MessageRecord.query(on: request.db).filter(\.$userID == principal.userID)
            .sort(\.$createdAt, .descending).limit(200).all().map {
                MessageAnswer(id: try $0.requireID(), applicationID: $0.applicationID,
                              title: LocalizedText(zh: $0.titleZh, en: $0.titleEn), body: LocalizedText(zh: $0.bodyZh, en: $0.bodyEn),
                              createdAt: $0.createdAt, read: $0.readAt != nil)
            }
    }
}
