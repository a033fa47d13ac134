import Fluent
import Foundation
import TitleBridgeCore

/// The steps after acceptance move a file only through their own desk, which writes the
/// session, the vote, the objection's ruling or the certificate with the stage change: the
/// committee's (`CommitteeSteps`), the result publicity's (`ResultPublicityStep`) and the
/// certificates' (`CertificateStep`). The file's generic stage change refuses their events
/// and never offers them as buttons.
enum DeskSteps {
    static let events: Set<StageEvent> = CommitteeSteps.events.union(ResultPublicityStep.events).union(CertificateStep.events)

    /// The desk's own writes for an event's effects, run in the stage change's transaction at
    /// its instant; returns what the applicant's message says instead of the usual addition.
    typealias Writes = @Sendable (any Database, Date) async throws -> LocalizedText?

    static func refusal(_ event: StageEvent) -> APIProblem {
        if CommitteeSteps.events.contains(event) { return CommitteeSteps.refusal(event) }
        return APIProblem(status: .conflict, code: "results_desk", message: LocalizedText(
            zh: "「\(event.name.zh)」在市人社局的结果公示与发证页面上办理。",
            en: "“\(event.name.en)” is done on the bureau's result and certificate pages."), field: "event")
    }
}

/// The committee's steps: their events move a file only through the committee's desk, which
/// writes the session, the attendance or the closed vote with them.
enum CommitteeSteps {
    static let events: Set<StageEvent> = InterviewStep.events.union(VoteStep.events)

    static func refusal(_ event: StageEvent) -> APIProblem {
        APIProblem(status: .conflict, code: "committee_desk", message: LocalizedText(
            zh: "「\(event.name.zh)」在认定委员会的页面上办理。", en: "“\(event.name.en)” is done on the committee's pages."), field: "event")
    }
}
