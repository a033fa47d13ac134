import Foundation
import Testing
@testable import TitleBridgeCore

/// 新批次 — a batch drafted in the administration form is held to the notice's order of dates
/// and to the calendar, field by field: one row per rule, each at its boundary.
@Suite("The next batch drafted in a form — checked field by field")
struct BatchDraftTests {
    static let calendar = try! WorkingDayCalendar.bundled()
    static let base = try! #require(try BatchPolicy.bundled()["shanghai-2024-batch2"])

    /// A draft that passes: the second batch's rules a year and a half later.
    static var good: BatchDraft {
        var draft = BatchDraft(copying: base)
        draft.id = "shanghai-2025-batch1"
        draft.nameZh = "境外职业资格证书清单项目持证人员2025年第一批职称考核认定"
        draft.nameEn = "2025 first batch of recognition for holders of listed overseas qualifications"
        draft.batchCode = "2025B1"
        draft.noticeDocument = "沪人社专〔2025〕12号"
        draft.noticeIssuedOn = "2025-03-03"        // Monday
        draft.verificationCutoff = "2025-03-01"    // Saturday: any day will do
        draft.submissionOpens = "2025-03-10"       // Monday
        draft.submissionCloses = "2025-03-21"      // Friday
        draft.experienceCutoff = "2025-12-31"
        return draft
    }

    static let today = LocalDate(iso: "2024-12-02")!

    static func check(_ draft: BatchDraft, today: LocalDate = today) -> Result<BatchPolicy, BatchDraftRefusal> {
        Result { () throws(BatchDraftRefusal) -> BatchPolicy in
            try base.drafted(draft, calendar: calendar, others: [base], listVersions: ["1.0"], today: today)
        }
    }

    @Test("A good draft becomes a policy: the typed values, the rest copied with its citations")
    func goodDraft() throws {
        let policy = try Self.check(Self.good).get()
        #expect(policy.id == "shanghai-2025-batch1" && policy.acceptanceBatchCode == "2025B1")
        #expect(policy.dates.submissionOpens.value.iso == "2025-03-10" && policy.dates.submissionCloses.value.iso == "2025-03-21")
        #expect(policy.dates.submissionCloses.citation == Self.base.dates.submissionCloses.citation)
        #expect(policy.thresholds == Self.base.thresholds)
        #expect(policy.ladder == Self.base.ladder && policy.voting == Self.base.voting)
        #expect(policy.notice.document == "沪人社专〔2025〕12号")
        var raised = Self.good
        raised.thresholds["unitPublicityWorkingDays"] = "7"
        #expect(try Self.check(raised).get().thresholds.unitPublicityWorkingDays.value == 7)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let field: String
        let change: @Sendable (inout BatchDraft) -> Void
        var testDescription: String { name }
    }

    static let refusals: [Row] = [
        Row(name: "id: upper case", field: "id") { $0.id = "Shanghai-2025" },
        Row(name: "id: a letter with a combining accent", field: "id") { $0.id = "shangha\u{0069}\u{0301}-2025" },
        Row(name: "batch code: a full-width digit", field: "batchCode") { $0.batchCode = "2025B１" },
        Row(name: "id: the copied batch's own", field: "id") { $0.id = "shanghai-2024-batch2" },
        Row(name: "batch code: lower case", field: "batchCode") { $0.batchCode = "2025b1" },
        Row(name: "batch code: another batch's (acceptance numbers would repeat)", field: "batchCode") { $0.batchCode = "2024B2" },
        Row(name: "name: empty", field: "nameZh") { $0.nameZh = "  " },
        Row(name: "notice number: a control character", field: "noticeDocument") { $0.noticeDocument = "沪人社\u{7}专" },
        Row(name: "list version: not held", field: "certificateListVersion") { $0.certificateListVersion = "2.0" },
        Row(name: "四(四) window opens on a holiday (National Day)", field: "submissionOpens") {
            $0.submissionOpens = "2025-10-01"; $0.submissionCloses = "2025-10-20"; $0.noticeIssuedOn = "2025-09-01"; $0.verificationCutoff = "2025-09-20"
        },
        Row(name: "四(四) window closes on a Sunday", field: "submissionCloses") { $0.submissionCloses = "2025-03-23" },
        Row(name: "四(四) window closes before it opens", field: "submissionCloses") { $0.submissionCloses = "2025-03-07" },
        Row(name: "四(四) window opens today, not after", field: "submissionOpens") { $0.submissionOpens = "2024-12-02"; $0.noticeIssuedOn = "2024-11-29"; $0.verificationCutoff = "2024-11-30" },
        Row(name: "四(四) window overlaps the copied batch's", field: "submissionOpens") {
            $0.submissionOpens = "2024-09-19"; $0.submissionCloses = "2024-09-30"; $0.noticeIssuedOn = "2024-09-02"; $0.verificationCutoff = "2024-09-01"
        },
        Row(name: "四(一) verification cut-off on the window's first day", field: "verificationCutoff") { $0.verificationCutoff = "2025-03-10" },
        Row(name: "notice issued after the window opens", field: "noticeIssuedOn") { $0.noticeIssuedOn = "2025-03-11" },
        Row(name: "notice issued on a Saturday", field: "noticeIssuedOn") { $0.noticeIssuedOn = "2025-03-08" },
        Row(name: "三(二) experience counted to a day before the window closes", field: "experienceCutoff") { $0.experienceCutoff = "2025-03-20" },
        Row(name: "a year with no holiday calendar", field: "submissionCloses") { $0.submissionCloses = "2027-03-19" },
        Row(name: "a date that is not one", field: "submissionOpens") { $0.submissionOpens = "2025-02-30" },
        Row(name: "publicity of 0 working days", field: "thresholds.unitPublicityWorkingDays") { $0.thresholds["unitPublicityWorkingDays"] = "0" },
        Row(name: "summary length not a number", field: "thresholds.workSummaryMinimumZi") { $0.thresholds["workSummaryMinimumZi"] = "三千" },
        Row(name: "publicity longer than the window", field: "submissionCloses") { $0.thresholds["unitPublicityWorkingDays"] = "11" },
    ]

    @Test("A draft is refused, at the field that is wrong", arguments: refusals)
    func refused(row: Row) {
        var draft = Self.good
        row.change(&draft)
        guard case .failure(let refusal) = Self.check(draft) else {
            Issue.record("\(row.name) was accepted")
            return
        }
        #expect(refusal.problems.map(\.field).contains(row.field), "\(refusal.problems.map(\.field))")
        #expect(refusal.problems.allSatisfy { !$0.message.zh.isEmpty && !$0.message.en.isEmpty })
    }

    @Test("Boundaries: the window may open the day after today, and experience may be counted to the window's last day")
    func boundaries() throws {
        var draft = Self.good
        draft.experienceCutoff = draft.submissionCloses
        _ = try Self.check(draft).get()
        _ = try Self.check(draft, today: LocalDate(iso: "2025-03-09")!).get()
        #expect(throws: BatchDraftRefusal.self) { try Self.check(draft, today: LocalDate(iso: "2025-03-10")!).get() }
        // Every problem at once, so the form marks each field.
        draft = Self.good
        draft.batchCode = "x"
        draft.submissionCloses = "2025-03-23"
        guard case .failure(let refusal) = Self.check(draft) else { Issue.record("accepted"); return }
        #expect(Set(refusal.problems.map(\.field)) == ["batchCode", "submissionCloses"])
    }
}
