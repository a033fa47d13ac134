import Foundation

/// What the guards of the transition table look at: facts of the file, set by the caller
/// from its records, and the instant of the request.
public struct TransitionFacts: Sendable {
    public var now: Date
    public var employerKind: ApplicantProfile.EmployerKind
    /// The written reason of the event, when it needs one.
    public var reason: String?
    /// The level of the title the file applies for; nil while the target step is not done.
    public var targetLevel: TitleLevel?
    /// The eligibility report has a failed clause.
    public var eligibilityFails: Bool
    /// 字 of the work summary, counted by `ZiCount`.
    public var summaryZi: Int
    /// Last day of the unit publicity, once it has been started.
    public var publicityEnds: LocalDate?
    /// The employer has recorded how the publicity ended (objections or none).
    public var publicityOutcomeRecorded: Bool
    /// Of the signed commitment and the stamped unit opinion, those not yet uploaded.
    public var missingMaterials: [UploadKind]
    /// Of the proofs of degree, work and certificate, those not yet uploaded.
    public var missingProofs: [UploadKind]
    /// Supplement requests made so far on this file.
    public var supplementsRequested: Int
    /// The due day of the open (or requested) supplement.
    public var supplementDue: LocalDate?
    /// The committee's tally passed (recorded by the secretary).
    public var votePassed: Bool?
    /// Last day of the result publicity, once started.
    public var resultPublicityEnds: LocalDate?
    /// Objections raised and not yet settled.
    public var openObjections: Int
    /// The bureau has recorded the printed files as received (by acceptance number).
    public var paperReceived: Bool

    public init(now: Date, employerKind: ApplicantProfile.EmployerKind, reason: String? = nil, targetLevel: TitleLevel?,
                eligibilityFails: Bool = false, summaryZi: Int = 0, publicityEnds: LocalDate? = nil,
                publicityOutcomeRecorded: Bool = false, missingMaterials: [UploadKind] = ReportingChecklist.requiredUploads,
                missingProofs: [UploadKind] = SubmissionProofs.required,
                supplementsRequested: Int = 0, supplementDue: LocalDate? = nil, votePassed: Bool? = nil,
                resultPublicityEnds: LocalDate? = nil, openObjections: Int = 0, paperReceived: Bool = false) {
        self.now = now
        self.employerKind = employerKind
        self.reason = reason
        self.targetLevel = targetLevel
        self.eligibilityFails = eligibilityFails
        self.summaryZi = summaryZi
        self.publicityEnds = publicityEnds
        self.publicityOutcomeRecorded = publicityOutcomeRecorded
        self.missingMaterials = missingMaterials
        self.missingProofs = missingProofs
        self.supplementsRequested = supplementsRequested
        self.supplementDue = supplementDue
        self.votePassed = votePassed
        self.resultPublicityEnds = resultPublicityEnds
        self.openObjections = openObjections
        self.paperReceived = paperReceived
    }

    public var today: LocalDate { ShanghaiTime.date(of: now) }
}

/// Why a transition is refused, with the clause it rests on.
public struct TransitionRefusal: Error, Sendable, Equatable {
    public enum Code: String, Sendable {
        case noSuchTransition, notYourRole, outsideWindow, notEligible, summaryTooShort, reasonRequired
        case notCommitteeLevel, publicityNotEnded, publicityOutcomeMissing, materialsMissing, proofsMissing, supplementAlreadyUsed
        case supplementDueMissing, supplementOverdue
        case supplementNotOverdue, voteNotRecorded, resultPublicityOpen, paperNotReceived
    }

    public let code: Code
    public let message: LocalizedText
    public let citation: String?
}

/// One row: from a stage, an event leads to a stage, for these actors, when the guard holds.
public struct Transition: Sendable {
    public let from: Stage
    public let event: StageEvent
    public let to: Stage
    public let actors: Set<TransitionActor>
    let guardCheck: @Sendable (TransitionFacts, BatchPolicy) -> TransitionRefusal?
}

