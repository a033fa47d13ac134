import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// 数据概览 — every figure of the bureau's dashboard equals the count the test makes itself, by
/// reading every record one by one (the slow, obvious way), on both databases; the page shows
/// them in both languages, each chart with its table.
@Suite("The bureau's dashboard — figures counted twice")
struct DashboardTests {
    /// The figures of `policy`'s batch on `today`, from the records one by one.
    static func counted(_ app: Application, policy: BatchPolicy, today: LocalDate) async throws -> DashboardFigures {
        let db = app.db
        let files = try await ApplicationRecord.query(on: db).filter(\.$batchID == policy.id).all()
        let organisations = Dictionary(uniqueKeysWithValues: try await OrganisationRecord.query(on: db).all().compactMap { o in
            o.id.map { ($0, LocalizedText(zh: o.nameZh, en: o.nameEn)) } })
        var byStage: [Stage: Int] = [:], byField: [CertificateField?: Int] = [:], byLevel: [TitleLevel?: Int] = [:]
        var byEmployer: [UUID: Int] = [:]
        var deadline: [UUID?: (Int, Int)] = [:]
        let plan = PublicityPlan(policy: policy, calendar: app.domain.calendar)
        for file in files {
            byStage[file.currentStage, default: 0] += 1
            var field: CertificateField?
            if let id = file.verificationID, let verification = try await VerificationRecord.find(id, on: db),
               let item = try await CertificateItemRecord.find(verification.certificateItemID, on: db) {
                field = CertificateField(rawValue: item.field)
            }
            byField[field, default: 0] += 1
            byLevel[try file.content.target?.level, default: 0] += 1
            if let employer = file.employerID { byEmployer[employer, default: 0] += 1 }
            if PublicityPlan.unreportedStages.contains(file.currentStage) {
                let publicity = try await PublicityRecord.query(on: db).filter(\.$applicationID == (try file.requireID())).first()
                let late = plan.cannotEndInTime(stage: file.currentStage, publicityEndsOn: publicity.flatMap { LocalDate(iso: $0.endsOn) },
                                                today: today)
                let (unreported, lateSoFar) = deadline[file.employerID] ?? (0, 0)
                deadline[file.employerID] = (unreported + 1, lateSoFar + (late ? 1 : 0))
            }
        }
        let ids = Set(try files.map { try $0.requireID() })
        let accepted = try await AcceptanceRecord.query(on: db).filter(\.$batchID == policy.id).count()
        let closures = try await VoteClosureRecord.query(on: db).all().filter { ids.contains($0.applicationID) }
        let lists = Set(try await ResultListRecord.query(on: db).filter(\.$batchID == policy.id).all().compactMap(\.id))
        let entries = try await ResultEntryRecord.query(on: db).all().filter { lists.contains($0.listID) }
        let entryIDs = Set(entries.compactMap(\.id))
        let objections = try await ObjectionRecord.query(on: db).all().filter { entryIDs.contains($0.entryID) }
        let certificates = try await CertificateRecord.query(on: db).filter(\.$batchID == policy.id).all()
        let units = deadline.map { DashboardFigures.UnitDeadline(employerID: $0.key, name: $0.key.flatMap { organisations[$0] },
                                                                  unreported: $0.value.0, cannotEndInTime: $0.value.1) }
        return DashboardFigures(
            files: files.count, byStage: byStage, byField: byField, byLevel: byLevel,
            byEmployer: byEmployer.map { (organisations[$0.key], $0.value) }.sorted { ($1.1, $0.0?.zh ?? "") < ($0.1, $1.0?.zh ?? "") },
            deadline: units.sorted { ($1.cannotEndInTime, $1.unreported) < ($0.cannotEndInTime, $0.unreported) },
            unreported: units.reduce(0) { $0 + $1.unreported }, cannotEndInTime: units.reduce(0) { $0 + $1.cannotEndInTime },
            acceptance: .init(count: accepted, of: accepted + (byStage[.notAccepted] ?? 0)),
            pass: .init(count: closures.filter { $0.outcome == CommitteeTally.Outcome.passed.rawValue }.count, of: closures.count),
            objection: .init(count: Set(objections.map(\.entryID)).count, of: entries.count),
            objectionsUpheld: objections.filter { $0.outcome == ObjectionOutcome.upheld.rawValue }.count,
            certificatesIssued: certificates.count, certificatesRevoked: certificates.filter { $0.revokedAt != nil }.count)
    }

