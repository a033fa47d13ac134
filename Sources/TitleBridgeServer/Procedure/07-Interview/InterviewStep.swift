import TitleBridgeCore

/// 面谈答辩 (四(六)) — the committee's interview of an accepted file: sessions and panels,
/// recusal, attendance (`CommitteeDesk`).
enum InterviewStep {
    static let events: Set<StageEvent> = [.scheduleInterview, .recordInterview]
}
