import Foundation
import TitleBridgeCore
import Vapor

/// One file as the committee judges it. An expert of its panel finds the criteria of the level,
/// the opinion form, the ballot and the way to stand aside; the secretary finds the panel's
/// standing, the recusal and attendance forms, the unsigned opinions and the close. After the
/// close both find the tally.
struct CommitteeFilePage: Encodable {
    struct PanelRow: Encodable {
        let name: String
        let expertise: String
        let attendance: String
        let opinion: String
        let voted: String
    }

    struct OpinionView: Encodable {
        var title = ""
        let points: [Line]
        let recommendation: String
    }

    struct Line: Encodable {
        let label: String
        let value: String
    }

    struct PointField: Encodable {
        let name: String
        let label: String
        let value: String
        let problem: String?
    }

    let chrome: PageChrome
    let heading: String
    let w: [String: String]
    let csrfToken: String
    let problems: PageProblems?
    let notice: String?
    let fileHref: String
    let backHref: String
    let formHref: String
    let lines: [String]
    let criteriaNote: String?
    let criteria: [String]
    let isSecretary: Bool
    /// Why this expert cannot judge now (recused, not yet interviewed, …).
    let judgingNote: String?
    let mayRecuse: Bool
    let opinionForm: [PointField]?
    let recommendations: [CommitteeOption]
    let mayVote: Bool
    let hasVoted: Bool
    let needsOpinion: Bool
    let choices: [CommitteeOption]
    let actions: [String: String]
    let panel: [PanelRow]
    let recusable: [CommitteeOption]
    let attendance: [CommitteeOption]
    let opinions: [OpinionView]
    let standingLine: String?
    let mayClose: Bool
    let form: CommitteeForm
    let tally: [Line]?
    let tallyOutcome: String?
    let tallyPassed: Bool
    let committeeOpinion: String?
    let closedOn: String?

    struct Facts {
        let record: ApplicationRecord
        let seat: CommitteeSeat
        let name: String
        let number: String
        let session: InterviewSessionRecord?
        let target: ApplicantProfile.Title?
        let policy: BatchPolicy
        let panel: [CommitteeMemberRecord]
        let names: [UUID: String]
        let recusals: [RecusalRecord]
        let attendance: [AttendanceRecord]
        let opinions: [OpinionRecord]
        let voters: Set<UUID>
        let own: OpinionRecord?
        let hasVoted: Bool
        let standing: VoteDesk.Standing
    }

