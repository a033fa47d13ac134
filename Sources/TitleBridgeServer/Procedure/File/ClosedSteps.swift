import TitleBridgeCore

/// The steps of the procedure the server does not run yet. The core's transition table knows
/// them; the server refuses their events (409) and never offers them as buttons, so no file can
/// reach a stage whose records, pages and people do not exist.
enum ClosedSteps {
    static let events: Set<StageEvent> = InterviewStep.events
        .union(VoteStep.events)
        .union(ResultPublicityStep.events)
        .union(CertificateStep.events)

    static func isOpen(_ event: StageEvent) -> Bool { !events.contains(event) }

    static func refusal(_ event: StageEvent) -> APIProblem {
        APIProblem(status: .conflict, code: "step_not_open", message: LocalizedText(
            zh: "「\(event.name.zh)」环节尚未开放。", en: "The step “\(event.name.en)” is not open yet."), field: "event")
    }
}