/// The procedure of 四 as one table. Nothing else changes a file's stage: controllers ask
/// `decide` and write what it answers (with an audit row).
public enum TransitionTable {
    public static func decide(from stage: Stage, event: StageEvent, by actor: TransitionActor,
                              facts: TransitionFacts, policy: BatchPolicy) -> Result<Stage, TransitionRefusal> {
        let candidates = rows.filter { $0.from == stage && $0.event == event }
        guard !candidates.isEmpty else {
            return .failure(TransitionRefusal(code: .noSuchTransition, message: LocalizedText(
                zh: "当前阶段（\(stage.name.zh)）不能进行此操作。", en: "This cannot be done while the file is “\(stage.name.en)”."),
                citation: nil))
        }
        guard candidates.contains(where: { $0.actors.contains(actor) }) else {
            return .failure(TransitionRefusal(code: .notYourRole, message: LocalizedText(
                zh: "您的角色不能进行此操作。", en: "Your role cannot do this."), citation: nil))
        }
        var firstRefusal: TransitionRefusal?
        for row in candidates where row.actors.contains(actor) {
            if let refusal = row.guardCheck(facts, policy) {
                firstRefusal = firstRefusal ?? refusal
            } else {
                return .success(row.to)
            }
        }
        return .failure(firstRefusal ?? TransitionRefusal(code: .noSuchTransition, message: LocalizedText(
            zh: "不能进行此操作。", en: "This cannot be done."), citation: nil))
    }

    /// The events an actor may try from a stage (for the buttons a page offers).
    public static func events(from stage: Stage, by actor: TransitionActor) -> [StageEvent] {
        var seen = Set<StageEvent>()
        return rows.filter { $0.from == stage && $0.actors.contains(actor) }.compactMap { seen.insert($0.event).inserted ? $0.event : nil }
    }

    // MARK: guards

    typealias Guard = @Sendable (TransitionFacts, BatchPolicy) -> TransitionRefusal?

    static let none: Guard = { _, _ in nil }

    /// 四(四): within the window, Asia/Shanghai — open from 00:00 of the first day, closed from
    /// 00:00 after the last day.
    static let insideWindow: Guard = { facts, policy in
        let opens = policy.dates.submissionOpens, closes = policy.dates.submissionCloses
        guard facts.now >= ShanghaiTime.startOfDay(opens.value), facts.now < ShanghaiTime.endOfDay(closes.value) else {
            return TransitionRefusal(code: .outsideWindow, message: LocalizedText(
                zh: "本批次申报材料须于\(DateText.range(opens.value, closes.value, in: .zh))（北京时间）完成上报，现不在此期间。",
                en: "Files of this batch are reported (上报) from \(DateText.range(opens.value, closes.value, in: .en)) (Beijing time); this is outside that period."),
                citation: closes.citation)
        }
        return nil
    }

