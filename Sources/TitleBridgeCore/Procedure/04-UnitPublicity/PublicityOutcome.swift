/// 公示结果 — how the unit publicity of 四(四) ended, as the employer records it: no
/// objection; or the objections received, what the unit found and what it decided. The
/// file is reported only after this record; an objection the unit upholds sends the file
/// back to the applicant (a return with the reason) instead.
public struct PublicityOutcome: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// 公示无异议.
        case noObjection
        /// 收到异议，经核实不影响申报.
        case objectionsSettled

        public var name: LocalizedText {
            switch self {
            case .noObjection: LocalizedText(zh: "公示期内无异议", en: "No objection during the publicity")
            case .objectionsSettled: LocalizedText(zh: "收到异议，经核实不影响申报", en: "Objections received, checked and found not to stand in the way")
            }
        }
    }

    public var kind: Kind
    /// 异议内容 — what was objected to (objections only).
    public var objections: String?
    /// 核实情况 — what the unit found.
    public var findings: String?
    /// 处理结果 — what the unit decided.
    public var decision: String?
    /// 登记人.
    public var recordedBy: String
    /// 登记日期 (Asia/Shanghai).
    public var recordedOn: LocalDate

    public init(kind: Kind, objections: String? = nil, findings: String? = nil, decision: String? = nil,
                recordedBy: String, recordedOn: LocalDate) {
        self.kind = kind
        self.objections = objections
        self.findings = findings
        self.decision = decision
        self.recordedBy = recordedBy
        self.recordedOn = recordedOn
    }

    /// An outcome is recorded on or after the publicity's last day (a publicity cannot be
    /// said to have had no objection before it is over), not after today, by a named person;
    /// objections carry what they were, what was found and what was decided. An objection
    /// upheld is not an outcome: the unit returns the file with the reason.
    public func validate(publicityEnds: LocalDate, today: LocalDate) throws(ProfileError) {
        if recordedOn < publicityEnds {
            throw ProfileError(code: "publicity_not_over", field: "outcome.recordedOn", message: LocalizedText(
                zh: "公示至\(DateText.long(publicityEnds, in: .zh))结束，公示结果须在此后登记。",
                en: "The publicity runs until \(DateText.long(publicityEnds, in: .en)); its outcome is recorded from that day."))
        }
        if recordedOn > today {
            throw ProfileError(code: "date_future", field: "outcome.recordedOn", message: LocalizedText(
                zh: "登记日期不能晚于今天。", en: "The date cannot be after today."))
        }
        if recordedBy.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ProfileError(code: "reviewer_required", field: "outcome.recordedBy", message: LocalizedText(
                zh: "请填写登记人姓名。", en: "Give the name of the person recording the outcome."))
        }
        guard kind == .objectionsSettled else { return }
        let parts: [(String?, String, LocalizedText)] = [
            (objections, "outcome.objections", LocalizedText(zh: "异议内容", en: "what was objected to")),
            (findings, "outcome.findings", LocalizedText(zh: "核实情况", en: "what the unit found")),
            (decision, "outcome.decision", LocalizedText(zh: "处理结果", en: "what the unit decided")),
        ]
        for (text, field, what) in parts where text?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
            throw ProfileError(code: "objection_incomplete", field: field, message: LocalizedText(
                zh: "收到异议的，请写明\(what.zh)；异议成立的，请退回申报人并写明理由。",
                en: "When objections were received, write \(what.en); if an objection stands, return the file to the applicant with the reason."))
        }
    }

    /// One line for the file's history, the form and the reporting checklist.
    public var summary: LocalizedText {
        switch kind {
        case .noObjection:
            return kind.name
        case .objectionsSettled:
            return LocalizedText(
                zh: "收到异议：\(objections ?? "")；核实情况：\(findings ?? "")；处理结果：\(decision ?? "")",
                en: "Objections: \(objections ?? ""); found: \(findings ?? ""); decided: \(decision ?? "")")
        }
    }
}
