import Foundation
import Testing
import TitleBridgeCore

@Suite("单位审核、公示与初级聘任的规则 (四(三)(四), 四 first paragraph)")
struct UnitReviewRuleTests {
    static let policy = TransitionTableTests.policy
    static let calendar = TransitionTableTests.calendar

    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError(iso) }
        return date
    }

    // MARK: 四(四) publicity

    struct PublicityRow: Sendable, CustomTestStringConvertible {
        let name: String
        let start: String
        let ends: String
        let fits: Bool
        var testDescription: String { name }
    }

    static let publicityRows = [
        PublicityRow(name: "四(四) Monday 9/9: five working days end Friday 9/13", start: "2024-09-09", ends: "2024-09-13", fits: true),
        PublicityRow(name: "四(四) 9/12 is the latest start: Mid-Autumn 9/15–17 skipped, ends 9/19", start: "2024-09-12", ends: "2024-09-19", fits: true),
        PublicityRow(name: "四(四) 9/13 ends 9/20, after the window", start: "2024-09-13", ends: "2024-09-20", fits: false),
        PublicityRow(name: "四(四) a Saturday start counts from Monday 9/9", start: "2024-09-07", ends: "2024-09-13", fits: true),
        PublicityRow(name: "四(四) 9/14 is a working Saturday (调休) and counts", start: "2024-09-14", ends: "2024-09-23", fits: false),
    ]

    @Test("Publicity end and whether it fits the window", arguments: publicityRows)
    func publicity(row: PublicityRow) {
        let assessment = PublicityPlan(policy: Self.policy, calendar: Self.calendar).assess(startingOn: Self.day(row.start))
        #expect(assessment.ends == Self.day(row.ends))
        #expect(assessment.fitsWindow == row.fits)
        #expect(assessment.message.zh.contains(DateText.long(Self.day(row.ends), in: .zh)))
    }

    @Test("The latest start comes from the calendar and names the window's last day")
    func latestStart() {
        let plan = PublicityPlan(policy: Self.policy, calendar: Self.calendar)
        #expect(plan.latestStart.value == Self.day("2024-09-12"))
        #expect(plan.earliestEnd(startingOn: plan.latestStart.value).value == Self.policy.dates.submissionCloses.value)
        let guidance = plan.guidance(today: Self.day("2024-09-10"))
        #expect(guidance.zh.contains("最迟须于2024年9月12日开始公示"))
        #expect(guidance.en.contains("September 12, 2024") || guidance.en.contains("12 September 2024"))
    }

    @Test("A publicity starts between the submission and the last reporting day", arguments: [
        ("2024-09-08", false), ("2024-09-09", true), ("2024-09-13", true), ("2024-09-19", true), ("2024-09-20", false),
    ])
    func publicityStart(start: String, allowed: Bool) {
        let plan = PublicityPlan(policy: Self.policy, calendar: Self.calendar)
        let accepted = (try? plan.checkStart(Self.day(start), submittedOn: Self.day("2024-09-09"))) != nil
        #expect(accepted == allowed)
    }

    // MARK: 四(三) the employer's opinion

    struct OpinionRow: Sendable, CustomTestStringConvertible {
        let name: String
        let opinion: UnitOpinion
        let refusal: String?
        var testDescription: String { name }
    }

    static func opinion(duties: Bool = true, materials: Bool = true, agrees: Bool = true, reviewer: String = "王经理",
                        on date: String = "2024-09-10") -> UnitOpinion {
        UnitOpinion(dutiesPerformed: duties, materialsTrue: materials, agrees: agrees, reviewer: reviewer, reviewedOn: day(date))
    }

    static let opinionRows = [
        OpinionRow(name: "四(三) all three stated, signed today", opinion: opinion(), refusal: nil),
        OpinionRow(name: "四(三) duties not confirmed", opinion: opinion(duties: false), refusal: "opinion.dutiesPerformed"),
        OpinionRow(name: "四(三) materials not confirmed", opinion: opinion(materials: false), refusal: "opinion.materialsTrue"),
        OpinionRow(name: "四(三) does not agree", opinion: opinion(agrees: false), refusal: "opinion.agrees"),
        OpinionRow(name: "四(三) no reviewer", opinion: opinion(reviewer: "  "), refusal: "opinion.reviewer"),
        OpinionRow(name: "四(三) dated tomorrow", opinion: opinion(on: "2024-09-11"), refusal: "opinion.reviewedOn"),
        OpinionRow(name: "四(三) dated before the submission", opinion: opinion(on: "2024-09-08"), refusal: "opinion.reviewedOn"),
    ]

    @Test("The employer's opinion carries an approval only when complete", arguments: opinionRows)
    func unitOpinion(row: OpinionRow) {
        do {
            try row.opinion.validate(today: Self.day("2024-09-10"), submittedOn: Self.day("2024-09-09"))
            #expect(row.refusal == nil)
        } catch {
            #expect(error.field == row.refusal)
        }
    }

    // MARK: 四(四) reporting

    @Test("The checklist names each missing item; after the window a file not reported is out of the batch")
    func checklist() {
        let at = TransitionTableTests.at
        let list = ReportingChecklist(publicityEnds: Self.day("2024-09-19"), outcome: nil, uploaded: [.commitment],
                                      now: at("2024-09-19", 10, 0, 0), policy: Self.policy)
        #expect(list.items.map(\.id) == ["publicity", "publicityOutcome", "commitment", "unitOpinion", "window"])
        #expect(list.items.map(\.met) == [true, false, true, false, true])
        #expect(!list.ready)
        let outcome = PublicityOutcome(kind: .noObjection, recordedBy: "李四", recordedOn: Self.day("2024-09-19"))
        let complete = ReportingChecklist(publicityEnds: Self.day("2024-09-19"), outcome: outcome, uploaded: [.commitment, .unitOpinion],
                                          now: at("2024-09-19", 10, 0, 0), policy: Self.policy)
        #expect(complete.ready)
        #expect(ReportingChecklist.missing([.commitment]) == [.unitOpinion])
        #expect(ReportingChecklist.closedOut(.unitPublicity, now: at("2024-09-19", 23, 59, 59), policy: Self.policy) == nil)
        #expect(ReportingChecklist.closedOut(.unitPublicity, now: at("2024-09-20", 0, 0, 0), policy: Self.policy) != nil)
        #expect(ReportingChecklist.closedOut(.reported, now: at("2024-09-20", 0, 0, 0), policy: Self.policy) == nil)
    }

    // MARK: 初级 appointments

    static let engineering = CertificateItem(
        id: "ceng", name: LocalizedText(zh: "特许工程师", en: "Chartered Engineer"), abbreviation: "CEng",
        issuer: LocalizedText(zh: "工程理事会", en: "Engineering Council"), countryOrRegion: LocalizedText(zh: "英国", en: "UK"),
        field: .engineeringTechnology, classes: ["C"], titleSeries: .engineering, levels: [.junior, .intermediate, .associateSenior],
        evidence: .official)

    struct AppointmentRow: Sendable, CustomTestStringConvertible {
        let name: String
        let degree: Degree
        let discipline: Discipline
        let awarded: String
        let workFrom: String
        let note: String?
        let certificate: CertificateItem
        /// nil when appointable, else the clause cited.
        let citation: String?
        var testDescription: String { name }
    }

    static let appointmentRows = [
        AppointmentRow(name: "三(二)1(1) master, 14 months in Shanghai", degree: .master, discipline: .engineering, awarded: "2023-06-30",
                       workFrom: "2023-07-15", note: nil, certificate: engineering, citation: nil),
        AppointmentRow(name: "三(二)1(2) bachelor with 6 months refused", degree: .bachelor, discipline: .engineering, awarded: "2020-06-30",
                       workFrom: "2024-03-10", note: nil, certificate: engineering, citation: "三(二)1"),
        AppointmentRow(name: "三(二)1(2) bachelor with a full year", degree: .bachelor, discipline: .science, awarded: "2020-06-30",
                       workFrom: "2023-09-10", note: nil, certificate: engineering, citation: nil),
        AppointmentRow(name: "三(二)1(2) a year counted to the appointment day, not to 12-31", degree: .bachelor, discipline: .engineering,
                       awarded: "2020-06-30", workFrom: "2023-12-01", note: nil, certificate: engineering, citation: "三(二)1"),
        AppointmentRow(name: "三(二) engineering needs a 理工科 degree", degree: .master, discipline: .literature, awarded: "2020-06-30",
                       workFrom: "2020-07-01", note: nil, certificate: engineering, citation: "三(二)"),
        AppointmentRow(name: "三(二) 原则上 one year in Shanghai: refused without the unit's reason", degree: .master, discipline: .engineering,
                       awarded: "2024-01-31", workFrom: "2024-02-01", note: nil, certificate: engineering, citation: "三(二)"),
        AppointmentRow(name: "三(二) 原则上 one year in Shanghai: appointed with the unit's reason", degree: .master, discipline: .engineering,
                       awarded: "2024-01-31", workFrom: "2024-02-01", note: "海外同类研发岗位工作三年，经单位考核胜任", certificate: engineering,
                       citation: nil),
        AppointmentRow(name: "二 a finance certificate leads to no junior title", degree: .master, discipline: .economics, awarded: "2015-06-30",
                       workFrom: "2015-07-01", note: nil, certificate: CertificateItem(
                        id: "fcca", name: LocalizedText(zh: "FCCA", en: "FCCA"), abbreviation: "FCCA", issuer: LocalizedText(zh: "ACCA", en: "ACCA"),
                        countryOrRegion: LocalizedText(zh: "英国", en: "UK"), field: .financeManagement, classes: ["C"], titleSeries: .accounting,
                        levels: [.associateSenior], evidence: .secondary), citation: "二"),
    ]

    @Test("Junior appointments under the ladder, counted to the appointment day", arguments: appointmentRows)
    func appointment(row: AppointmentRow) {
        let appointment = JuniorAppointment(
            personName: "林雨桐", gender: .female, birthDate: Self.day("1996-05-20"), certificateCode: row.certificate.id,
            certificateNumber: "X-1",
            education: [ApplicationContent.EducationEntry(degree: row.degree, discipline: row.discipline, school: "S", country: "英国",
                                                          awardedOn: Self.day(row.awarded), recognitionNumber: nil)],
            work: [ApplicationContent.WorkEntry(from: Self.day(row.workFrom), to: nil, employer: "E", position: "P", inShanghai: true, related: true)],
            position: "研发工程师", appointedOn: Self.day("2024-09-10"), termYears: 3, basicConditionsMet: true, reviewNote: row.note)
        let decision = JuniorAppointmentRules(policy: Self.policy).decide(appointment, certificate: row.certificate, employerKind: .enterprise)
        #expect(decision.appointable == (row.citation == nil))
        #expect(decision.citation == row.citation)
        if let citation = row.citation { #expect(decision.refusal?.zh.contains(citation) == true) }
        #expect(!decision.report.clauses.contains { $0.id == .verification }, "四(一) 查验 is for 中级 and 副高 only")
        #expect(appointment.termEndsOn == Self.day("2027-09-09"))
    }

    @Test("聘任编号 are readable and ordered")
    func numbers() {
        #expect(JuniorAppointmentRules.number(year: 2024, sequence: 1) == "PR2024-000001")
        #expect(JuniorAppointmentRules.number(year: 2025, sequence: 123_456) == "PR2025-123456")
    }
}

