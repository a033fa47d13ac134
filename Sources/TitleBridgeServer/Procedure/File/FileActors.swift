import Fluent
import TitleBridgeCore
import Vapor

/// Who moves a file, decided per file and per event: an account may hold several roles, and
/// each counts only where `RecordAccess.transitionActors` lets it (the applicant role on one's
/// own file, no reviewing role on it). The stage change, the page's buttons and the audit row
/// all take the role from here.
extension ApplicationDesk {
    /// The parties in which `principal` may move `record`; the system's scheduled jobs when
    /// there is no principal.
    func transitionActors(of principal: Principal?, on record: ApplicationRecord) async throws -> Set<TransitionActor> {
        guard let principal else { return [.system] }
        var employer: UnitFacts?
        if let id = record.employerID { employer = try await OrganisationRecord.find(id, on: database)?.facts }
        return RecordAccess.transitionActors(for: principal.actor, onFileOf: record.applicantID, employer: employer)
    }

    /// The one of `actors` the transition table is asked with for `event` from `stage`: one a
    /// row admits when there is one (so a permitted event is not refused for the wrong role),
    /// otherwise any of them, for the table's refusal. Nil when the caller has no party in
    /// this file at all.
    static func actor(for event: StageEvent, from stage: Stage, among actors: Set<TransitionActor>) -> TransitionActor? {
        // A fixed order, so the same account and file always act in the same role.
        let ordered = (actors.contains(.system) ? [TransitionActor.system] : [])
            + Role.allCases.map { TransitionActor.role($0) }.filter { actors.contains($0) }
        let admitted = TransitionTable.rows.filter { $0.from == stage && $0.event == event }
            .reduce(into: Set<TransitionActor>()) { $0.formUnion($1.actors) }
        return ordered.first { admitted.contains($0) } ?? ordered.first
    }

    /// The audit log's actor of a stage change: the person in the role used, or the job.
    static func auditActor(_ principal: Principal?, acting actor: TransitionActor) -> AuditActor {
        guard let principal else { return .system("supplement-deadline") }
        if case .role(let role) = actor { return principal.auditActor(as: role) }
        return principal.auditActor
    }
}
