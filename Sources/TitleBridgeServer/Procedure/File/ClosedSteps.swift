import Fluent
import Foundation
import TitleBridgeCore

/// The steps of the procedure the server does not run yet. The core's transition table knows
/// them; the server refuses their events (409) and never offers them as buttons, so no file can
/// reach a stage whose records, pages and people do not exist.
enum ClosedSteps {
    static let events: Set<StageEvent> = ResultPublicityStep.events.union(CertificateStep.events)

    static func isOpen(_ event: StageEvent) -> Bool { !events.contains(event) }

    static func refusal(_ event: StageEvent) -> APIProblem {
        APIProblem(status: .conflict, code: "step_not_open", message: LocalizedText(
            zh: "「\(event.name.zh)」环节尚未开放。", en: "The step “\(event.name.en)” is not open yet."), field: "event")
    }
}

/// The committee's steps: their events move a file only through the committee's desk, which
/// writes the session, the attendance or the closed vote with them; the file's generic stage
/// change refuses them and never offers them as buttons.
enum CommitteeSteps {
    static let events: Set<StageEvent> = InterviewStep.events.union(VoteStep.events)

    /// The desk's own writes for an event's effects, run in the stage change's transaction at
    /// its instant; returns what the applicant's message says instead of the usual addition.
    typealias Writes = @Sendable (any Database, Date) async throws -> LocalizedText?

    static func refusal(_ event: StageEvent) -> APIProblem {
        APIProblem(status: .conflict, code: "committee_desk", message: LocalizedText(
            zh: "「\(event.name.zh)」在认定委员会的页面上办理。", en: "“\(event.name.en)” is done on the committee's pages."), field: "event")
    }
}