@Suite("公示结果 and the last useful day to submit (四(四))")
struct PublicityOutcomeRuleTests {
    static let policy = TransitionTableTests.policy
    static let calendar = TransitionTableTests.calendar
    static let ends = UnitReviewRuleTests.day("2024-09-13")

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let outcome: PublicityOutcome
        let today: String
        let refusal: String?
        var testDescription: String { name }
    }

    static func outcome(_ kind: PublicityOutcome.Kind, on day: String, by: String = "王经理", objections: String? = nil,
                        findings: String? = nil, decision: String? = nil) -> PublicityOutcome {
        PublicityOutcome(kind: kind, objections: objections, findings: findings, decision: decision, recordedBy: by,
                         recordedOn: UnitReviewRuleTests.day(day))
    }

    static let rows = [
        Row(name: "四(四) no objection, recorded on the publicity's last day", outcome: outcome(.noObjection, on: "2024-09-13"),
            today: "2024-09-13", refusal: nil),
        Row(name: "四(四) not before the last day: a publicity is not over before it ends", outcome: outcome(.noObjection, on: "2024-09-12"),
            today: "2024-09-13", refusal: "publicity_not_over"),
        Row(name: "四(四) not dated after today", outcome: outcome(.noObjection, on: "2024-09-14"), today: "2024-09-13", refusal: "date_future"),
        Row(name: "四(四) by a named person", outcome: outcome(.noObjection, on: "2024-09-13", by: " "), today: "2024-09-13",
            refusal: "reviewer_required"),
        Row(name: "四(四) objections need what was found and decided",
            outcome: outcome(.objectionsSettled, on: "2024-09-13", objections: "工作年限有疑问"), today: "2024-09-13",
            refusal: "objection_incomplete"),
        Row(name: "四(四) objections settled, with findings and decision",
            outcome: outcome(.objectionsSettled, on: "2024-09-16", objections: "工作年限有疑问", findings: "劳动合同属实", decision: "异议不成立"),
            today: "2024-09-18", refusal: nil),
    ]

    @Test("An outcome is recorded from the publicity's last day, complete", arguments: rows)
    func validate(row: Row) {
        do {
            try row.outcome.validate(publicityEnds: Self.ends, today: UnitReviewRuleTests.day(row.today))
            #expect(row.refusal == nil)
        } catch {
            #expect(error.code == row.refusal)
        }
    }

    @Test("The last useful day to submit: the latest start for an enterprise, a working day earlier for a public institution",
          arguments: [
              (ApplicantProfile.EmployerKind.enterprise, "2024-09-12", "2024-09-12", "2024-09-13"),
              (ApplicantProfile.EmployerKind.publicInstitution, "2024-09-11", "2024-09-11", "2024-09-12"),
          ])
    func lastUsefulDay(kind: ApplicantProfile.EmployerKind, last: String, inTime: String, late: String) {
        let plan = PublicityPlan(policy: Self.policy, calendar: Self.calendar)
        #expect(plan.lastUsefulSubmission(employerKind: kind).value == UnitReviewRuleTests.day(last))
        #expect(plan.lateSubmissionWarning(on: UnitReviewRuleTests.day(inTime), employerKind: kind) == nil)
        let warning = plan.lateSubmissionWarning(on: UnitReviewRuleTests.day(late), employerKind: kind)
        #expect(warning?.zh.contains(DateText.long(UnitReviewRuleTests.day(last), in: .zh)) == true)
        let next = NextStep.after(.draft, policy: Self.policy, submitBy: UnitReviewRuleTests.day(last))
        #expect(next.zh.contains("最迟于\(DateText.long(UnitReviewRuleTests.day(last), in: .zh))提交所在单位审核"))
        #expect(!next.zh.contains("于2024年9月19日前提交"))
    }
}

