import Foundation
import Testing
import TitleBridgeCore

@Suite("The procedure as one transition table (四)")
struct TransitionTableTests {
    static let policy: BatchPolicy = {
        guard let policy = try? BatchPolicy.bundled()["shanghai-2024-batch2"] else { fatalError("bundled policy") }
        return policy
    }()
    static let calendar: WorkingDayCalendar = {
        guard let calendar = try? WorkingDayCalendar.bundled() else { fatalError("bundled calendar") }
        return calendar
    }()

    /// An instant in Shanghai: `2024-09-19 23:59:59`.
    static func at(_ day: String, _ hour: Int = 12, _ minute: Int = 0, _ second: Int = 0) -> Date {
        guard let date = LocalDate(iso: day) else { fatalError(day) }
        return ShanghaiTime.startOfDay(date).addingTimeInterval(Double(hour * 3600 + minute * 60 + second))
    }

    static func facts(_ now: Date, _ kind: ApplicantProfile.EmployerKind = .enterprise,
                      _ change: (inout TransitionFacts) -> Void = { _ in }) -> TransitionFacts {
        var facts = TransitionFacts(now: now, employerKind: kind, targetLevel: .associateSenior, summaryZi: 3000,
                                    publicityOutcomeRecorded: true, missingMaterials: [], missingProofs: [])
        change(&facts)
        return facts
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let from: Stage
        let event: StageEvent
        let actor: TransitionActor
        let facts: TransitionFacts
        let expected: Outcome
        var testDescription: String { name }
    }

    enum Outcome: Sendable {
        case success(Stage)
        case failure(TransitionRefusal.Code)
    }

    /// Publicity of 5 working days from `start`, by the calendar.
    static func publicityEnd(_ start: String) -> LocalDate {
        guard let day = LocalDate(iso: start) else { fatalError(start) }
        return calendar.nthWorkingDay(from: day, count: policy.thresholds.unitPublicityWorkingDays.value).value
    }

