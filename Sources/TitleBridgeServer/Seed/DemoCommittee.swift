import Fluent
import Foundation
import TitleBridgeCore

/// The committee's part of the demo (四(六)): sessions set up by secretary1, files placed on
/// them, a declared recusal beside the automatic one, the interview records, the experts'
/// opinions and ballots, and closed votes of each outcome — through the committee's desks.
extension DemoReplay {
    func performCommittee(_ action: DemoAction, in thread: DemoThread, policy: BatchPolicy) async throws {
        let committee = CommitteeDesk(app: app, database: app.db)
        let secretary = try await principal("secretary1")
        switch action {
        case .createSession(let session):
            var panel: [UUID] = []
            for expert in session.panel { panel.append(try await principal(expert).userID) }
            _ = try await committee.createSession(CommitteeDesk.SessionInput(
                field: session.field.rawValue, day: session.day, from: session.from, until: session.until, place: session.place,
                videoLink: session.videoLink, panel: panel), by: secretary)
        case .placeOnSession(let place):
            guard let session = try await InterviewSessionRecord.query(on: app.db).filter(\.$batchID == policy.id)
                .filter(\.$place == place).first() else { throw DemoScriptError("no session at \(place)") }
            let record = try await file(of: try await holderAccount(in: thread), policy: policy)
            _ = try await committee.place([try record.requireID()], on: session, by: secretary)
        case .recuse(let expert, let reason):
            let record = try await file(of: try await holderAccount(in: thread), policy: policy)
            try await committee.recuse(record, expert: nil, reason: reason, by: try await principal(expert))
        case .recordInterview(let absent):
            let record = try await file(of: try await holderAccount(in: thread), policy: policy)
            guard let placed = try await InterviewFileRecord.query(on: app.db).filter(\.$applicationID == record.requireID()).first() else {
                throw DemoScriptError("\(record.number ?? "?") is on no session")
            }
            let recused = Set(try await committee.recusals(of: try record.requireID()).map(\.expertID))
            var away = Set<UUID>()
            for expert in absent { away.insert(try await principal(expert).userID) }
            let present = Set(try await committee.panel(of: placed.sessionID)).subtracting(recused).subtracting(away)
            try await committee.recordInterview(record, present: present, by: secretary)
        case .judge(let expert, let recommend, let ballot):
            let record = try await file(of: try await holderAccount(in: thread), policy: policy)
            let votes = VoteDesk(app: app, database: app.db)
            let judge = try await principal(expert)
            try await votes.saveOpinion(record, Self.opinion(recommend), by: judge)
            try await votes.cast(record, ballot, by: judge)
        case .closeVote(let opinion):
            let record = try await file(of: try await holderAccount(in: thread), policy: policy)
            try await VoteDesk(app: app, database: app.db).close(record, opinion: opinion, by: secretary)
        default:
            throw DemoScriptError("\(action) is not a committee step")
        }
    }

    /// An expert's opinion in the demo's words: favourable or not on the four points.
    static func opinion(_ recommend: ExpertOpinion.Recommendation) -> ExpertOpinion {
        let favourable = recommend == .recognise
        return ExpertOpinion(points: [
            .academicLevel: favourable ? "系统掌握财务会计与管理会计理论，熟悉国际和国内会计准则，能跟踪准则变化并在集团实务中运用。"
                : "专业理论基础较扎实，但对前沿问题的把握和研究深度尚显不足。",
            .professionalAbility: favourable ? "独立主持集团合并报表和财务共享项目，能解决复杂的会计与税务问题。"
                : "能独立完成一般业务，主持复杂项目的经历较少。",
            .workResults: favourable ? "牵头的报表自动化和内控改进成效明显，撰写的技术报告质量较高。"
                : "工作成果以日常业务为主，可量化的成果和技术报告较少。",
            .contribution: favourable ? "为单位降本增效作出突出贡献，指导团队成员成长，在行业内有一定影响。"
                : "业绩贡献与副高级职称的要求尚有差距。",
        ], recommendation: recommend)
    }
}
