import Foundation
import Testing
import TitleBridgeCore

@Suite("受理审核的规则 (四(五))")
struct AcceptanceRuleTests {
    static let policy = TransitionTableTests.policy
    static let items = AcceptanceChecklist.items(report: nil, uploaded: [.degree, .commitment], summaryZi: 2999, policy: policy)

    static func decision(_ flagged: [String: ItemVerdict], skip: String? = nil) -> AcceptanceDecision {
        AcceptanceDecision(entries: items.filter { $0.id != skip }.map {
            AcceptanceDecision.Entry(id: $0.id, label: $0.label, verdict: flagged[$0.id] ?? .conforms, note: nil)
        }, supplementDue: nil)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let decision: AcceptanceDecision
        let accepting: Bool
        let refusal: String?
        var testDescription: String { name }
    }

    static let rows = [
        Row(name: "四(五) 符合申报条件、材料齐全的，予以受理", decision: decision([:]), accepting: true, refusal: nil),
        Row(name: "四(五) an item not in order blocks acceptance", decision: decision(["upload:workProof": .missing]), accepting: true,
            refusal: "item_not_in_order"),
        Row(name: "四(五) every item needs a verdict", decision: decision([:], skip: "summary"), accepting: true, refusal: "item_undecided"),
        Row(name: "四(五) 告知需补正的内容: at least one item", decision: decision([:]), accepting: false, refusal: "nothing_to_supplement"),
        Row(name: "四(五) 一次性告知: several items at once", decision: decision(["upload:workProof": .missing, "summary": .nonConforming]),
            accepting: false, refusal: nil),
    ]

    @Test("A decision carries an acceptance or a supplement request only when it is complete", arguments: rows)
    func decisions(row: Row) {
        do {
            try row.decision.validate(against: Self.items, accepting: row.accepting)
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
