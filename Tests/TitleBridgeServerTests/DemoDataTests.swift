import Fluent
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Demo data — never silently lost, never printed when absent")
struct DemoDataTests {
    /// A configured application on a fresh database of `engine`, torn down after `body`.
    static func withFreshDatabase(_ engine: DatabaseEngine, _ body: (Application) async throws -> Void) async throws {
        _ = TestLogging.bootstrapped
        let database = try TestDatabase(engine)
        let app = try await Application.make(.testing)
        do {
            try configure(app, config: database.config(security: SecuritySettings(bcryptCost: 4)), services: try DomainServices.bundled())
            try await database.create(on: app)
            try await body(app)
        } catch {
            Issue.record(error)
        }
        await database.drop(on: app)
        try await app.asyncShutdown()
    }

    @Test("A database an earlier command created (no accounts) still gets the demo at the first serve", arguments: DatabaseEngine.available)
    func seededAfterAnEarlierCommand(engine: DatabaseEngine) async throws {
        try await Self.withFreshDatabase(engine) { app in
            // What `catalogue import` or `migrate` does first: a new database, no demo.
            let first = try await prepareDatabase(app, demo: false)
            #expect(first.wasNew)
            #expect(!first.demoSeeded)
            #expect(first.demoLogins.isEmpty)
            // Then `serve`: the database is not new, and it gets the demo all the same.
            let serve = try await prepareDatabase(app, demo: true)
            #expect(!serve.wasNew)
            #expect(serve.demoSeeded)
            #expect(serve.demoLogins == DemoSeed.logins)
            _ = try await signInAPI(app, "applicant1")
            // Again: nothing more.
            let again = try await prepareDatabase(app, demo: true)
            #expect(!again.demoSeeded)
            #expect(again.demoLogins == DemoSeed.logins)
        }
    }

    @Test("A database with a real account gets no demo, and no demo login is reported — not even a real “admin”",
          arguments: DatabaseEngine.available)
    func noDemoBesideRealAccounts(engine: DatabaseEngine) async throws {
        try await Self.withFreshDatabase(engine) { app in
            try await prepareDatabase(app, demo: false)
            // `users create` of the first administrator, under the demo's own user name.
            _ = try await OperatorTasks.createUser(on: app, username: "admin", displayName: "首席管理员", password: "Chief-keeper-2024",
                                                   roles: [.admin], organisationCreditCode: nil)
            let serve = try await prepareDatabase(app, demo: true)
            #expect(!serve.demoSeeded)
            #expect(serve.demoLogins.isEmpty)
            #expect(try await UserRecord.query(on: app.db).count() == 1)
        }
    }

    /// Starts the built `titlebridge serve` on `data` and returns what it printed up to the
    /// English address, and whether `username` signs in with the demo password.
    static func serveOnce(data: String, extra: [String] = [], username: String) async throws -> (banner: String, signsIn: Bool) {
        let serve = try ServeProcess(arguments: ["--data-dir", data] + extra)
        defer { serve.stop() }
        try #require(try await serve.healthy(), "serve did not answer /healthz with 200 within 30 s")
        let signsIn = try await serve.signsIn(username)
        return (await serve.banner.value, signsIn)
    }

    @Test("titlebridge catalogue import before the first serve: serve still adds the demo, and every printed login signs in")
    func importThenServe() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeCommandTests.executable.path),
                     "build the titlebridge product first (swift build)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("catalogue.csv")
        try Data([CatalogueImportTests.header, CatalogueImportTests.cfa].joined(separator: "\n").utf8).write(to: csv)
        let data = folder.appendingPathComponent("data").path

        let (status, output) = try runTitlebridge(["catalogue", "import", "--data-dir", data, csv.path])
        #expect(status == 0, "catalogue import: \(output)")

        let (banner, signsIn) = try await Self.serveOnce(data: data, username: "applicant1")
        #expect(banner.contains("password: \(DemoSeed.password)"))
        #expect(banner.contains("    applicant1  ("))
        #expect(signsIn, "the printed demo login applicant1 does not sign in")

        // The finished batch the first serve seeded passes the operator's own check of the audit chain.
        let (verified, report) = try runTitlebridge(["audit", "verify", "--data-dir", data])
        #expect(verified == 0, "audit verify: \(report)")
        #expect(report.contains("audit log intact"))
    }

    @Test("serve --no-demo on a fresh folder prints no demo logins")
    func noDemoPrintsNone() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeCommandTests.executable.path),
                     "build the titlebridge product first (swift build)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-nodemo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (banner, signsIn) = try await Self.serveOnce(data: folder.appendingPathComponent("data").path, extra: ["--no-demo"],
                                                         username: "applicant1")
        #expect(!banner.contains("applicant1"))
        #expect(!banner.contains(DemoSeed.password))
        #expect(!signsIn)
    }
}

