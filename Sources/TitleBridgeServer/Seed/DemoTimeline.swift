import Foundation
import TitleBridgeCore

/// The demo script of the 2024 second batch (沪人社专〔2024〕296号), in Shanghai wall times.
///
/// The dates follow the batch and its rules: verifications pass by the cut-off (2024-08-31,
/// on working days); files are submitted inside the window (2024-09-06 … 09-19); a unit
/// publicity runs 5 working days by the calendar (9-14 is a working Saturday, 9-15 … 9-17 the
/// Mid-Autumn holiday), so a publicity started on 9-06 ends on 9-12 and nothing can be reported
/// before 9-12 — the bureau has no file in its queue at 9-10; files are reported after their
/// publicity and its outcome, accepted after the window, and their printed files received on
/// the day the bureau set.
///
/// Without a rehearsal clock every step is in the past: the batch is over, and the files stand
/// where people stopped — applicant5 with supervisor1, applicant6 with employer2, applicant7
/// with employer1, applicant8's publicity without its outcome, applicant4 reported and waiting
/// for bureau1, applicant14 accepted and its printed files not yet brought, applicant15's
/// verification with verifier1. applicant1 has a passed verification and no file. Before the
/// committee: applicant3 passed and applicant16 not, applicant17 waits for expert1's ballot and
/// secretary1's close, applicant18 for its interview. After it: applicant3, applicant19 and
/// applicant20, applicant21 on the result list of 21–25 October; an objection to applicant19
/// dismissed, one to applicant20 upheld, one to applicant21 still open (its certificate waits); certificates issued on 28 October to applicant3 and applicant19, and
/// applicant19's revoked on 20 November.
enum DemoTimeline {
    static func applicant(_ username: String) -> DemoApplicant? {
        DemoSeed.applicants.first { $0.username == username }
    }

    /// A holder's file; nil (and no thread) for a username the demo does not have.
    static func file(_ username: String, _ steps: (DemoApplicant) -> [DemoStep]) -> DemoThread? {
        applicant(username).map { DemoThread(key: .account(username), applicant: $0, steps: steps($0)) }
    }

    /// Verification asked and passed, the file opened, the form filled in two sittings and the
    /// proofs attached: how every file starts.
    static func prepared(_ holder: DemoApplicant, asked: String, passed: String, opened: String, filled: String, finished: String,
                         proofs: String) -> [DemoStep] {
        [DemoStep(asked, .requestVerification(holder.certificate)), DemoStep(passed, .passVerification),
         DemoStep(opened, .openFile), DemoStep(filled, .save([.personal, .employer, .certificate])),
         DemoStep(finished, .save([.education, .work, .target, .summary])), DemoStep(proofs, .uploadProofs)]
    }

    static let commitment = DemoAction.upload(.commitment, note: "签字版")
    static let unitOpinion = DemoAction.upload(.unitOpinion, note: "盖章版")
    static let intranet = "公司内网公告栏及一楼人事公告栏"
    static let noticeBoard = "研究院办公楼一楼公示栏及院内网"

    /// The committee's sessions of the finance field: the first heard, the second still to come.
    static let sessionA = DemoSession(field: .financeManagement, day: "2024-10-15", from: "09:00", until: "17:00",
                                      place: "上海市人才服务中心三楼第一会议室（演示）", panel: (1...7).map { "expert\($0)" })
    static let sessionB = DemoSession(field: .financeManagement, day: "2024-10-22", from: "13:30", until: "17:00",
                                      place: "上海市人才服务中心三楼第二会议室（演示）", videoLink: "https://meeting.example.org/titlebridge-demo",
                                      panel: (1...7).map { "expert\($0)" })

