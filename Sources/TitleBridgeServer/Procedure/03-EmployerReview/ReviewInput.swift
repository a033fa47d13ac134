import TitleBridgeCore
import Vapor

/// A tick box as a form sends it (`on`, or absent) and as JSON sends it (`true`).
struct Checkbox: Codable, Sendable {
    let isOn: Bool

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            isOn = flag
        } else {
            isOn = isChecked(try container.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isOn)
    }
}

/// What a reviewer sends with a stage change: the reason, and for an approval the employer's
/// 核实意见, for a post confirmation the supervising department's statement.
struct TransitionInput: Content {
    var event: String?
    var reason: String?
    var idempotencyKey: String?
    var opinion: OpinionInput?
    var post: PostInput?
    /// 受理审核: a verdict (and note) per checklist item, keyed by item id; the supplement's due day.
    var items: [String: ItemInput]?
    var supplementDue: String?

    struct ItemInput: Content {
        var verdict: String?
        var note: String?
    }

    struct OpinionInput: Content {
        var dutiesPerformed: Checkbox?
        var materialsTrue: Checkbox?
        var agrees: Checkbox?
        var reviewer: String?
        var reviewedOn: String?
        var remarks: String?
    }

    struct PostInput: Content {
        var withinQuota: Checkbox?
        var consentsOneLevelUp: Checkbox?
        var reviewer: String?
    }

    /// The statement of the event, from the fields sent (checked later by the desk).
    func statement(for event: StageEvent) throws -> ReviewRecord.Detail? {
        switch event {
        case .approve:
            guard let opinion else { return nil }
            guard let day = opinion.reviewedOn.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }) else {
                throw APIProblem.badInput(code: "date", field: "opinion.reviewedOn", LocalizedText(
                    zh: "请按 年-月-日 填写审核日期。", en: "Give the review date as YYYY-MM-DD."))
            }
            return .opinion(UnitOpinion(
                dutiesPerformed: opinion.dutiesPerformed?.isOn ?? false, materialsTrue: opinion.materialsTrue?.isOn ?? false,
                agrees: opinion.agrees?.isOn ?? false,
                reviewer: try FieldReader.optional(opinion.reviewer, "opinion.reviewer", LocalizedText(zh: "审核人", en: "the reviewer"), max: 60) ?? "",
                reviewedOn: day,
                remarks: try FieldReader.optional(opinion.remarks, "opinion.remarks", LocalizedText(zh: "备注", en: "the remarks"), max: 500)))
        case .confirmPost:
            guard let post else { return nil }
            return .post(PostConfirmation(withinQuota: post.withinQuota?.isOn ?? false,
                                          consentsOneLevelUp: post.consentsOneLevelUp?.isOn ?? false,
                                          reviewer: try FieldReader.optional(post.reviewer, "post.reviewer",
                                                                             LocalizedText(zh: "审核人", en: "the reviewer"), max: 60) ?? ""))
        case .accept, .requestSupplement:
            guard let items else { return nil }
            var due: LocalDate?
            if event == .requestSupplement {
                guard let day = supplementDue.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }) else {
                    throw APIProblem.badInput(code: "date", field: "supplementDue", LocalizedText(
                        zh: "请按 年-月-日 填写补正截止日。", en: "Give the supplement's due day as YYYY-MM-DD."))
                }
                due = day
            }
            // Labels come from the server's own checklist (`AcceptanceDecision.labelled`). An item
            // sent without a verdict it knows is refused, not left out: left out, an item the
            // checklist does not have would vanish before the check that refuses unknown items.
            // An empty verdict is the page's "not yet judged": no verdict at all, so the core
            // names the item as undecided.
            let entries = try items.sorted { $0.key < $1.key }.compactMap { id, input -> AcceptanceDecision.Entry? in
                if (input.verdict ?? "").trimmingCharacters(in: .whitespaces).isEmpty { return nil }
                guard let verdict = input.verdict.flatMap(ItemVerdict.init(rawValue:)) else {
                    throw APIProblem.badInput(code: "verdict_unknown", field: "items.\(id).verdict", LocalizedText(
                        zh: "“\(id)”的审核结论须为 \(ItemVerdict.allCases.map(\.rawValue).joined(separator: "、")) 之一。",
                        en: "The verdict on “\(id)” must be one of \(ItemVerdict.allCases.map(\.rawValue).joined(separator: ", "))."))
                }
                return AcceptanceDecision.Entry(id: id, label: LocalizedText(zh: id, en: id), verdict: verdict,
                                                note: try FieldReader.optional(input.note, "items.\(id).note", LocalizedText(zh: "说明", en: "the note"), max: 300))
            }
            return .checklist(AcceptanceDecision(entries: entries, supplementDue: due))
        default:
            return nil
        }
    }
}

/// 申报公示 as the employer records it: the first day, where, and the evidence; and, for a
/// publicity that can no longer end inside the window, the employer's confirmation that the
/// file will miss the batch.
struct PublicityInput: Content {
    var startsOn: String?
    var place: String?
    var evidence: File?
    var acceptsMissingBatch: Checkbox?
}

/// 公示结果 as the employer records it: no objection, or the objections with what was found
/// and decided; who records it and on which day.
struct PublicityOutcomeInput: Content {
    var kind: String?
    var objections: String?
    var findings: String?
    var decision: String?
    var recordedBy: String?
    var recordedOn: String?

    func outcome() throws -> PublicityOutcome {
        guard let kind = kind.flatMap(PublicityOutcome.Kind.init(rawValue:)) else {
            throw APIProblem.badInput(code: "outcome_kind", field: "kind", LocalizedText(
                zh: "请选择公示结果：无异议，或收到异议并已核实处理。",
                en: "Choose how the publicity ended: no objection, or objections received and settled."))
        }
        guard let day = recordedOn.flatMap({ LocalDate(iso: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw APIProblem.badInput(code: "date", field: "recordedOn", LocalizedText(
                zh: "请按 年-月-日 填写登记日期。", en: "Give the date as YYYY-MM-DD."))
        }
        func text(_ value: String?, _ field: String, _ label: LocalizedText) throws -> String? {
            try FieldReader.optional(value, field, label, max: 1000)
        }
        let objected = kind == .objectionsSettled
        return PublicityOutcome(
            kind: kind,
            objections: objected ? try text(objections, "objections", LocalizedText(zh: "异议情况", en: "the objections")) : nil,
            findings: objected ? try text(findings, "findings", LocalizedText(zh: "核实情况", en: "the findings")) : nil,
            decision: objected ? try text(decision, "decision", LocalizedText(zh: "处理结果", en: "the decision")) : nil,
            recordedBy: try FieldReader.optional(recordedBy, "recordedBy", LocalizedText(zh: "登记人", en: "who recorded it"), max: 60) ?? "",
            recordedOn: day)
    }
}
