/// 所在单位核实意见 — what the employer states when it approves a file (四(三)): it has
/// checked the applicant's performance of duties and the truth of the materials, and agrees
/// to the application. An employer that cannot state all three returns the file instead.
public struct UnitOpinion: Codable, Sendable, Equatable {
    /// 履职情况属实 — the applicant performs the duties of the post.
    public var dutiesPerformed: Bool
    /// 申报材料真实 — the materials were checked and are true.
    public var materialsTrue: Bool
    /// 同意申报.
    public var agrees: Bool
    /// 审核人.
    public var reviewer: String
    /// 审核日期 (Asia/Shanghai).
    public var reviewedOn: LocalDate
    /// Further remarks, printed with the opinion.
    public var remarks: String?

    public init(dutiesPerformed: Bool, materialsTrue: Bool, agrees: Bool, reviewer: String, reviewedOn: LocalDate, remarks: String? = nil) {
        self.dutiesPerformed = dutiesPerformed
        self.materialsTrue = materialsTrue
        self.agrees = agrees
        self.reviewer = reviewer
        self.reviewedOn = reviewedOn
        self.remarks = remarks
    }

    /// Refuses an opinion that cannot carry an approval: a statement left unticked, no
    /// reviewer, a date in the future or before the file was submitted.
    public func validate(today: LocalDate, submittedOn: LocalDate?) throws(ProfileError) {
        let statements: [(Bool, String, LocalizedText)] = [
            (dutiesPerformed, "opinion.dutiesPerformed", LocalizedText(zh: "履职情况", en: "the performance of duties")),
            (materialsTrue, "opinion.materialsTrue", LocalizedText(zh: "材料真实性", en: "the truth of the materials")),
            (agrees, "opinion.agrees", LocalizedText(zh: "同意申报", en: "the agreement to the application")),
        ]
        for (stated, field, what) in statements where !stated {
            throw ProfileError(code: "opinion_incomplete", field: field, message: LocalizedText(
                zh: "核实意见须确认\(what.zh)；不能确认的，请退回申报人并写明理由。",
                en: "The opinion must confirm \(what.en); if it cannot, return the file to the applicant with the reason."))
        }
        if reviewer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ProfileError(code: "reviewer_required", field: "opinion.reviewer", message: LocalizedText(
                zh: "请填写审核人姓名。", en: "Give the name of the reviewer."))
        }
        if reviewedOn > today {
            throw ProfileError(code: "date_future", field: "opinion.reviewedOn", message: LocalizedText(
                zh: "审核日期不能晚于今天。", en: "The review date cannot be after today."))
        }
        if let submittedOn, reviewedOn < submittedOn {
            throw ProfileError(code: "date_before_submission", field: "opinion.reviewedOn", message: LocalizedText(
                zh: "审核日期不能早于申报人提交之日（\(DateText.long(submittedOn, in: .zh))）。",
                en: "The review date cannot be before the file was submitted (\(DateText.long(submittedOn, in: .en)))."))
        }
    }
}

/// 岗位情况确认 — the supervising department of a public institution confirms that the post
/// is within the unit's number and structure ratio of professional posts and consents to an
/// application one level above the title held (二, 四(三)).
public struct PostConfirmation: Codable, Sendable, Equatable {
    /// 在专业技术岗位数量和结构比例内.
    public var withinQuota: Bool
    /// 同意在现有职称基础上申请高一级.
    public var consentsOneLevelUp: Bool
    /// 审核人.
    public var reviewer: String

    public init(withinQuota: Bool, consentsOneLevelUp: Bool, reviewer: String) {
        self.withinQuota = withinQuota
        self.consentsOneLevelUp = consentsOneLevelUp
        self.reviewer = reviewer
    }

    public func validate() throws(ProfileError) {
        if !withinQuota {
            throw ProfileError(code: "post_not_confirmed", field: "post.withinQuota", message: LocalizedText(
                zh: "须确认岗位在专业技术岗位数量和结构比例内；不能确认的，请选择“不同意”并写明理由。",
                en: "Confirm that the post is within the unit's number and structure ratio of professional posts; if it is not, refuse with the reason."))
        }
        if !consentsOneLevelUp {
            throw ProfileError(code: "consent_missing", field: "post.consentsOneLevelUp", message: LocalizedText(
                zh: "须同意其在现有职称基础上申请高一级职称；不同意的，请选择“不同意”并写明理由。",
                en: "Consent to the application one level above the title held; otherwise refuse with the reason."))
        }
        if reviewer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ProfileError(code: "reviewer_required", field: "post.reviewer", message: LocalizedText(
                zh: "请填写审核人姓名。", en: "Give the name of the reviewer."))
        }
    }
}