@Suite("满 N 年 in calendar months and days (三(二))")
struct WorkLengthTests {
    static func day(_ iso: String) -> LocalDate { UnitReviewRuleTests.day(iso) }

    @Test("One unbroken span: whole months and the days left", arguments: [
        ("2015-01-01", "2024-12-31", 120, 0),
        ("2005-01-01", "2014-12-31", 120, 0),
        ("2005-01-01", "2014-12-30", 119, 30),
        ("2016-02-29", "2017-02-28", 12, 0),
        ("2016-02-29", "2017-02-27", 11, 30),
        ("2024-01-01", "2024-01-30", 0, 30),
        ("2024-01-31", "2024-02-29", 1, 0),
        ("2024-01-31", "2024-02-28", 0, 29),
        ("2023-01-31", "2023-02-28", 1, 0),
        ("2024-03-01", "2024-03-01", 0, 1),
        ("2024-03-02", "2024-03-01", 0, 0),
    ])
    func span(from: String, to: String, months: Int, days: Int) {
        #expect(ExperienceCounter.length(from: Self.day(from), to: Self.day(to)) == WorkLength(months: months, days: days))
        // Counted alone, a span is what the calendar says: 30 remaining days are not a month.
        let counter = ExperienceCounter(cutoff: Self.day("2024-12-31"))
        let alone = [ApplicantProfile.WorkPeriod(from: Self.day(from), to: Self.day(to), inShanghai: true, related: true)]
        #expect(counter.length(alone).months == months)
    }

