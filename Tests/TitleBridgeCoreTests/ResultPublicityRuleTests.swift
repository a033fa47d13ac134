import Testing
import TitleBridgeCore

/// 结果公示 (四(七)): at least five working days from a working day not in the past; objections
/// under a real name, in writing, within the period; receipts and certificate numbers as people type them.
@Suite("Result publicity, objections, receipts and certificate numbers (四(七), 四(八))")
struct ResultPublicityRuleTests {
    static let plan = ResultPublicityPlan(policy: TransitionTableTests.policy, calendar: TransitionTableTests.calendar)

    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError("bad date \(iso)") }
        return date
    }

    struct PeriodRow: CustomTestStringConvertible, Sendable {
        let name: String
        let today: String
        let start: String
        /// The last day, or the code of the refusal.
        let expected: String
        var testDescription: String { name }
    }

    @Test("四(七) 公示期不少于5个工作日: the period from the day the bureau names", arguments: [
        PeriodRow(name: "an ordinary week: Monday to Friday", today: "2024-10-18", start: "2024-10-21", expected: "2024-10-25"),
        PeriodRow(name: "published and started the same day", today: "2024-10-21", start: "2024-10-21", expected: "2024-10-25"),
        PeriodRow(name: "over the Mid-Autumn holiday, the working Saturday counted", today: "2024-09-12", start: "2024-09-13", expected: "2024-09-20"),
        PeriodRow(name: "over the National Day holiday", today: "2024-09-27", start: "2024-09-30", expected: "2024-10-11"),
        PeriodRow(name: "from the working Sunday before National Day", today: "2024-09-27", start: "2024-09-29", expected: "2024-10-10"),
        PeriodRow(name: "a Saturday is no start", today: "2024-10-18", start: "2024-10-19", expected: "start_not_working_day"),
        PeriodRow(name: "a holiday is no start", today: "2024-09-27", start: "2024-10-01", expected: "start_not_working_day"),
        PeriodRow(name: "a list cannot have been public before it was published", today: "2024-10-22", start: "2024-10-21", expected: "start_in_past"),
    ])
    func period(_ row: PeriodRow) {
        do {
            let period = try Self.plan.period(startingOn: Self.day(row.start), today: Self.day(row.today))
            #expect(period.ends.iso == row.expected)
            #expect(Self.plan.calendar.workingDays(from: period.starts, through: period.ends).value == Self.plan.workingDays)
        } catch {
            #expect(error.code == row.expected)
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty)
        }
    }

    @Test("Objections are taken through the last day; a certificate only from the next day")
    func periodBoundaries() throws {
        let period = try Self.plan.period(startingOn: Self.day("2024-10-21"), today: Self.day("2024-10-21"))
        #expect(!period.isOpen(on: Self.day("2024-10-20")))
        #expect(period.isOpen(on: Self.day("2024-10-21")) && period.isOpen(on: Self.day("2024-10-25")))
        #expect(!period.isOpen(on: Self.day("2024-10-26")))
        #expect(!period.isOver(on: Self.day("2024-10-25")) && period.isOver(on: Self.day("2024-10-26")))
    }

    struct FormRow: CustomTestStringConvertible, Sendable {
        let name: String
        let form: ObjectionForm
        /// nil: accepted.
        let code: String?
        var testDescription: String { name }
    }

    static let reasons = "申报人的工作业绩并非本人完成。"

    @Test("异议须实名、书面: each field checked, limits told and never cut", arguments: [
        FormRow(name: "complete", form: ObjectionForm(name: " 李明 ", contact: "13800000000", reasons: reasons, evidence: ""), code: nil),
        FormRow(name: "no name: not taken anonymously", form: ObjectionForm(name: "  ", contact: "13800000000", reasons: reasons, evidence: ""), code: "name_required"),
        FormRow(name: "no way to reach the objector", form: ObjectionForm(name: "李明", contact: "", reasons: reasons, evidence: ""), code: "contact_required"),
        FormRow(name: "reasons of nine characters", form: ObjectionForm(name: "李明", contact: "x", reasons: "一二三四五六七八九", evidence: ""), code: "reasons_too_short"),
        FormRow(name: "reasons of ten characters", form: ObjectionForm(name: "李明", contact: "x", reasons: "一二三四五六七八九十", evidence: ""), code: nil),
        FormRow(name: "reasons over 2000 characters", form: ObjectionForm(name: "李明", contact: "x", reasons: String(repeating: "字", count: 2001), evidence: ""), code: "reasons_too_long"),
        FormRow(name: "evidence over 2000 characters", form: ObjectionForm(name: "李明", contact: "x", reasons: reasons, evidence: String(repeating: "e", count: 2001)), code: "evidence_too_long"),
        FormRow(name: "a name over 50 characters", form: ObjectionForm(name: String(repeating: "名", count: 51), contact: "x", reasons: reasons, evidence: ""), code: "name_too_long"),
        FormRow(name: "control characters", form: ObjectionForm(name: "李\u{0007}明", contact: "x", reasons: reasons, evidence: ""), code: "name_control"),
    ])
    func objectionForm(_ row: FormRow) {
        do {
            let checked = try row.form.checked()
            #expect(row.code == nil, "accepted, expected \(row.code ?? "")")
            #expect(checked.name == checked.name.trimmingCharacters(in: .whitespaces))
        } catch {
            #expect(error.code == row.code)
        }
    }

    @Test("A ruling needs its reason")
    func rulingReason() {
        #expect(throws: ProfileError.self) { try ObjectionOutcome.checkedReason("不成立") }
        #expect((try? ObjectionOutcome.checkedReason("  经核实，异议不成立。 ")) == "经核实，异议不成立。")
    }

    @Test("Receipts: random, grouped, read back however they are typed")
    func receipts() {
        let receipt = ObjectionReceipt.make(random: Array(0..<12))
        #expect(receipt == "YY-0123-4567-89AB")
        #expect(ObjectionReceipt.normalised("yy 0123 4567 89ab") == receipt)
        #expect(ObjectionReceipt.normalised("O123-4567-89AB") == receipt, "O read as 0, the prefix optional")
        #expect(ObjectionReceipt.normalised("YY-I1L1-0000-0000") == "YY-1111-0000-0000")
        #expect(ObjectionReceipt.normalised("YY-0123-4567-89A") == nil)
        #expect(ObjectionReceipt.normalised("YY-0123-4567-89AU") == nil, "U is not in the alphabet")
        #expect(ObjectionReceipt.make(random: Array(repeating: 255, count: 12)) == "YY-ZZZZ-ZZZZ-ZZZZ")
    }

    @Test("Certificate numbers: the batch and the order of issue; typed in any case")
    func certificateNumbers() {
        #expect(CertificateNumber.format(batchCode: "2024B2", sequence: 1) == "SHZC-2024B2-00001")
        #expect(CertificateNumber.format(batchCode: "2024B2", sequence: 123_456) == "SHZC-2024B2-123456")
        #expect(CertificateNumber.normalised(" shzc-2024b2-00001 ") == "SHZC-2024B2-00001")
        #expect(CertificateNumber.normalised("SHZC-2024B2-00001/../x") == nil)
        #expect(CertificateNumber.normalised("2024B2-FM-0001") == nil, "an acceptance number is not a certificate number")
    }
}
