/// 办理阶段 — where an application file stands in the procedure of 四.
///
/// The design's separate `acceptanceReview` is `reported` here: a reported file *is* in the
/// bureau's review queue, and no rule or actor sits between the two. `voted` folds into the
/// outcome of recording the vote (`resultPublicity` or `notRecognised`).
public enum Stage: String, Codable, Sendable, CaseIterable {
    /// 填报中 — the applicant fills it in (and again after a return).
    case draft
    /// 单位审核 — with the employer.
    case employerReview
    /// 主管部门审核 — with the supervising department (public institutions only).
    case supervisorReview
    /// 单位公示 — publicised in the unit (≥ 5 working days), then reported.
    case unitPublicity
    /// 已上报 — with the bureau and the industry authority for acceptance review.
    case reported
    /// 待补正 — the one supplement request is open.
    case supplementRequested
    /// 已受理 — accepted with an acceptance number; frozen from here on.
    case accepted
    /// 不予受理.
    case notAccepted
    /// 已撤回 / 视为放弃.
    case withdrawn
    /// 已安排面谈答辩.
    case interviewScheduled
    /// 已面谈.
    case interviewed
    /// 结果公示.
    case resultPublicity
    /// 未通过认定.
    case notRecognised
    /// 已发证.
    case certified
    /// 已撤销.
    case revoked

    /// No event leads anywhere from here (a certificate can still be revoked).
    public var isFinal: Bool {
        switch self {
        case .notAccepted, .withdrawn, .notRecognised, .revoked: true
        default: false
        }
    }

    /// 受理后 the file is read-only for everyone (四(五)).
    public var isFrozen: Bool {
        switch self {
        case .draft, .employerReview, .supervisorReview, .unitPublicity, .reported, .supplementRequested, .notAccepted, .withdrawn: false
        case .accepted, .interviewScheduled, .interviewed, .resultPublicity, .notRecognised, .certified, .revoked: true
        }
    }

    public var name: LocalizedText {
        switch self {
        case .draft: LocalizedText(zh: "填报中", en: "Being filled in")
        case .employerReview: LocalizedText(zh: "单位审核中", en: "With the employer")
        case .supervisorReview: LocalizedText(zh: "主管部门审核中", en: "With the supervising department")
        case .unitPublicity: LocalizedText(zh: "单位公示", en: "Publicity in the unit")
        case .reported: LocalizedText(zh: "已上报，受理审核中", en: "Reported; acceptance review")
        case .supplementRequested: LocalizedText(zh: "待补正", en: "Supplement requested")
        case .accepted: LocalizedText(zh: "已受理", en: "Accepted")
        case .notAccepted: LocalizedText(zh: "不予受理", en: "Not accepted")
        case .withdrawn: LocalizedText(zh: "已撤回（视为放弃）", en: "Withdrawn")
        case .interviewScheduled: LocalizedText(zh: "已安排面谈答辩", en: "Interview scheduled")
        case .interviewed: LocalizedText(zh: "已面谈答辩", en: "Interviewed")
        case .resultPublicity: LocalizedText(zh: "结果公示中", en: "Result publicity")
        case .notRecognised: LocalizedText(zh: "未通过认定", en: "Not recognised")
        case .certified: LocalizedText(zh: "已认定发证", en: "Recognised, certificate issued")
        case .revoked: LocalizedText(zh: "已撤销", en: "Revoked")
        }
    }
}

/// What moves a file from one stage to the next.
public enum StageEvent: String, Codable, Sendable, CaseIterable {
    case submit, returnToApplicant, approve, confirmPost, refusePost, report
    case requestSupplement, resubmit, supplementOverdue, accept, notAccept, withdraw
    case scheduleInterview, recordInterview, recordPass, recordFail, certify, upholdObjection, revoke
}

/// Who causes an event: a person in a role, or the system's scheduled jobs.
public enum TransitionActor: Sendable, Hashable {
    case role(Role)
    case system
}

extension Stage {
    /// The step of the procedure's timeline (`ProcedureTimeline`) a file in this stage is at;
    /// nil once the application has ended without a title.
    public var timelineStepID: String? {
        switch self {
        case .draft: "online-application"
        case .employerReview, .supervisorReview: "unit-review"
        case .unitPublicity: "unit-publicity"
        case .reported, .supplementRequested: "acceptance-review"
        case .accepted, .interviewScheduled, .interviewed: "interview"
        case .resultPublicity: "result-publicity"
        case .certified, .revoked: "certificate"
        case .notAccepted, .withdrawn, .notRecognised: nil
        }
    }
}

extension StageEvent {
    /// The button a page shows for the event.
    public var name: LocalizedText {
        switch self {
        case .submit: LocalizedText(zh: "提交单位审核", en: "Submit to the employer")
        case .returnToApplicant: LocalizedText(zh: "退回申报人修改", en: "Return to the applicant")
        case .approve: LocalizedText(zh: "核实同意", en: "Approve")
        case .confirmPost: LocalizedText(zh: "确认岗位情况", en: "Confirm the post")
        case .refusePost: LocalizedText(zh: "不同意", en: "Refuse")
        case .report: LocalizedText(zh: "上报", en: "Report the file")
        case .requestSupplement: LocalizedText(zh: "一次性告知补正", en: "Ask for supplements")
        case .resubmit: LocalizedText(zh: "提交补正", en: "Send the supplement")
        case .supplementOverdue: LocalizedText(zh: "逾期未补正", en: "Supplement overdue")
        case .accept: LocalizedText(zh: "予以受理", en: "Accept")
        case .notAccept: LocalizedText(zh: "不予受理", en: "Do not accept")
        case .withdraw: LocalizedText(zh: "撤回申报", en: "Withdraw the application")
        case .scheduleInterview: LocalizedText(zh: "安排面谈答辩", en: "Schedule the interview")
        case .recordInterview: LocalizedText(zh: "记录面谈答辩", en: "Record the interview")
        case .recordPass: LocalizedText(zh: "记录表决通过", en: "Record a passing vote")
        case .recordFail: LocalizedText(zh: "记录表决未通过", en: "Record a failing vote")
        case .certify: LocalizedText(zh: "认定发证", en: "Issue the certificate")
        case .upholdObjection: LocalizedText(zh: "异议成立", en: "Uphold the objection")
        case .revoke: LocalizedText(zh: "撤销职称", en: "Revoke the title")
        }
    }

    /// Events that need a written reason.
    public var needsReason: Bool {
        [.returnToApplicant, .refusePost, .notAccept, .upholdObjection, .revoke].contains(self)
    }
}