    /// Units in the same place of the order may come in either order (names sort by the
    /// database's collation); everything else must be equal, and the order must hold.
    static func expectSame(_ shown: DashboardFigures, _ counted: DashboardFigures) {
        #expect(shown.files == counted.files)
        #expect(shown.byStage == counted.byStage)
        #expect(shown.byField == counted.byField)
        #expect(shown.byLevel == counted.byLevel)
        #expect(shown.byEmployer.map(\.files) == counted.byEmployer.map(\.files))
        #expect(Set(shown.byEmployer.compactMap { $0.name?.zh }) == Set(counted.byEmployer.compactMap { $0.name?.zh }))
        let key = { (unit: DashboardFigures.UnitDeadline) in "\(unit.employerID?.uuidString ?? "-") \(unit.unreported) \(unit.cannotEndInTime)" }
        #expect(Set(shown.deadline.map(key)) == Set(counted.deadline.map(key)))
        #expect(shown.deadline.map { [$0.cannotEndInTime, $0.unreported] } == counted.deadline.map { [$0.cannotEndInTime, $0.unreported] },
                "most late first, then most unreported")
        #expect(shown.unreported == counted.unreported && shown.cannotEndInTime == counted.cannotEndInTime)
        #expect(shown.acceptance == counted.acceptance)
        #expect(shown.pass == counted.pass)
        #expect(shown.objection == counted.objection && shown.objectionsUpheld == counted.objectionsUpheld)
        #expect(shown.certificatesIssued == counted.certificatesIssued && shown.certificatesRevoked == counted.certificatesRevoked)
    }

    @Test("Every figure equals the records counted one by one, before and after the latest publicity start", arguments: DatabaseEngine.available)
    func figuresAreTheRecords(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-10-28"), demoFiles: true) { app in
            let policy = try app.domain.currentPolicy
            let latest = PublicityPlan(policy: policy, calendar: app.domain.calendar).latestStart.value
            for today in [latest, latest.adding(days: 1), LocalDate(iso: "2024-10-28")].compactMap({ $0 }) {
                let shown = try await DashboardFigures.load(on: app.db, policy: policy, calendar: app.domain.calendar, today: today)
                let counted = try await Self.counted(app, policy: policy, today: today)
                Self.expectSame(shown, counted)
                // The demo has a file in every part of the procedure, so no figure is trivially zero.
                #expect(shown.byStage.count >= 10 && shown.certificatesIssued > 0 && shown.objection.count > 0 && shown.unreported > 0)
                #expect(shown.acceptance.of > 0 && shown.pass.of > 0)
            }
            // On the latest start a publicity can still begin; the day after, files before it cannot end in time.
            let onLatest = try await DashboardFigures.load(on: app.db, policy: policy, calendar: app.domain.calendar, today: latest)
            let after = try await DashboardFigures.load(on: app.db, policy: policy, calendar: app.domain.calendar, today: latest.adding(days: 1))
            let early = [Stage.draft, .employerReview, .supervisorReview].reduce(0) { $0 + (onLatest.byStage[$1] ?? 0) }
            #expect(early > 0)
            #expect(after.cannotEndInTime - onLatest.cannotEndInTime == early)
        }
    }

    @Test("The page shows each figure beside its chart, in Chinese and in English; only the bureau opens it")
    func pageInBothLanguages() async throws {
        try await withTestApp(.sqlite, clock: shanghaiNoon("2024-10-28"), demoFiles: true) { app in
            let policy = try app.domain.currentPolicy
            let figures = try await DashboardFigures.load(on: app.db, policy: policy, calendar: app.domain.calendar, today: app.domain.clock.today())
            let bureau = try await signInBrowser(app, "bureau1")
            for language in [Language.zh, .en] {
                let (status, html) = try await ApplicationFlowTests.get(app, bureau, "/bureau/dashboard?lang=\(language.rawValue)")
                #expect(status == .ok)
                #expect(html.contains(#"<html lang="\#(language.tag)""#))
                for (stage, count) in figures.byStage {
                    #expect(html.contains("<td>\(stage.name.text(in: language))</td><td>\(count)</td>"), "\(stage) \(count) in \(language)")
                }
                for (level, count) in figures.byLevel {
                    guard let level else { continue }
                    #expect(html.contains("<td>\(level.name.text(in: language))</td><td>\(count)</td>"))
                }
                #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 6, "deadline, stage, field, level, unit, rates")
                #expect(html.components(separatedBy: "<table class=\"data-table chart-table\"").count - 1 == 6)
                let percent = try #require(figures.acceptance.percent)
                #expect(html.contains("<td>\(percent)%</td>"))
            }
            let (zh, _) = try await ApplicationFlowTests.get(app, bureau, "/bureau/dashboard?lang=zh")
            #expect(zh == .ok)
            let employer = try await signInBrowser(app, "employer1")
            let (refused, _) = try await ApplicationFlowTests.get(app, employer, "/bureau/dashboard")
            #expect(refused == .forbidden)
        }
    }

    @Test("Counted at most once a minute: a reload within the minute shows the count it showed and when; after it, the new count",
          arguments: DatabaseEngine.available)
    func countedOnceAMinute(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-09-18"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            let before = try await DashboardFigures.load(on: app.db, policy: try app.domain.currentPolicy, calendar: app.domain.calendar,
                                                         today: clock.today()).files
            var (_, html) = try await ApplicationFlowTests.get(app, bureau, "/bureau/dashboard")
            #expect(html.contains("截至 2024-09-18 12:00（上海时间），共 \(before) 份申报"))
            try await BulkSeed.run(files: 1_000, on: app)
            clock.advance(minutes: 0.5)
            (_, html) = try await ApplicationFlowTests.get(app, bureau, "/bureau/dashboard")
            #expect(html.contains("截至 2024-09-18 12:00（上海时间），共 \(before) 份申报"), "within the minute: the count shown before")
            clock.advance(minutes: 0.6)
            (_, html) = try await ApplicationFlowTests.get(app, bureau, "/bureau/dashboard?lang=en")
            #expect(html.contains("As of 2024-09-18 12:01 (Shanghai time): \(before + 1_000) application files"), "a minute on: counted again")
        }
    }
}