/// The demo files: seeded as of the clock through the real desks, at every stage the procedure
/// reaches today, with work waiting for every demo role.
extension DemoDataTests {
    /// The stages up to the acceptance review (all reached by 2024-09-27).
    static let acceptanceStages: [Stage] = [.draft, .employerReview, .supervisorReview, .unitPublicity, .reported,
                                            .supplementRequested, .accepted, .notAccepted, .withdrawn]
    /// The committee's stages (reached in October).
    static let committeeStages: [Stage] = [.interviewScheduled, .interviewed, .resultPublicity, .notRecognised]
    /// The stages the desks move files to today (result publicity's end and certificates come later).
    static let implementedStages: [Stage] = acceptanceStages + committeeStages

    typealias DemoFile = (file: ApplicationRecord, username: String, name: String)

    /// Every file in the database (only the demo's), with its holder's user name and name.
    static func demoFiles(_ app: Application) async throws -> [DemoFile] {
        let files = try await ApplicationRecord.query(on: app.db).all()
        let users = try await UserRecord.query(on: app.db).filter(\.$id ~~ files.map(\.applicantID)).all()
        let byID = Dictionary(users.compactMap { user in user.id.map { ($0, user) } }, uniquingKeysWith: { first, _ in first })
        return files.compactMap { file -> DemoFile? in
            byID[file.applicantID].map { user in (file: file, username: user.username, name: user.displayName) }
        }
    }

