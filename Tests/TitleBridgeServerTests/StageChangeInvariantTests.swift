import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer

/// Every stage change leaves exactly one history row, one audit row and one message to the
/// applicant — whoever made it (a person, the bureau, the deadline job). Checked on the demo's
/// finished batch, whose files went through every transition the system has today by the
/// real desks.
@Suite("Stage changes — one history row, one audit row, one message each")
struct StageChangeInvariantTests {
    @Test("Each file's history runs from draft to its stage without a gap, and each step has its audit row and its message",
          arguments: DatabaseEngine.available)
    func invariant(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: SystemClock(), demoFiles: true) { app in
            let files = try await ApplicationRecord.query(on: app.db).all()
            #expect(files.count >= 12)
            var events = Set<String>()
            let stageTitles = Set(Stage.allCases.map { ApplicationDesk.messageTitle($0).zh })
            for file in files {
                let id = try file.requireID()
                let history = try await ReviewRecord.query(on: app.db).filter(\.$applicationID == id).sort(\.$createdAt).all()
                // The chain: from a draft, each change from where the last one left, ending where the file is.
                var stage = Stage.draft.rawValue
                for row in history {
                    #expect(row.fromStage == stage, "\(file.number ?? "") \(row.event) from \(row.fromStage), the file was \(stage)")
                    stage = row.toStage
                    events.insert(row.event)
                }
                #expect(stage == file.stage, "\(file.number ?? ""): history ends at \(stage), the file is \(file.stage)")

                // One audit row per change, named after its event.
                let audited = try await AuditEventRecord.query(on: app.db).filter(\.$recordID == id.uuidString).all()
                    .map(\.action).filter { action in StageEvent.allCases.contains { "application." + $0.rawValue == action } }
                #expect(audited.sorted() == history.map { "application." + $0.event }.sorted(), "\(file.number ?? "")")

                // One stage message per change, at its instant, naming the stage reached.
                let messages = try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).all()
                    .filter { stageTitles.contains($0.titleZh) }
                #expect(messages.count == history.count, "\(file.number ?? ""): \(messages.count) stage messages for \(history.count) changes")
                for row in history {
                    guard let reached = Stage(rawValue: row.toStage) else { Issue.record("unknown stage \(row.toStage)"); continue }
                    let told = messages.filter { $0.createdAt == row.createdAt && $0.titleZh == ApplicationDesk.messageTitle(reached).zh }
                    #expect(told.count == 1, "\(file.number ?? "") \(row.event): \(told.count) messages at its instant")
                }
            }
            // The demo exercises the transitions built so far, the job's included.
            for event in [StageEvent.submit, .returnToApplicant, .approve, .confirmPost, .report, .requestSupplement, .resubmit,
                          .supplementOverdue, .accept, .notAccept, .withdraw] {
                #expect(events.contains(event.rawValue), "no demo file went through \(event.rawValue)")
            }
        }
    }
}
