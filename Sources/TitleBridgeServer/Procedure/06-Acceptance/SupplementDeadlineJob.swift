import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 逾期未补正，视为放弃申报 (四(五)): the scheduled job that withdraws every file whose one
/// supplement was not sent back by its due day, and tells the applicant.
///
/// Safe to run as often as wanted and from every instance at once: each file moves through the
/// transition table with `UPDATE … WHERE stage = 'supplementRequested'`, so exactly one run
/// wins; a run that finds the file already moved skips it. Its message and audit row are in
/// the winner's transaction only.
public enum SupplementDeadlineJob {
    /// Withdraws the overdue files; returns how many this run withdrew.
    @discardableResult
    public static func run(on app: Application) async throws -> Int {
        let today = app.domain.clock.today()
        let open = try await ApplicationRecord.query(on: app.db).filter(\.$stage == Stage.supplementRequested.rawValue).all()
        let requests = try await SupplementRecord.query(on: app.db).filter(\.$applicationID ~~ open.compactMap(\.id)).all()
        let dueOf = Dictionary(requests.map { ($0.applicationID, $0.dueDay) }, uniquingKeysWith: { first, _ in first })
        let desk = ApplicationDesk(app: app, database: app.db)
        var withdrawn = 0
        for record in open {
            guard let id = record.id, let due = dueOf[id] ?? nil, due < today else { continue }
            do {
                _ = try await desk.transition(record, event: .supplementOverdue, reason: nil, idempotencyKey: nil, by: nil)
                withdrawn += 1
            } catch let problem as APIProblem where problem.code == "stage_changed" || problem.code == TransitionRefusal.Code.noSuchTransition.rawValue {
                app.logger.info("supplement deadline: already moved by another run", metadata: ["application": "\(id)"])
            }
        }
        if withdrawn > 0 { app.logger.notice("supplement deadline: files withdrawn", metadata: ["count": "\(withdrawn)"]) }
        return withdrawn
    }
}