    init(request: Request, facts: Facts, refusal: FormRefusal<CommitteeForm>?, notice: String?) {
        let language = request.language
        let words = Words<CommitteeText>(language)
        let id = facts.record.id?.uuidString ?? ""
        let stage = facts.record.currentStage
        heading = words[.fileHeading, ["name": facts.name, "number": facts.number]]
        chrome = PageChrome(request: request, title: heading)
        w = words.all
        csrfToken = CSRF.token(for: request)
        // Input to correct (400), or a step that could not be done as things stand (403, 409).
        let pageProblems = refusal.flatMap {
            PageProblems($0.problems, heading: words[$0.status == 400 ? .problemsHeading : .notDoneHeading], language: language)
        }
        problems = pageProblems
        self.notice = notice
        fileHref = SiteURL.application.path(id)
        backHref = SiteURL.committee.path
        formHref = SiteURL.applicationForm.path(id)
        var lines = [String]()
        if let target = facts.target {
            lines.append(words[.levelLine, ["series": target.series.name.text(in: language), "level": target.level.name.text(in: language)]])
        }
        if let session = facts.session { lines.append(words[.sessionLine, ["when": session.text.text(in: language)]]) }
        lines.append(stage.name.text(in: language))
        self.lines = lines
        let level = facts.target?.level
        criteria = level.map { facts.policy.assessment.criteria(for: $0).map { $0.text(in: language) } } ?? []
        criteriaNote = level.map { words[.criteriaNote, ["level": $0.name.text(in: language)]] }
        isSecretary = facts.seat == .secretary
        actions = ["recuse": SiteURL.committeeRecusal.path(id), "interview": SiteURL.committeeInterview.path(id),
                   "opinion": SiteURL.committeeOpinion.path(id), "ballot": SiteURL.committeeBallot.path(id),
                   "close": SiteURL.committeeClose.path(id)]
        let open = [.interviewScheduled, .interviewed].contains(stage)
        let judging = facts.seat.mayJudge && stage == .interviewed
        judgingNote = isSecretary || judging || !open ? nil : facts.seat.judgingRefusal?.text(in: language)
        // Standing aside comes before judging: not once the expert has voted.
        if case .panel(false, let attendance) = facts.seat { mayRecuse = open && attendance != .absent && !facts.hasVoted } else { mayRecuse = false }
        let typed = refusal?.input ?? CommitteeForm.typed(facts.own?.opinion)
        form = typed
        opinionForm = judging ? ExpertOpinion.Point.allCases.map { point in
            PointField(name: point.rawValue, label: point.name.text(in: language), value: typed.text(point) ?? "",
                       problem: pageProblems?.byField[point.rawValue])
        } : nil
        recommendations = ExpertOpinion.Recommendation.allCases.map {
            CommitteeOption(value: $0.rawValue, label: $0.name.text(in: language), selected: typed.recommendation == $0.rawValue)
        }
        hasVoted = facts.hasVoted
        needsOpinion = judging && facts.own == nil
        mayVote = judging && !facts.hasVoted && facts.own != nil
        choices = BallotChoice.allCases.map { CommitteeOption(value: $0.rawValue, label: $0.name.text(in: language), selected: false) }

        // The secretary's view of the panel: who stands where, who has given an opinion and voted — never how.
        let recusedBy = Dictionary(facts.recusals.map { ($0.expertID, $0) }, uniquingKeysWith: { first, _ in first })
        let present = Dictionary(facts.attendance.map { ($0.expertID, $0.present) }, uniquingKeysWith: { first, _ in first })
        let opined = Set(facts.opinions.map(\.expertID))
        panel = isSecretary ? facts.panel.sorted { (facts.names[$0.userID] ?? "") < (facts.names[$1.userID] ?? "") }.map { member in
            let attendance: String
            if let recusal = recusedBy[member.userID] {
                attendance = words[.recusedBecause, ["ground": recusal.recusalGround?.name.text(in: language) ?? recusal.ground,
                                                     "reason": recusal.reason.map { words[.separator] + $0 } ?? ""]]
            } else if let here = present[member.userID] {
                attendance = words[here ? .present : .absent]
            } else {
                attendance = words[.notRecorded]
            }
            let fields = member.fields.map { $0.name.text(in: language) }.joined(separator: language == .zh ? "、" : ", ")
            return PanelRow(name: facts.names[member.userID] ?? "—",
                            expertise: fields + " · " + (member.employerName.isEmpty ? words[.noEmployer] : member.employerName),
                            attendance: attendance, opinion: words[opined.contains(member.userID) ? .given : .notGiven],
                            voted: words[facts.voters.contains(member.userID) ? .hasVoted : .notVoted])
        } : []
        let sitting = facts.panel.filter { recusedBy[$0.userID] == nil }
            .sorted { (facts.names[$0.userID] ?? "") < (facts.names[$1.userID] ?? "") }
        recusable = isSecretary && open ? sitting.map {
            CommitteeOption(value: $0.userID.uuidString, label: facts.names[$0.userID] ?? "—", selected: typed.expert == $0.userID.uuidString)
        } : []
        attendance = isSecretary && stage == .interviewScheduled ? sitting.map {
            CommitteeOption(value: $0.userID.uuidString, label: facts.names[$0.userID] ?? "—", selected: true)
        } : []
        // Unsigned, and in an order that follows the text, not the experts.
        opinions = isSecretary ? facts.opinions.compactMap(\.opinion).map { opinion in
            OpinionView(points: ExpertOpinion.Point.allCases.map { Line(label: $0.name.text(in: language), value: opinion.points[$0] ?? "") },
                        recommendation: opinion.recommendation.name.text(in: language))
        }.sorted { $0.points.map(\.value).joined() < $1.points.map(\.value).joined() }.enumerated().map { index, view in
            var numbered = view
            numbered.title = words[.opinionNumber, ["number": "\(index + 1)"]]
            return numbered
        } : []
        standingLine = stage == .interviewed || facts.standing.closure != nil
            ? words[.standingLine, ["entitled": "\(facts.standing.entitled)", "voted": "\(facts.standing.voted)"]] : nil
        mayClose = isSecretary && stage == .interviewed

        if let closure = facts.standing.closure, let tally = try? closure.tally(rules: facts.policy.voting) {
            self.tally = [
                Line(label: words[.tallyCommittee], value: "\(tally.committeeSize)"),
                Line(label: words[.tallyQuorum], value: "\(tally.quorumNeeded)"),
                Line(label: words[.tallyPresent], value: "\(tally.present)"),
                Line(label: words[.tallyAgree], value: "\(tally.agree)"),
                Line(label: words[.tallyDisagree], value: "\(tally.disagree)"),
                Line(label: words[.tallyAbstain], value: "\(tally.abstain)"),
                Line(label: words[.tallyNotCast], value: "\(tally.notCast)"),
                Line(label: words[.tallyNeeded], value: "\(tally.agreeNeeded)"),
            ]
            tallyPassed = tally.outcome == .passed
            tallyOutcome = words[tallyPassed ? .outcomePassed : .outcomeFailed]
            committeeOpinion = closure.committeeOpinion
            closedOn = words[.closedOn, ["time": ShanghaiTime.clockText(closure.closedAt)]]
        } else {
            (tally, tallyOutcome, tallyPassed, committeeOpinion, closedOn) = (nil, nil, false, nil, nil)
        }
    }
}
