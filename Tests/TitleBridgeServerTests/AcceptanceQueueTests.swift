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

    @Test("A batch of thousands: each field shows its first 20, then its own pages together hold exactly its files in report order",
          arguments: DatabaseEngine.available)
    func pagedByField(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: MovableClock(shanghaiNoon("2024-09-18")), demo: true) { app in
            try await BulkSeed.run(files: 4_000, on: app)
            let bureau = try await signInBrowser(app, "bureau1")
            let (status, overview) = try await ApplicationFlowTests.get(app, bureau, "/acceptance")
            #expect(status == .ok)
            let queued = try await ApplicationRecord.query(on: app.db)
                .filter(\.$stage ~~ AcceptanceDesk.queueStages.map(\.rawValue)).sort(\.$reportedAt).sort(\.$id).all()
            let byField = Dictionary(grouping: queued, by: \.certificateField)
            let (busiest, files) = try #require(byField.max { $0.value.count < $1.value.count })
            let field = try #require(busiest.flatMap(CertificateField.init(rawValue:)))
            #expect(files.count > 100, "the test needs a field of several pages")
            #expect(overview.contains("\(field.name.zh)（\(files.count)）"))
            #expect(overview.contains("/acceptance?field=\(field.rawValue)"), "the overview links to the field's own pages")
            #expect(overview.components(separatedBy: "<tr><td><a href=\"/applications/").count - 1
                    <= AcceptanceQueuePage.firstRows * byField.count)
            var listed: [String] = []
            var page = 1
            while true {
                let (_, body) = try await ApplicationFlowTests.get(app, bureau, "/acceptance?field=\(field.rawValue)&page=\(page)")
                let ids = body.components(separatedBy: "<tr><td><a href=\"/applications/").dropFirst().map { String($0.prefix(36)) }
                #expect(ids.count <= 50)
                listed += ids
                guard body.contains("?field=\(field.rawValue)&amp;page=\(page + 1)") else { break }
                page += 1
            }
            #expect(listed == files.map { $0.id?.uuidString ?? "" }, "the pages hold the field's files once each, in report order")
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
