import TitleBridgeCore

/// 面谈答辩 (四(六)) — the committee's interview of an accepted file: scheduling, the experts'
/// recusal, the record of the interview. Its desk, controller, pages and records belong in this
/// folder; until they exist its events stay closed (`ClosedSteps`).
enum InterviewStep {
    static let events: Set<StageEvent> = [.scheduleInterview, .recordInterview]
}
