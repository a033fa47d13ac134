import Foundation
import Testing
import TitleBridgeCore

@Suite("受理审核的规则 (四(五))")
struct AcceptanceRuleTests {
    static let policy = TransitionTableTests.policy
    static let items = AcceptanceChecklist.items(report: nil, uploaded: [.degree, .commitment], summaryZi: 2999, policy: policy)
    /// A file the system finds complete, with one "原则上" clause for a reviewer.
    static let complete: [AcceptanceItem] = {
        let report = EligibilityReport(batch: policy.id, clauses: [
            EligibilityClause(id: .ladder, citation: "三(二)3(2)", outcome: .pass,
                              facts: .ladder(level: .associateSenior, met: nil, related: WorkLength(months: 100, days: 0),
                                             cutoff: policy.dates.experienceCutoff.value, degreeAfter: nil)),
            EligibilityClause(id: .shanghaiExperience, citation: "三(二)", outcome: .review,
                              facts: .shanghai(length: WorkLength(months: 9, days: 0), years: 1, cutoff: policy.dates.experienceCutoff.value)),
        ])
        return AcceptanceChecklist.items(report: report, uploaded: Set(AcceptanceChecklist.requiredUploads), summaryZi: 3000, policy: policy)
    }()

    static func decision(_ flagged: [String: ItemVerdict], notes: [String: String] = [:], skip: String? = nil,
                         extra: String? = nil, on items: [AcceptanceItem] = items) -> AcceptanceDecision {
        AcceptanceDecision(entries: items.filter { $0.id != skip }.map {
            AcceptanceDecision.Entry(id: $0.id, label: $0.label, verdict: flagged[$0.id] ?? .conforms, note: notes[$0.id])
        } + (extra.map { [AcceptanceDecision.Entry(id: $0, label: LocalizedText(zh: $0, en: $0), verdict: .conforms, note: nil)] } ?? []),
        supplementDue: nil)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let decision: AcceptanceDecision
        let items: [AcceptanceItem]
        let accepting: Bool
        let refusal: String?
        var testDescription: String { name }
    }

    static let reason = ["clause:experience.shanghai": "境外同类工作经历丰富，本市工作已满9个月"]

    static let rows = [
        Row(name: "四(五) 符合申报条件、材料齐全的，予以受理 (the 原则上 clause with the reviewer's reason)",
            decision: decision([:], notes: reason, on: complete), items: complete, accepting: true, refusal: nil),
        Row(name: "四(五) a 原则上 clause is in order only with the reviewer's written reason",
            decision: decision([:], on: complete), items: complete, accepting: true, refusal: "reason_required"),
        Row(name: "四(五) a condition the system finds failed cannot be ticked in order",
            decision: decision([:]), items: items, accepting: true, refusal: "condition_not_met"),
        Row(name: "四(五) an item not in order blocks acceptance",
            decision: decision(["upload:workProof": .missing], notes: ["upload:workProof": "未见劳动合同"].merging(reason) { a, _ in a }, on: complete),
            items: complete, accepting: true, refusal: "item_not_in_order"),
        Row(name: "四(五) every item needs a verdict", decision: decision([:], skip: "summary"), items: items, accepting: true, refusal: "item_undecided"),
        Row(name: "四(五) a verdict on an item the checklist does not have is refused",
            decision: decision([:], notes: reason, extra: "clause:no.such", on: complete), items: complete, accepting: true, refusal: "item_unknown"),
        Row(name: "四(五) 告知需补正的内容: at least one item", decision: decision([:]), items: items, accepting: false, refusal: "nothing_to_supplement"),
        Row(name: "四(五) 告知需补正的内容: each flagged item says what is wrong",
            decision: decision(["upload:workProof": .missing]), items: items, accepting: false, refusal: "note_required"),
        Row(name: "四(五) 一次性告知: several items at once",
            decision: decision(["upload:workProof": .missing, "summary": .nonConforming],
                               notes: ["upload:workProof": "未见劳动合同", "summary": "不足3000字"]),
            items: items, accepting: false, refusal: nil),
    ]

    @Test("A decision carries an acceptance or a supplement request only when it is complete", arguments: rows)
    func decisions(row: Row) {
        do {
            try row.decision.validate(against: row.items, accepting: row.accepting)
            #expect(row.refusal == nil)
        } catch {
            #expect(error.code == row.refusal)
        }
    }

    @Test("The checklist: the summary's length and each required material, found or not")
    func checklist() {
        let byID = Dictionary(uniqueKeysWithValues: Self.items.map { ($0.id, $0) })
        #expect(byID["summary"]?.found == .fail)
        #expect(byID["upload:degree"]?.found == .present)
        #expect(byID["upload:unitOpinion"]?.found == .missing)
        #expect(AcceptanceChecklist.step(fixing: .ladder) == .work)
    }

    @Test("A supplement opens exactly the steps and uploads of the flagged items")
    func scope() {
        let scope = SupplementScope(flagged: ["summary", "upload:workProof", "clause:education.engineeringDiscipline"])
        #expect(scope.steps == [.summary, .education])
        #expect(scope.uploads == [.workProof])
    }

    @Test("受理号: batch, field, four digits counted per batch")
    func numbers() {
        #expect(AcceptanceNumber.batchCode(of: Self.policy) == "2024B2")
        #expect(AcceptanceNumber.format(batchCode: "2024B2", field: .informationTechnology, sequence: 42) == "2024B2-IT-0042")
        #expect(AcceptanceNumber.format(batchCode: "2024B2", field: .financeManagement, sequence: 12_345) == "2024B2-FM-12345")
        #expect(AcceptanceNumber.sequenceName(batch: "shanghai-2024-batch2") == "acceptance-shanghai-2024-batch2")
    }
}