    static func reason(_ event: String) -> Guard {
        { facts, _ in
            guard let reason = facts.reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return TransitionRefusal(code: .reasonRequired, message: LocalizedText(
                    zh: "请写明\(event)的理由。", en: "Give the reason for this."), citation: nil)
            }
            return nil
        }
    }

    static func all(_ guards: Guard...) -> Guard {
        { facts, policy in guards.lazy.compactMap { $0(facts, policy) }.first }
    }

    static let eligible: Guard = { facts, _ in
        facts.eligibilityFails ? TransitionRefusal(code: .notEligible, message: LocalizedText(
            zh: "资格条件有未满足的项目，不能提交。", en: "A condition of eligibility is not met, so the file cannot be submitted."),
            citation: "三") : nil
    }

    /// 四(五) "符合申报条件、材料齐全的，予以受理": a file whose current report fails a clause
    /// is not accepted, whatever the verdicts on the checklist say.
    static let eligibleToAccept: Guard = { facts, _ in
        facts.eligibilityFails ? TransitionRefusal(code: .notEligible, message: LocalizedText(
            zh: "资格条件有未满足的项目，不能予以受理；请告知补正或不予受理。",
            en: "A condition of eligibility is not met, so the file cannot be accepted; ask for supplements or do not accept it."),
            citation: "四(五)") : nil
    }

    /// 四: "初级职称由用人单位……开展相应的聘任工作"; only 中级 and 副高级 follow the procedure
    /// of 四(一)–(八). A junior target is pointed to the employer's appointment instead.
    static let committeeLevel: Guard = { facts, policy in
        let levels = policy.committeeLevels
        guard let level = facts.targetLevel, levels.levels.contains(level) else {
            return TransitionRefusal(code: .notCommitteeLevel, message: LocalizedText(
                zh: "初级职称由用人单位按规定聘任（填写《专业技术职务聘任表》），不经认定委员会考核认定；本系统只受理中级、副高级职称的申报。",
                en: "Junior titles are appointed by the employer (with the appointment form), not recognised by the committee; only intermediate and associate senior titles are applied for here."),
                citation: levels.citation)
        }
        return nil
    }

    /// 四(四): the unit publicity has an outcome before the file leaves the unit — no
    /// objection, or the objections received, what was found and what was decided.
    static let publicityOutcomeRecorded: Guard = { facts, policy in
        facts.publicityOutcomeRecorded ? nil : TransitionRefusal(code: .publicityOutcomeMissing, message: LocalizedText(
            zh: "所在单位尚未登记公示结果（有无异议及处理情况）。",
            en: "The employer has not yet recorded how the publicity ended (objections, if any, and how they were settled)."),
            citation: policy.thresholds.unitPublicityWorkingDays.citation)
    }

    static let summaryLongEnough: Guard = { facts, policy in
        let minimum = policy.thresholds.workSummaryMinimumZi
        return facts.summaryZi >= minimum.value ? nil : TransitionRefusal(code: .summaryTooShort, message: LocalizedText(
            zh: "专业技术工作总结不少于\(minimum.value)字，现为\(facts.summaryZi)字。",
            en: "The work summary needs at least \(minimum.value) characters (字); it has \(facts.summaryZi)."), citation: minimum.citation)
    }

    /// 四(三): the publicity must have run its full length before the file is reported. The
    /// last publicity day counts as done on that day — the reading that makes the batch's
    /// latest start (a publicity ending on the window's last day) reportable in time.
    static let publicityEnded: Guard = { facts, policy in
        guard let ends = facts.publicityEnds, facts.today >= ends else {
            return TransitionRefusal(code: .publicityNotEnded, message: LocalizedText(
                zh: facts.publicityEnds.map { "单位公示至\(DateText.long($0, in: .zh))结束，结束前不能上报。" } ?? "单位尚未开始公示。",
                en: facts.publicityEnds.map { "The unit publicity ends on \(DateText.long($0, in: .en)); the file can be reported from then." }
                    ?? "The unit has not started the publicity."),
                citation: policy.thresholds.unitPublicityWorkingDays.citation)
        }
        return nil
    }

    static let materialsComplete: Guard = { facts, _ in
        let missing = facts.missingMaterials
        return missing.isEmpty ? nil : TransitionRefusal(code: .materialsMissing, message: LocalizedText(
            zh: "尚未上传：\(missing.map(\.name.zh).joined(separator: "、"))。", en: "Still to upload: \(missing.map(\.name.en).joined(separator: ", "))."),
            citation: "四(四)")
    }

    /// 四(三) "用人单位对申报材料……进行严格审核": the employer reviews the proofs, so they are
    /// attached before the file goes to it. Reading: the proofs the bureau checks for 材料齐全
    /// (四(五)) are asked for at submission, not discovered missing at acceptance — after
    /// submission the applicant can no longer add them without a supplement.
    static let proofsAttached: Guard = { facts, _ in
        let missing = facts.missingProofs
        return missing.isEmpty ? nil : TransitionRefusal(code: .proofsMissing, message: LocalizedText(
            zh: "提交前请上传：\(missing.map(\.name.zh).joined(separator: "、"))。",
            en: "Upload before submitting: \(missing.map(\.name.en).joined(separator: ", "))."),
            citation: "四(三)")
    }

    /// 四(五): supplements are asked for once, all at once, with a due day.
    static let firstSupplement: Guard = { facts, _ in
        if facts.supplementsRequested > 0 {
            return TransitionRefusal(code: .supplementAlreadyUsed, message: LocalizedText(
                zh: "补正只能要求一次，本件已要求过。", en: "Supplements can be asked for once only; this file has had its request."), citation: "四(五)")
        }
        guard let due = facts.supplementDue, due > facts.today else {
            return TransitionRefusal(code: .supplementDueMissing, message: LocalizedText(
                zh: "请设定晚于今天的补正截止日。", en: "Set a due day after today for the supplement."), citation: "四(五)")
        }
        return nil
    }

    static let supplementInTime: Guard = { facts, _ in
        guard let due = facts.supplementDue, facts.today <= due else {
            return TransitionRefusal(code: .supplementOverdue, message: LocalizedText(
                zh: "补正期限已过，视为放弃申报。", en: "The supplement was due earlier; the application counts as withdrawn."), citation: "四(五)")
        }
        return nil
    }

    static let supplementLate: Guard = { facts, _ in
        guard let due = facts.supplementDue, facts.today > due else {
            return TransitionRefusal(code: .supplementNotOverdue, message: LocalizedText(
                zh: "补正期限未到。", en: "The supplement is not yet due."), citation: "四(五)")
        }
        return nil
    }

    /// The interview judges the file as printed and signed: it is scheduled only once the bureau
    /// holds the paper file (四(五): 受理后报送纸质材料).
    static let paperReceived: Guard = { facts, _ in
        facts.paperReceived ? nil : TransitionRefusal(code: .paperNotReceived, message: LocalizedText(
            zh: "尚未收到该申报人的纸质材料，不能安排面谈答辩。",
            en: "The printed files have not been received; the interview cannot be scheduled yet."), citation: "四(五)")
    }

    static func vote(_ passed: Bool) -> Guard {
        { facts, _ in
            facts.votePassed == passed ? nil : TransitionRefusal(code: .voteNotRecorded, message: LocalizedText(
                zh: "表决结果与此操作不符。", en: "The recorded vote does not lead here."), citation: nil)
        }
    }

    static let resultPublicityOver: Guard = { facts, _ in
        guard let ends = facts.resultPublicityEnds, facts.today > ends, facts.openObjections == 0 else {
            return TransitionRefusal(code: .resultPublicityOpen, message: LocalizedText(
                zh: "结果公示尚未结束，或仍有未处理的异议。", en: "The result publicity has not ended, or an objection is still open."), citation: nil)
        }
        return nil
    }

    static func employer(_ kind: ApplicantProfile.EmployerKind) -> Guard {
        { facts, _ in facts.employerKind == kind ? nil : TransitionRefusal(code: .noSuchTransition, message: LocalizedText(
            zh: "单位性质不符。", en: "The employer is of another kind."), citation: nil) }
    }

    // MARK: the table

    static let applicant: Set<TransitionActor> = [.role(.applicant)]
    static let employerRole: Set<TransitionActor> = [.role(.employer)]
    static let bureau: Set<TransitionActor> = [.role(.bureau)]
    static let secretary: Set<TransitionActor> = [.role(.secretary)]

    public static let rows: [Transition] = [
        Transition(from: .draft, event: .submit, to: .employerReview, actors: applicant,
                   guardCheck: all(committeeLevel, insideWindow, eligible, summaryLongEnough, proofsAttached)),
        Transition(from: .employerReview, event: .returnToApplicant, to: .draft, actors: employerRole, guardCheck: reason("退回")),
        // 事业单位 go through their supervising department; enterprises go straight to publicity.
        Transition(from: .employerReview, event: .approve, to: .supervisorReview, actors: employerRole,
                   guardCheck: employer(.publicInstitution)),
        Transition(from: .employerReview, event: .approve, to: .unitPublicity, actors: employerRole, guardCheck: employer(.enterprise)),
        Transition(from: .supervisorReview, event: .confirmPost, to: .unitPublicity, actors: [.role(.supervisor)], guardCheck: none),
        Transition(from: .supervisorReview, event: .refusePost, to: .draft, actors: [.role(.supervisor)], guardCheck: reason("不同意")),
        // An objection upheld during the publicity sends the file back with the unit's reason.
        Transition(from: .unitPublicity, event: .returnToApplicant, to: .draft, actors: employerRole, guardCheck: reason("退回")),
        Transition(from: .unitPublicity, event: .report, to: .reported, actors: applicant,
                   guardCheck: all(insideWindow, publicityEnded, materialsComplete, publicityOutcomeRecorded)),
        Transition(from: .reported, event: .requestSupplement, to: .supplementRequested, actors: bureau, guardCheck: firstSupplement),
        Transition(from: .supplementRequested, event: .resubmit, to: .reported, actors: applicant, guardCheck: supplementInTime),
        Transition(from: .supplementRequested, event: .supplementOverdue, to: .withdrawn, actors: [.system], guardCheck: supplementLate),
        Transition(from: .reported, event: .accept, to: .accepted, actors: bureau, guardCheck: all(committeeLevel, eligibleToAccept)),
        Transition(from: .reported, event: .notAccept, to: .notAccepted, actors: bureau, guardCheck: reason("不予受理")),
        Transition(from: .accepted, event: .scheduleInterview, to: .interviewScheduled, actors: secretary, guardCheck: paperReceived),
        Transition(from: .interviewScheduled, event: .recordInterview, to: .interviewed, actors: secretary, guardCheck: none),
        Transition(from: .interviewed, event: .recordPass, to: .resultPublicity, actors: secretary, guardCheck: vote(true)),
        Transition(from: .interviewed, event: .recordFail, to: .notRecognised, actors: secretary, guardCheck: vote(false)),
        Transition(from: .resultPublicity, event: .certify, to: .certified, actors: bureau, guardCheck: resultPublicityOver),
        Transition(from: .resultPublicity, event: .upholdObjection, to: .notRecognised, actors: bureau, guardCheck: reason("异议成立")),
        Transition(from: .certified, event: .revoke, to: .revoked, actors: bureau, guardCheck: reason("撤销")),
    ] + [Stage.draft, .employerReview, .supervisorReview, .unitPublicity, .reported, .supplementRequested].map {
        // Before acceptance the applicant may withdraw; after it the file is frozen.
        Transition(from: $0, event: .withdraw, to: .withdrawn, actors: applicant, guardCheck: none)
    }
}