    static func shanghai(_ day: String, _ hour: Int) throws -> FixedClock {
        FixedClock(shanghai: try #require(LocalDate(iso: day)), hour: hour)
    }

    /// Each file's stage history runs from the draft, each change from where the last one left
    /// it, and ends at the file's stage.
    static func expectConsistentHistories(_ app: Application) async throws {
        for file in try await ApplicationRecord.query(on: app.db).all() {
            let history = try await ReviewRecord.query(on: app.db).filter(\.$applicationID == file.requireID()).sort(\.$createdAt).all()
            var stage = Stage.draft.rawValue
            for change in history {
                #expect(change.fromStage == stage, "file \(file.number ?? "?"): \(change.event) from \(change.fromStage), but it stood at \(stage)")
                stage = change.toStage
            }
            #expect(stage == file.stage, "file \(file.number ?? "?") is \(file.stage), its history ends at \(stage)")
        }
    }

    @Test("Without a clock each demo role's list pages show the demo files waiting for it", arguments: DatabaseEngine.available)
    func workWaitingForEveryRole(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: SystemClock(), demoFiles: true) { app in
            let files = try await Self.demoFiles(app)
            let withOutcome = Set(try await PublicityRecord.query(on: app.db).all().filter { $0.outcome != nil }.map(\.applicationID))
            let enterprise = try await organisationID(app, creditCode: DemoUnits.enterprise)
            let institution = try await organisationID(app, creditCode: DemoUnits.institution)
            func withEmployer(_ unit: UUID) -> [DemoFile] {
                files.filter { entry in
                    entry.file.employerID == unit && (entry.file.currentStage == .employerReview
                        || (entry.file.currentStage == .unitPublicity && !withOutcome.contains(entry.file.id ?? UUID())))
                }
            }
            let expectations: [(account: String, path: String, waiting: [DemoFile])] = [
                ("employer1", "/unit-applications", withEmployer(enterprise)),
                ("employer2", "/unit-applications", withEmployer(institution)),
                ("supervisor1", "/unit-applications", files.filter { $0.file.currentStage == .supervisorReview }),
                ("bureau1", "/acceptance", files.filter { [.reported, .accepted].contains($0.file.currentStage) }),
                ("secretary1", "/committee", files.filter { [.interviewScheduled, .interviewed].contains($0.file.currentStage) }),
                ("expert1", "/committee", files.filter { [.interviewScheduled, .interviewed].contains($0.file.currentStage) }),
            ]
            for (account, path, waiting) in expectations {
                #expect(!waiting.isEmpty, "no demo file waits for \(account)")
                let browser = try await signInBrowser(app, account)
                let (status, page) = try await ApplicationFlowTests.get(app, browser, path)
                #expect(status == .ok)
                for entry in waiting {
                    let id = try entry.file.requireID()
                    #expect(page.contains(id.uuidString), "\(account) does not find the file of \(entry.username)")
                    #expect(page.contains(entry.name), "\(account) does not see the name of \(entry.username)")
                }
            }
            let (_, queue) = try await ApplicationFlowTests.get(app, try await signInBrowser(app, "bureau1"), "/acceptance")
            // The queue holds the files of the acceptance review; those the committee has taken on are off it.
            let inReview = Set(files.filter { $0.file.currentStage == .accepted }.compactMap(\.file.id))
            for accepted in try await AcceptanceRecord.query(on: app.db).all() {
                #expect(queue.contains(accepted.number) == inReview.contains(accepted.applicationID))
            }

            // The verifier's queue holds the requests still open.
            let open = try await VerificationRecord.query(on: app.db).filter(\.$status == VerificationStatus.submitted.rawValue).all()
            #expect(!open.isEmpty, "no verification waits for verifier1")
            let verifier = try await signInBrowser(app, "verifier1")
            let (_, requests) = try await ApplicationFlowTests.get(app, verifier, "/verifications")
            for request in open { #expect(requests.contains(request.certificateNumber)) }

            // Each holder's entry leads to the file, which shows its number and stage.
            for entry in files {
                let browser = try await signInBrowser(app, entry.username)
                let id = try entry.file.requireID()
                var location: String?
                try await app.testing().test(.GET, "/applications", beforeRequest: { browser.prepare(&$0) }) { res in
                    location = res.headers.first(name: .location)
                }
                #expect(location == "/applications/\(id)", "\(entry.username)'s entry leads to \(location ?? "nothing")")
                let (status, page) = try await ApplicationFlowTests.get(app, browser, "/applications/\(id)")
                #expect(status == .ok)
                let number = try #require(entry.file.number)
                #expect(page.contains(number))
                #expect(page.contains(entry.file.currentStage.name.zh))
            }

            // applicant1, the rehearsal's newcomer: no file, one verification that serves the batch.
            let newcomer = try await userID(app, "applicant1")
            #expect(try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == newcomer).count() == 0)
            let cutoff = try app.domain.currentPolicy.dates.verificationCutoff.value
            let usable = try await VerificationRecord.query(on: app.db).filter(\.$applicantID == newcomer).all()
                .filter { $0.verificationStatus == .passed && ($0.passedDay.map { $0 <= cutoff } ?? false) }
            #expect(usable.count == 1)
            let item = try await CertificateItemRecord.find(try #require(usable.first).certificateItemID, on: app.db)
            #expect(item?.field == CertificateField.financeManagement.rawValue)
            let (_, list) = try await ApplicationFlowTests.get(app, try await signInBrowser(app, "applicant1"), "/verifications")
            let verificationNumber = try #require(usable.first?.verificationNumber)
            #expect(list.contains(verificationNumber))
        }
    }

    @Test("At 2024-09-27 18:00 every stage up to the acceptance review holds a demo file", arguments: DatabaseEngine.available)
    func everyStageDuringAcceptanceReview(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: try Self.shanghai("2024-09-27", 18), demoFiles: true) { app in
            let stages = Set(try await ApplicationRecord.query(on: app.db).all().map(\.currentStage))
            for stage in Self.acceptanceStages { #expect(stages.contains(stage), "no demo file is at \(stage)") }
            try await Self.expectConsistentHistories(app)
            #expect(try await OperatorTasks.verifyAudit(on: app).isIntact)
        }
    }

    @Test("Without a clock the batch is finished and consistent: stages, numbers, dates, summaries, uploads, demo items",
          arguments: DatabaseEngine.available)
    func finishedBatch(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: SystemClock(), demoFiles: true) { app in
            let policy = try app.domain.currentPolicy
            let files = try await Self.demoFiles(app)
            let current = Set(files.map { $0.file.currentStage })
            for stage in Self.implementedStages where stage != .supplementRequested {
                #expect(current.contains(stage), "no demo file is at \(stage)")
            }
            // The supplement nobody sent is withdrawn as the deadline job withdraws it, after its due day.
            let overdue = try await ReviewRecord.query(on: app.db).filter(\.$event == StageEvent.supplementOverdue.rawValue).all()
            #expect(overdue.count == 1)
            for change in overdue {
                #expect(change.fromStage == Stage.supplementRequested.rawValue && change.actorID == nil)
                let request = try await SupplementRecord.query(on: app.db).filter(\.$applicationID == change.applicationID).first()
                let due = try #require(request?.dueDay)
                #expect(ShanghaiTime.date(of: change.createdAt) > due)
            }
            try await Self.expectConsistentHistories(app)
            #expect(try await OperatorTasks.verifyAudit(on: app).isIntact)

            // Publicity with and without its outcome; each runs the policy's working days by the calendar.
            let publicities = try await PublicityRecord.query(on: app.db).all()
            let plan = PublicityPlan(policy: policy, calendar: app.domain.calendar)
            for publicity in publicities {
                let start = try #require(publicity.startDay)
                #expect(publicity.endDay == plan.earliestEnd(startingOn: start).value)
            }
            let inPublicity = Set(files.filter { $0.file.currentStage == .unitPublicity }.compactMap { $0.file.id })
            let outcomes = publicities.filter { inPublicity.contains($0.applicationID) }.map { $0.outcome != nil }
            #expect(outcomes.contains(true) && outcomes.contains(false))

            // Accepted with the batch's numbers, printed files received; junior appointments numbered.
            let acceptances = try await AcceptanceRecord.query(on: app.db).all()
            #expect(!acceptances.isEmpty && acceptances.allSatisfy { $0.number.hasPrefix(policy.acceptanceBatchCode + "-") })
            #expect(acceptances.contains { $0.paperReceivedAt != nil })
            let appointments = try await AppointmentRecord.query(on: app.db).all()
            #expect(!appointments.isEmpty && appointments.allSatisfy { $0.number.hasPrefix("PR2024-") })

            // Dates inside the batch: verified by the cut-off, submitted inside the window.
            let opens = ShanghaiTime.startOfDay(policy.dates.submissionOpens.value)
            let closes = ShanghaiTime.endOfDay(policy.dates.submissionCloses.value)
            var fields = Set<String>(), kinds = Set<String>()
            for entry in files {
                let verification = try #require(try await VerificationRecord.find(entry.file.verificationID, on: app.db))
                #expect(verification.passedDay.map { $0 <= policy.dates.verificationCutoff.value } == true)
                if let item = try await CertificateItemRecord.find(verification.certificateItemID, on: app.db) { fields.insert(item.field) }
                if let unit = try await OrganisationRecord.find(entry.file.employerID, on: app.db) { kinds.insert(unit.kind) }
                if let submitted = entry.file.submittedAt { #expect(submitted >= opens && submitted < closes) }
                guard entry.file.currentStage != .draft else { continue }
                let summary = try entry.file.content.summary
                #expect(ZiCount(summary).zi >= policy.thresholds.workSummaryMinimumZi.value, "\(entry.username)'s summary is short")
                #expect(Set(summary).count > 400, "\(entry.username)'s summary repeats itself")
            }
            #expect(fields == Set(CertificateField.allCases.map(\.rawValue)))
            #expect(kinds == [OrganisationKind.enterprise.rawValue, OrganisationKind.publicInstitution.rawValue])
            // Chinese and foreign names.
            #expect(files.contains { entry in entry.name.contains { $0.isASCII && $0.isLetter } })
            #expect(files.contains { entry in entry.name.unicodeScalars.contains { $0.value >= 0x4E00 } })

            // Uploads are real PDFs; the demo's own certificate items say they are demo and unconfirmed.
            let uploads = try await UploadedFileRecord.query(on: app.db).all()
            #expect(!uploads.isEmpty)
            for upload in uploads {
                #expect(upload.mediaType == "application/pdf")
                #expect(try app.files.read(upload).starts(with: Array("%PDF-".utf8)))
            }
            let demoItems = try await CertificateItemRecord.query(on: app.db).all().filter { $0.id?.hasPrefix("demo-") == true }
            #expect(!demoItems.isEmpty)
            for item in demoItems {
                #expect(item.evidence == CertificateItem.Evidence.secondary.rawValue)
                #expect(item.nameZh.hasSuffix("（演示）") && item.nameEn.hasSuffix("(demo)"))
            }
        }
    }

    @Test("Seeding twice adds nothing", arguments: DatabaseEngine.available)
    func seedingTwice(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: SystemClock(), demoFiles: true) { app in
            func counts() async throws -> [Int] {
                [try await AuditEventRecord.query(on: app.db).count(), try await ApplicationRecord.query(on: app.db).count(),
                 try await VerificationRecord.query(on: app.db).count(), try await MessageRecord.query(on: app.db).count(),
                 try await UploadedFileRecord.query(on: app.db).count(), try await AppointmentRecord.query(on: app.db).count(),
                 try await CertificateItemRecord.query(on: app.db).count(), try await UserRecord.query(on: app.db).count()]
            }
            let before = try await counts()
            #expect(before[1] > 0)
            try await DemoSeed.run(on: app)
            #expect(try await counts() == before)
            #expect(try await prepareDatabase(app, demo: true).demoSeeded == false)
            #expect(try await counts() == before)
        }
    }

    @Test("Seeded at 2024-09-10 09:00: nothing stored lies after it, and work waits for the employers, the department and the verifier",
          arguments: DatabaseEngine.available)
    func seededAsOfTheClock(engine: DatabaseEngine) async throws {
        let clock = try Self.shanghai("2024-09-10", 9)
        try await withTestApp(engine, clock: clock, demoFiles: true) { app in
            let limit = clock.instant
            let audit = try await AuditEventRecord.query(on: app.db).all()
            for row in audit {
                let at = try #require(AuditLog.instant(row.at))
                #expect(at <= limit, "\(row.action) at \(row.at)")
            }
            var instants: [Date] = []
            instants += try await ReviewRecord.query(on: app.db).all().map(\.createdAt)
            instants += try await MessageRecord.query(on: app.db).all().map(\.createdAt)
            instants += try await UploadedFileRecord.query(on: app.db).all().map(\.createdAt)
            instants += try await ApplicationUploadRecord.query(on: app.db).all().map(\.createdAt)
            instants += try await PublicityRecord.query(on: app.db).all().map(\.recordedAt)
            for file in try await ApplicationRecord.query(on: app.db).all() {
                instants += [file.createdAt, file.updatedAt] + (file.submittedAt.map { [$0] } ?? [])
            }
            for verification in try await VerificationRecord.query(on: app.db).all() {
                instants += [verification.createdAt] + (verification.decidedAt.map { [$0] } ?? [])
            }
            #expect(!instants.isEmpty && instants.allSatisfy { $0 <= limit })

            let files = try await Self.demoFiles(app)
            for creditCode in [DemoUnits.enterprise, DemoUnits.institution] {
                let unit = try await organisationID(app, creditCode: creditCode)
                #expect(files.contains { $0.file.employerID == unit && $0.file.currentStage == .employerReview }, "nothing waits at \(creditCode)")
            }
            #expect(files.contains { $0.file.currentStage == .supervisorReview })
            #expect(try await VerificationRecord.query(on: app.db).filter(\.$status == VerificationStatus.submitted.rawValue).count() > 0)
            // No publicity can have ended by then (5 working days from 9-06 end on 9-12): nothing reported yet.
            #expect(!files.contains { [.reported, .accepted, .supplementRequested, .notAccepted].contains($0.file.currentStage) })
            #expect(try await AppointmentRecord.query(on: app.db).count() == 0)
            try await Self.expectConsistentHistories(app)
            #expect(try await OperatorTasks.verifyAudit(on: app).isIntact)
        }
    }
}