    @Test("Pieces add up by months; 30 remaining days make a month")
    func pieces() {
        let counter = ExperienceCounter(cutoff: Self.day("2024-12-31"))
        let work = [
            ApplicantProfile.WorkPeriod(from: Self.day("2020-01-01"), to: Self.day("2020-01-14"), inShanghai: true, related: true),
            ApplicantProfile.WorkPeriod(from: Self.day("2021-01-16"), to: Self.day("2022-12-31"), inShanghai: true, related: true),
        ]
        #expect(counter.length(work) == WorkLength(months: 24, days: 0))
        #expect(counter.meets(years: 2, work))
        // Overlapping periods count their days once.
        let overlapping = work + [ApplicantProfile.WorkPeriod(from: Self.day("2021-06-01"), to: Self.day("2021-06-30"), inShanghai: true, related: true)]
        #expect(counter.length(overlapping) == counter.length(work))
        // Work from the degree's day only.
        #expect(counter.length(work, notBefore: Self.day("2022-01-01")) == WorkLength(months: 12, days: 0))
    }

    @Test("English reads as English: articles and plurals")
    func english() {
        #expect(EnglishText.article("engineering technology") == "an")
        #expect(EnglishText.article("information technology") == "an")
        #expect(EnglishText.article("finance and management") == "a")
        #expect(EnglishText.article("university") == "a")
        #expect(EnglishText.count(1, "year") == "1 year")
        #expect(EnglishText.count(2, "year") == "2 years")
        let policy = TransitionTableTests.policy
        let engine = EligibilityEngine(policy: policy)
        let profile = ApplicantProfile(
            target: .init(series: .engineering, level: .intermediate), employer: .init(kind: .enterprise), currentTitle: nil,
            certificate: .init(field: .engineeringTechnology, titleSeries: .engineering, verifiedOn: Self.day("2024-08-01")),
            education: [.init(degree: .master, discipline: .engineering, awardedOn: Self.day("2021-06-30"))],
            work: [.init(from: Self.day("2023-07-01"), to: nil, inShanghai: true, related: true)],
            attestations: .init(lawAbiding: true, professionalEthics: true, dutiesFulfilled: true))
        let report = engine.evaluate(profile)
        let english = report.clauses.map(\.message.en).joined(separator: "\n")
        #expect(english.contains("An engineering technology certificate"))
        #expect(!english.contains("A engineering"))
        #expect(!english.contains(" 1 years"))
        #expect(english.contains("at least 1 year."))
    }
}