    @Test("Each row of the procedure, at its boundaries", arguments: [
        Row(name: "四(四) submit on the last day, 23:59:59", from: .draft, event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-19", 23, 59, 59)), expected: .success(.employerReview)),
        Row(name: "四(四) submit at 00:00:00 after the last day", from: .draft, event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-20", 0)), expected: .failure(.outsideWindow)),
        Row(name: "四(四) submit before the window opens", from: .draft, event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-05", 23, 59, 59)), expected: .failure(.outsideWindow)),
        Row(name: "四(三) submit without the proof of work", from: .draft, event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-10")) { $0.missingProofs = [.workProof] }, expected: .failure(.proofsMissing)),
        Row(name: "四(三) submit with every proof but nothing else uploaded (commitment and opinion come later)", from: .draft,
            event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-10")) { $0.missingMaterials = [.commitment, .unitOpinion] }, expected: .success(.employerReview)),
        Row(name: "三 submit with a failed clause", from: .draft, event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-10")) { $0.eligibilityFails = true }, expected: .failure(.notEligible)),
        Row(name: "四(二) summary of 2999 字", from: .draft, event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-10")) { $0.summaryZi = 2999 }, expected: .failure(.summaryTooShort)),
        Row(name: "employer cannot submit for the applicant", from: .draft, event: .submit, actor: .role(.employer),
            facts: facts(at("2024-09-10")), expected: .failure(.notYourRole)),
        Row(name: "四(三) return needs a reason", from: .employerReview, event: .returnToApplicant, actor: .role(.employer),
            facts: facts(at("2024-09-10")), expected: .failure(.reasonRequired)),
        Row(name: "四(三) return with a reason", from: .employerReview, event: .returnToApplicant, actor: .role(.employer),
            facts: facts(at("2024-09-10")) { $0.reason = "工作经历证明缺少盖章" }, expected: .success(.draft)),
        Row(name: "enterprise approval goes to publicity", from: .employerReview, event: .approve, actor: .role(.employer),
            facts: facts(at("2024-09-10")), expected: .success(.unitPublicity)),
        Row(name: "public institution approval goes to the supervising department", from: .employerReview, event: .approve,
            actor: .role(.employer), facts: facts(at("2024-09-10"), .publicInstitution), expected: .success(.supervisorReview)),
        Row(name: "supervisor confirms the post", from: .supervisorReview, event: .confirmPost, actor: .role(.supervisor),
            facts: facts(at("2024-09-10"), .publicInstitution), expected: .success(.unitPublicity)),
        Row(name: "四(三) publicity from 9/12 ends 9/19: reported on 9/19", from: .unitPublicity, event: .report, actor: .role(.applicant),
            facts: facts(at("2024-09-19", 16)) { $0.publicityEnds = publicityEnd("2024-09-12") }, expected: .success(.reported)),
        Row(name: "四(三) publicity from 9/13 has not ended on 9/19", from: .unitPublicity, event: .report, actor: .role(.applicant),
            facts: facts(at("2024-09-19", 16)) { $0.publicityEnds = publicityEnd("2024-09-13") }, expected: .failure(.publicityNotEnded)),
        Row(name: "四(四) publicity from 9/13 ends 9/20, after the window", from: .unitPublicity, event: .report, actor: .role(.applicant),
            facts: facts(at("2024-09-20", 9)) { $0.publicityEnds = publicityEnd("2024-09-13") }, expected: .failure(.outsideWindow)),
        Row(name: "四(四) report needs the commitment and the unit opinion", from: .unitPublicity, event: .report, actor: .role(.applicant),
            facts: facts(at("2024-09-19")) { $0.publicityEnds = publicityEnd("2024-09-12"); $0.missingMaterials = [.unitOpinion] },
            expected: .failure(.materialsMissing)),
        Row(name: "四(五) first supplement request", from: .reported, event: .requestSupplement, actor: .role(.bureau),
            facts: facts(at("2024-09-25")) { $0.supplementDue = LocalDate(iso: "2024-10-10") }, expected: .success(.supplementRequested)),
        Row(name: "四(五) a second supplement request is impossible", from: .reported, event: .requestSupplement, actor: .role(.bureau),
            facts: facts(at("2024-10-12")) { $0.supplementsRequested = 1; $0.supplementDue = LocalDate(iso: "2024-10-20") },
            expected: .failure(.supplementAlreadyUsed)),
        Row(name: "四(五) resubmit on the due day", from: .supplementRequested, event: .resubmit, actor: .role(.applicant),
            facts: facts(at("2024-10-10", 23, 59, 59)) { $0.supplementDue = LocalDate(iso: "2024-10-10") }, expected: .success(.reported)),
        Row(name: "四(五) resubmit after the due day", from: .supplementRequested, event: .resubmit, actor: .role(.applicant),
            facts: facts(at("2024-10-11", 0)) { $0.supplementDue = LocalDate(iso: "2024-10-10") }, expected: .failure(.supplementOverdue)),
        Row(name: "四(五) overdue: withdrawn by the system", from: .supplementRequested, event: .supplementOverdue, actor: .system,
            facts: facts(at("2024-10-11", 0)) { $0.supplementDue = LocalDate(iso: "2024-10-10") }, expected: .success(.withdrawn)),
        Row(name: "四(五) not yet overdue", from: .supplementRequested, event: .supplementOverdue, actor: .system,
            facts: facts(at("2024-10-10", 23)) { $0.supplementDue = LocalDate(iso: "2024-10-10") }, expected: .failure(.supplementNotOverdue)),
        Row(name: "四(五) accept", from: .reported, event: .accept, actor: .role(.bureau), facts: facts(at("2024-09-25")),
            expected: .success(.accepted)),
        Row(name: "四(五) a file failing a condition is not accepted", from: .reported, event: .accept, actor: .role(.bureau),
            facts: facts(at("2024-09-25")) { $0.eligibilityFails = true }, expected: .failure(.notEligible)),
        Row(name: "四 初级 is not submitted to the committee", from: .draft, event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-10")) { $0.targetLevel = .junior }, expected: .failure(.notCommitteeLevel)),
        Row(name: "四 初级 is not accepted either", from: .reported, event: .accept, actor: .role(.bureau),
            facts: facts(at("2024-09-25")) { $0.targetLevel = .junior }, expected: .failure(.notCommitteeLevel)),
        Row(name: "四 中级 is submitted", from: .draft, event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-10")) { $0.targetLevel = .intermediate }, expected: .success(.employerReview)),
        Row(name: "四 no target yet: nothing to submit", from: .draft, event: .submit, actor: .role(.applicant),
            facts: facts(at("2024-09-10")) { $0.targetLevel = nil }, expected: .failure(.notCommitteeLevel)),
        Row(name: "四(四) report needs the publicity's outcome", from: .unitPublicity, event: .report, actor: .role(.applicant),
            facts: facts(at("2024-09-19")) { $0.publicityEnds = publicityEnd("2024-09-12"); $0.publicityOutcomeRecorded = false },
            expected: .failure(.publicityOutcomeMissing)),
        Row(name: "四(四) an objection upheld: the employer returns the file during the publicity", from: .unitPublicity,
            event: .returnToApplicant, actor: .role(.employer),
            facts: facts(at("2024-09-13")) { $0.reason = "异议经核实成立：工作经历与实际不符" }, expected: .success(.draft)),
        Row(name: "四(四) a return during the publicity needs the reason", from: .unitPublicity, event: .returnToApplicant,
            actor: .role(.employer), facts: facts(at("2024-09-13")), expected: .failure(.reasonRequired)),
        Row(name: "四(五) not accepted needs a reason", from: .reported, event: .notAccept, actor: .role(.bureau),
            facts: facts(at("2024-09-25")), expected: .failure(.reasonRequired)),
        Row(name: "accepted files cannot be withdrawn", from: .accepted, event: .withdraw, actor: .role(.applicant),
            facts: facts(at("2024-09-25")), expected: .failure(.noSuchTransition)),
        Row(name: "a pass needs a passing vote", from: .interviewed, event: .recordPass, actor: .role(.secretary),
            facts: facts(at("2024-11-01")) { $0.votePassed = false }, expected: .failure(.voteNotRecorded)),
        Row(name: "certify after the result publicity, no open objection", from: .resultPublicity, event: .certify, actor: .role(.bureau),
            facts: facts(at("2024-12-01")) { $0.resultPublicityEnds = LocalDate(iso: "2024-11-30") }, expected: .success(.certified)),
        Row(name: "an open objection holds the certificate", from: .resultPublicity, event: .certify, actor: .role(.bureau),
            facts: facts(at("2024-12-01")) { $0.resultPublicityEnds = LocalDate(iso: "2024-11-30"); $0.openObjections = 1 },
            expected: .failure(.resultPublicityOpen)),
    ])
    func row(row: Row) {
        let result = TransitionTable.decide(from: row.from, event: row.event, by: row.actor, facts: row.facts, policy: Self.policy)
        switch (result, row.expected) {
        case (.success(let stage), .success(let expected)):
            #expect(stage == expected)
        case (.failure(let refusal), .failure(let expected)):
            #expect(refusal.code == expected)
            #expect(!refusal.message.zh.isEmpty && !refusal.message.en.isEmpty)
        default:
            Issue.record("\(row.name): got \(result)")
        }
    }

    @Test("The refusal after the window names the deadline")
    func deadlineMessage() throws {
        let result = TransitionTable.decide(from: .draft, event: .submit, by: .role(.applicant),
                                            facts: Self.facts(Self.at("2024-09-20", 0)), policy: Self.policy)
        guard case .failure(let refusal) = result else { Issue.record("accepted"); return }
        #expect(refusal.message.zh.contains("2024年9月19日"))
        #expect(refusal.message.en.contains("19 September 2024"))
        #expect(refusal.citation == Self.policy.dates.submissionCloses.citation)
        // The window is the reporting window of 四(四): the refusal speaks of reporting.
        #expect(refusal.message.zh.contains("上报"))
        #expect(refusal.message.en.contains("reported") && !refusal.message.en.contains("Applications"))
    }

    @Test("Every stage is reachable from draft; frozen stages never lead back to an editable one")
    func shape() {
        var reached: Set<Stage> = [.draft]
        var frontier: [Stage] = [.draft]
        while let stage = frontier.popLast() {
            for row in TransitionTable.rows where row.from == stage && reached.insert(row.to).inserted {
                frontier.append(row.to)
            }
        }
        #expect(reached == Set(Stage.allCases))
        for row in TransitionTable.rows where row.from.isFrozen {
            #expect(row.to.isFrozen, "\(row.from) → \(row.to) unfreezes a file")
        }
        for stage in Stage.allCases where stage.isFinal {
            #expect(TransitionTable.rows.allSatisfy { $0.from != stage }, "\(stage) is final but has a way out")
        }
        #expect(TransitionTable.events(from: .employerReview, by: .role(.employer)) == [.returnToApplicant, .approve])
    }
}