    /// How applicant3's file went to acceptance, for the committee's files that follow it a few
    /// minutes apart (`minutes` later on the same days).
    static func likeApplicant3(_ holder: DemoApplicant, minutes: Int) -> [DemoStep] {
        func at(_ text: String) -> String {
            guard let instant = RehearsalClock.instant(from: text) else { return text }
            return ShanghaiTime.clockText(instant.addingTimeInterval(Double(minutes * 60)))
        }
        return prepared(holder, asked: at("2024-08-21 10:05"), passed: at("2024-08-22 09:40"), opened: at("2024-09-02 20:15"),
                        filled: at("2024-09-02 20:40"), finished: at("2024-09-04 22:05"), proofs: at("2024-09-04 22:20")) + [
            DemoStep(at("2024-09-06 09:12"), .submit), DemoStep(at("2024-09-06 14:30"), .approve(remarks: nil)),
            DemoStep(at("2024-09-06 15:05"), .publicity(startsOn: "2024-09-06", place: intranet)),
            DemoStep(at("2024-09-09 10:20"), unitOpinion), DemoStep(at("2024-09-09 19:30"), commitment),
            DemoStep(at("2024-09-12 17:10"), .publicityOutcome(.noObjection)), DemoStep(at("2024-09-13 09:30"), .report),
            DemoStep(at("2024-09-26 10:00"), .accept), DemoStep(at("2024-09-30 10:15"), .receivePaper),
        ]
    }

    /// Opinions and ballots of several experts, a minute apart.
    static func judged(from start: String, _ votes: [(String, BallotChoice)]) -> [DemoStep] {
        guard let first = RehearsalClock.instant(from: start) else { return [] }
        return votes.enumerated().map { index, vote in
            DemoStep(ShanghaiTime.clockText(first.addingTimeInterval(Double(index * 60))),
                     .judge(expert: vote.0, recommend: vote.1 == .agree ? .recognise : .notRecognise, ballot: vote.1))
        }
    }

    static let threads: [DemoThread] = [
        DemoThread(key: .catalogue, steps: [DemoStep("2024-08-21 08:45", .addDemoCertificateItems)]),
        DemoThread(key: .account("applicant1"), steps: [DemoStep("2024-08-28 10:00", .loadPlatformResult(
            number: "PV-2024-0617", passedOn: "2024-08-27", certificate: DemoSeed.newcomerCertificate, idNumber: DemoSeed.newcomerIDNumber))]),
        DemoThread(key: .account(DemoSeed.pendingHolder.username),
                   steps: [DemoStep("2024-09-09 14:20", .requestVerification(DemoSeed.pendingCertificate))]),
        DemoThread(key: .paperSchedule, steps: [DemoStep("2024-09-26 10:30", .schedulePaper(
            day: "2024-09-30", from: "09:00", until: "16:30", place: "上海市人才服务中心一楼受理窗口（演示）"))]),
        DemoThread(key: .session(place: sessionA.place), steps: [DemoStep("2024-10-08 09:30", .createSession(sessionA))]),
        DemoThread(key: .session(place: sessionB.place), steps: [DemoStep("2024-10-08 09:40", .createSession(sessionB))]),
        DemoThread(key: .results, steps: [
            DemoStep("2024-10-18 10:00", .publishResults(startsOn: "2024-10-21")),
            DemoStep("2024-10-28 10:00", .issueCertificates(documentNumber: "沪人社专〔2024〕412号")),
        ]),
    ] + DemoSeed.appointees.enumerated().map { index, appointee in
        DemoThread(key: .appointment(unit: appointee.unit, person: appointee.name),
                   steps: [DemoStep(index == 0 ? "2024-09-11 10:00" : "2024-09-12 14:30", .appoint(appointee))])
    } + fileThreads.compactMap { $0 }

