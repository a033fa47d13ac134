import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer

@Suite("The bureau's queue — files by when they were reported")
struct AcceptanceQueueTests {
    @Test("Each file in the queue shows when it was reported (上报), not when it went to the employer",
          arguments: DatabaseEngine.available)
    func reportedTimes(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: SystemClock(), demoFiles: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            let (status, page) = try await ApplicationFlowTests.get(app, bureau, "/acceptance")
            #expect(status == .ok)
            #expect(page.contains("上报时间"))
            let inQueue = try await ApplicationRecord.query(on: app.db)
                .filter(\.$stage ~~ [Stage.reported, .supplementRequested, .accepted].map(\.rawValue)).all()
            #expect(!inQueue.isEmpty)
            for file in inQueue {
                let id = try file.requireID()
                let report = try #require(try await ReviewRecord.query(on: app.db).filter(\.$applicationID == id)
                    .filter(\.$event == StageEvent.report.rawValue).first())
                let reported = ShanghaiTime.clockText(report.createdAt)
                let link = try #require(page.range(of: "/applications/\(id)"), "\(file.number ?? "") is not in the queue")
                #expect(page[link.upperBound...].prefix(600).contains(reported), "\(file.number ?? "") shows no report time \(reported)")
                if let submitted = file.submittedAt, ShanghaiTime.clockText(submitted) != reported {
                    #expect(!page[link.upperBound...].prefix(600).contains(ShanghaiTime.clockText(submitted)),
                            "\(file.number ?? "") shows its submission to the employer")
                }
            }
        }
    }

    @Test("A file withdrawn because its supplement came too late no longer asks for the supplement", arguments: DatabaseEngine.available)
    func overdueSupplementIsHistory(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: SystemClock(), demoFiles: true) { app in
            // In the demo's finished batch applicant10's supplement was due on 27 September and never sent.
            let holder = try await userID(app, "applicant10")
            let file = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == holder).first())
            #expect(file.currentStage == .withdrawn)
            let browser = try await signInBrowser(app, "applicant10")
            let (status, page) = try await ApplicationFlowTests.get(app, browser, "/applications/\(try file.requireID())")
            #expect(status == .ok)
            #expect(!page.contains("一次性补齐以上项目"))
            #expect(!page.contains("补正告知"))
            #expect(page.contains(Stage.withdrawn.name.zh))
        }
    }
}