    static let fileThreads: [DemoThread?] = [
        // Accepted, numbered, its printed files received.
        file("applicant3") { holder in
            prepared(holder, asked: "2024-08-21 10:05", passed: "2024-08-22 09:40", opened: "2024-09-02 20:15", filled: "2024-09-02 20:40",
                     finished: "2024-09-04 22:05", proofs: "2024-09-04 22:20") + [
                DemoStep("2024-09-06 09:12", .submit), DemoStep("2024-09-06 14:30", .approve(remarks: nil)),
                DemoStep("2024-09-06 15:05", .publicity(startsOn: "2024-09-06", place: intranet)),
                DemoStep("2024-09-09 10:20", unitOpinion), DemoStep("2024-09-09 19:30", commitment),
                DemoStep("2024-09-12 17:10", .publicityOutcome(.noObjection)), DemoStep("2024-09-13 09:30", .report),
                DemoStep("2024-09-26 10:00", .accept), DemoStep("2024-09-30 10:15", .receivePaper),
                // Interviewed and passed: expert7 works for the same enterprise and is recused when the file is placed.
                DemoStep("2024-10-08 10:00", .placeOnSession(place: sessionA.place)),
                DemoStep("2024-10-15 10:00", .recordInterview(absent: [])),
            ] + judged(from: "2024-10-15 14:00", [("expert1", .agree), ("expert2", .agree), ("expert3", .agree), ("expert4", .agree),
                                                  ("expert5", .agree), ("expert6", .disagree)]) + [
                DemoStep("2024-10-15 16:00", .closeVote(opinion: "申报人系统掌握会计专业理论，业绩突出，符合副高级职称考核认定条件，同意认定为高级会计师。")),
            ]
        },
        // Interviewed and not passed; expert6 stood aside (and expert7, of the same enterprise).
        file("applicant16") { holder in
            likeApplicant3(holder, minutes: 5) + [
                DemoStep("2024-10-08 10:05", .placeOnSession(place: sessionA.place)),
                DemoStep("2024-10-09 09:00", .recuse(expert: "expert6", reason: "申报人曾在本人指导的课题组从事研究工作，存在可能影响公正的关系。")),
                DemoStep("2024-10-15 11:00", .recordInterview(absent: [])),
            ] + judged(from: "2024-10-15 14:30", [("expert1", .agree), ("expert2", .agree), ("expert3", .disagree),
                                                  ("expert4", .disagree), ("expert5", .abstain)]) + [
                DemoStep("2024-10-15 16:10", .closeVote(opinion: "申报人业绩贡献与副高级职称的要求尚有差距，表决未达到出席委员三分之二同意，不予认定。")),
            ]
        },
        // Interviewed (expert6 absent); expert1 has still to give an opinion and vote, then secretary1 closes.
        file("applicant17") { holder in
            likeApplicant3(holder, minutes: 10) + [
                DemoStep("2024-10-08 10:10", .placeOnSession(place: sessionA.place)),
                DemoStep("2024-10-15 11:30", .recordInterview(absent: ["expert6"])),
            ] + judged(from: "2024-10-15 15:00", [("expert2", .agree), ("expert3", .agree), ("expert4", .agree), ("expert5", .agree)])
        },
        // Passed, on the result list; an objection dismissed; the certificate issued, later revoked.
        file("applicant19") { holder in
            likeApplicant3(holder, minutes: 20) + [
                DemoStep("2024-10-08 10:25", .placeOnSession(place: sessionA.place)),
                DemoStep("2024-10-15 12:00", .recordInterview(absent: [])),
            ] + judged(from: "2024-10-15 15:30", [("expert1", .agree), ("expert2", .agree), ("expert3", .agree), ("expert4", .agree),
                                                  ("expert5", .agree), ("expert6", .agree)]) + [
                DemoStep("2024-10-15 16:20", .closeVote(opinion: "申报人专业理论扎实，主持完成的财务共享项目成效明显，同意认定为高级会计师。")),
                DemoStep("2024-10-22 14:00", .object(name: "周敏", contact: "13901234567",
                                                     reasons: "听说申报人的境外职业资格证书已过期，不应认定，请予核实。")),
                DemoStep("2024-10-24 10:00", .ruleObjection(.dismissed, reason: "经向发证机构核实，申报人的ACCA会员资格有效，异议不成立。")),
                DemoStep("2024-11-20 10:00", .revokeCertificate(reason: "经复查，申报材料中的一份工作经历证明系伪造，依规撤销其职称。")),
            ]
        },
        // Passed, on the result list; an objection upheld, so not recognised.
        file("applicant20") { holder in
            likeApplicant3(holder, minutes: 25) + [
                DemoStep("2024-10-08 10:30", .placeOnSession(place: sessionA.place)),
                DemoStep("2024-10-15 12:30", .recordInterview(absent: [])),
            ] + judged(from: "2024-10-15 16:00", [("expert1", .agree), ("expert2", .agree), ("expert3", .agree), ("expert4", .agree),
                                                  ("expert5", .agree), ("expert6", .abstain)]) + [
                DemoStep("2024-10-15 16:40", .closeVote(opinion: "申报人业绩贡献符合副高级职称考核认定条件，同意认定为高级会计师。")),
                DemoStep("2024-10-23 09:30", .object(name: "吴刚", contact: "wu.gang@example.com",
                                                     reasons: "申报人工作总结中所列的集团合并报表项目由本人主持，申报人仅为参与人员，有项目立项文件为证。")),
                DemoStep("2024-10-25 15:00", .ruleObjection(.upheld, reason: "经调取项目立项文件核实，该项目主持人并非申报人，申报业绩不实，异议成立，不予认定。")),
            ]
        },
        // Passed, on the result list; an objection on its last day the bureau is still looking into,
        // so its certificate waits.
        file("applicant21") { holder in
            likeApplicant3(holder, minutes: 30) + [
                DemoStep("2024-10-08 10:35", .placeOnSession(place: sessionA.place)),
                DemoStep("2024-10-15 13:00", .recordInterview(absent: [])),
            ] + judged(from: "2024-10-15 16:45", [("expert1", .agree), ("expert2", .agree), ("expert3", .agree), ("expert4", .agree),
                                                  ("expert5", .agree), ("expert6", .agree)]) + [
                DemoStep("2024-10-15 16:55", .closeVote(opinion: "申报人专业能力突出，业绩贡献明显，同意认定为高级会计师。")),
                DemoStep("2024-10-25 16:30", .object(name: "郑华", contact: "13512345678",
                                                     reasons: "申报人所在单位曾因财务报告问题受到行政处罚，申报人作为财务负责人应承担相应责任，请予核实。")),
            ]
        },
        // Placed on the next session; its interview is still to come.
        file("applicant18") { holder in
            likeApplicant3(holder, minutes: 15) + [DemoStep("2024-10-08 10:20", .placeOnSession(place: sessionB.place))]
        },
        // Reported; waits for the bureau.
        file("applicant4") { holder in
            prepared(holder, asked: "2024-08-22 14:30", passed: "2024-08-23 10:10", opened: "2024-09-04 19:00", filled: "2024-09-04 19:30",
                     finished: "2024-09-05 20:45", proofs: "2024-09-05 21:00") + [
                DemoStep("2024-09-06 10:30", .submit), DemoStep("2024-09-09 10:00", .approve(remarks: "该同志长期负责公司信息安全体系建设，业绩突出。")),
                DemoStep("2024-09-09 10:40", .publicity(startsOn: "2024-09-09", place: intranet)),
                DemoStep("2024-09-10 10:30", unitOpinion), DemoStep("2024-09-11 20:10", commitment),
                DemoStep("2024-09-13 16:00", .publicityOutcome(.noObjection)), DemoStep("2024-09-14 10:20", .report),
            ]
        },
        // A public institution's file with its supervising department.
        file("applicant5") { holder in
            prepared(holder, asked: "2024-08-23 09:20", passed: "2024-08-26 11:00", opened: "2024-09-05 08:50", filled: "2024-09-05 09:30",
                     finished: "2024-09-06 12:30", proofs: "2024-09-06 13:00") + [
                DemoStep("2024-09-06 15:40", .submit), DemoStep("2024-09-09 11:00", .approve(remarks: nil)),
            ]
        },
        // Submitted to a public institution; waits for employer2.
        file("applicant6") { holder in
            prepared(holder, asked: "2024-08-26 15:40", passed: "2024-08-27 10:30", opened: "2024-09-06 19:20", filled: "2024-09-06 19:50",
                     finished: "2024-09-08 16:30", proofs: "2024-09-08 17:00") + [DemoStep("2024-09-09 16:20", .submit)]
        },
        // Returned once for a stamped proof of work, submitted again; waits for employer1.
        file("applicant7") { holder in
            prepared(holder, asked: "2024-08-23 14:00", passed: "2024-08-26 14:20", opened: "2024-09-03 20:00", filled: "2024-09-03 20:30",
                     finished: "2024-09-05 21:30", proofs: "2024-09-05 21:45") + [
                DemoStep("2024-09-06 11:00", .submit),
                DemoStep("2024-09-06 16:00", .returnToApplicant(reason: "在Amazon Web Services工作期间的工作证明未加盖原单位公章，请补充盖章件后重新提交。")),
                DemoStep("2024-09-08 15:30", .upload(.workProof, note: "补充原单位盖章件")), DemoStep("2024-09-09 09:45", .submit),
            ]
        },
        // In its publicity; the unit has not recorded how it ended.
        file("applicant8") { holder in
            prepared(holder, asked: "2024-08-27 10:15", passed: "2024-08-28 09:50", opened: "2024-09-03 19:10", filled: "2024-09-03 19:40",
                     finished: "2024-09-04 20:30", proofs: "2024-09-05 19:00") + [
                DemoStep("2024-09-06 09:50", .submit), DemoStep("2024-09-09 15:00", .approve(remarks: nil)),
                DemoStep("2024-09-09 15:30", .publicity(startsOn: "2024-09-10", place: "公司官网通知公告栏目")),
                DemoStep("2024-09-11 21:00", commitment),
            ]
        },
        // Its publicity met an objection the unit settled; never reported.
        file("applicant9") { holder in
            prepared(holder, asked: "2024-08-28 11:30", passed: "2024-08-29 10:00", opened: "2024-09-04 20:00", filled: "2024-09-04 20:30",
                     finished: "2024-09-05 20:00", proofs: "2024-09-05 20:20") + [
                DemoStep("2024-09-06 13:20", .submit), DemoStep("2024-09-06 16:10", .approve(remarks: nil)),
                DemoStep("2024-09-09 09:30", .publicity(startsOn: "2024-09-09", place: intranet)), DemoStep("2024-09-09 09:40", unitOpinion),
                DemoStep("2024-09-13 17:30", .publicityOutcome(DemoOutcome(
                    objections: "有员工反映申报人近两年主要从事管理工作，与会计专业技术工作关联不足。",
                    findings: "经核查岗位说明书和工作记录，申报人负责集团合并报表编制和财务分析，属会计专业技术工作。",
                    decision: "异议不成立，继续申报。"))),
            ]
        },
        // Asked for a supplement it never sent: withdrawn by the deadline job when the due day has passed.
        file("applicant10") { holder in
            prepared(holder, asked: "2024-08-21 11:20", passed: "2024-08-22 10:30", opened: "2024-09-02 19:00", filled: "2024-09-02 19:30",
                     finished: "2024-09-03 20:00", proofs: "2024-09-03 20:30") + [
                DemoStep("2024-09-06 10:00", .submit), DemoStep("2024-09-06 15:00", .approve(remarks: nil)),
                DemoStep("2024-09-09 10:30", .confirmPost), DemoStep("2024-09-09 14:00", .publicity(startsOn: "2024-09-09", place: noticeBoard)),
                DemoStep("2024-09-10 11:00", unitOpinion), DemoStep("2024-09-10 20:00", commitment),
                DemoStep("2024-09-13 15:00", .publicityOutcome(.noObjection)), DemoStep("2024-09-13 17:00", .report),
                DemoStep("2024-09-20 10:30", .requestSupplement(due: "2024-09-27", flags: [DemoFlag(
                    item: "upload:degree", verdict: .nonConforming, note: "境外学历学位未附教育部留学服务中心出具的认证书，请补充上传。")])),
                // The job withdraws a supplement that is overdue from the day after its due day: it
                // is replayed at the first instant it would have found this one overdue (9-28 00:00),
                // so the file stands as `serve`'s job would leave it.
                DemoStep("2024-09-28 00:00", .supplementDeadlines),
            ]
        },
        // Reported, and not accepted with the bureau's reason.
        file("applicant11") { holder in
            prepared(holder, asked: "2024-08-22 16:00", passed: "2024-08-23 15:30", opened: "2024-09-04 21:00", filled: "2024-09-04 21:20",
                     finished: "2024-09-05 19:30", proofs: "2024-09-05 19:50") + [
                DemoStep("2024-09-06 11:30", .submit), DemoStep("2024-09-06 17:00", .approve(remarks: nil)),
                DemoStep("2024-09-09 10:00", .publicity(startsOn: "2024-09-09", place: intranet)),
                DemoStep("2024-09-09 18:00", commitment), DemoStep("2024-09-10 10:40", unitOpinion),
                DemoStep("2024-09-13 16:20", .publicityOutcome(.noObjection)), DemoStep("2024-09-14 09:15", .report),
                DemoStep("2024-09-20 15:00", .notAccept(reason: "经与行业主管部门核实，2018年6月前在Infosys的工作以外包软件测试为主，与申报专业相关性不足，相关专业工作年限不符合三(二)2的要求。")),
            ]
        },
        // Withdrawn by its holder while with the employer.
        file("applicant12") { holder in
            prepared(holder, asked: "2024-08-26 09:40", passed: "2024-08-27 14:00", opened: "2024-09-05 12:30", filled: "2024-09-05 12:50",
                     finished: "2024-09-05 20:40", proofs: "2024-09-05 21:00") + [
                DemoStep("2024-09-06 16:00", .submit),
                DemoStep("2024-09-11 11:20", .withdraw(reason: "本人将调往外省分公司工作，决定撤回本次申报。")),
            ]
        },
        // Still being filled in.
        file("applicant13") { holder in
            [DemoStep("2024-08-29 10:20", .requestVerification(holder.certificate)), DemoStep("2024-08-30 11:10", .passVerification),
             DemoStep("2024-09-05 19:40", .openFile), DemoStep("2024-09-05 20:10", .save([.personal, .employer, .certificate])),
             DemoStep("2024-09-08 21:00", .save([.education, .work])), DemoStep("2024-09-11 22:00", .save([.target, .summary])),
             DemoStep("2024-09-11 22:20", .upload(.degree, note: "学历学位证书"))]
        },
        // Supplemented in time, accepted; its printed files not yet brought.
        file("applicant14") { holder in
            prepared(holder, asked: "2024-08-23 11:00", passed: "2024-08-26 16:00", opened: "2024-09-03 19:30", filled: "2024-09-03 20:00",
                     finished: "2024-09-04 20:15", proofs: "2024-09-04 20:40") + [
                DemoStep("2024-09-06 09:30", .submit), DemoStep("2024-09-06 11:40", .approve(remarks: nil)),
                DemoStep("2024-09-06 16:00", .confirmPost), DemoStep("2024-09-09 09:05", .publicity(startsOn: "2024-09-09", place: noticeBoard)),
                DemoStep("2024-09-11 10:00", unitOpinion), DemoStep("2024-09-11 20:30", commitment),
                DemoStep("2024-09-13 14:00", .publicityOutcome(.noObjection)), DemoStep("2024-09-13 16:40", .report),
                DemoStep("2024-09-20 11:00", .requestSupplement(due: "2024-09-27", flags: [DemoFlag(
                    item: "upload:workProof", verdict: .nonConforming, note: "工作证明未写明2015年4月至2018年9月从事专业技术工作的岗位和起止时间，请补充完整。")])),
                DemoStep("2024-09-23 19:30", .upload(.workProof, note: "补正：写明岗位和起止时间")), DemoStep("2024-09-23 19:40", .resubmit),
                DemoStep("2024-09-26 15:00", .accept),
            ]
        },
    ]
}
