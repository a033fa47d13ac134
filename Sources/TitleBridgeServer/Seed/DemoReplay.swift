import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// Replays the demo script through the real desks: every step at or before `asOf` of the
/// threads not replayed before, all threads together in the order of their instants, each with
/// the script clock at its own instant. The people act as themselves (a principal built from
/// their account, as a session would carry it), so every refusal the desks would give a person
/// is given here too, and stops the seed with the step that caused it.
final class DemoReplay {
    let app: Application
    let clock: DemoScriptClock
    let asOf: Date
    private var principals: [String: Principal] = [:]
    private var units: [String: UUID] = [:]

    init(app: Application, clock: DemoScriptClock, asOf: Date) {
        self.app = app
        self.clock = clock
        self.asOf = asOf
    }

    /// Replays `threads`; returns how many steps ran.
    func run(_ threads: [DemoThread]) async throws -> Int {
        // The script's dates belong to its batch: under another batch's window they would be refused.
        guard app.domain.currentBatchID == DemoScript.batchID, let policy = app.domain.policy(DemoScript.batchID) else {
            app.logger.notice("demo files are written for another batch: only the demo accounts were added",
                              metadata: ["script": "\(DemoScript.batchID)", "current": "\(app.domain.currentBatchID)"])
            return 0
        }
        let seeded = try await DemoSeed.seededAccounts(on: app.db)
        var due: [(at: Date, thread: Int, step: Int)] = []
        for (index, thread) in threads.enumerated() {
            if try await isReplayed(thread, seeded: seeded, policy: policy) { continue }
            var previous = Date.distantPast
            for (position, step) in thread.steps.enumerated() {
                let at = try DemoScript.instant(step.at)
                guard at >= previous else { throw DemoScriptError("\(step.at) comes before the step before it in its thread") }
                previous = at
                if at <= asOf { due.append((at, index, position)) }
            }
        }
        due.sort { ($0.at, $0.thread, $0.step) < ($1.at, $1.thread, $1.step) }
        for item in due {
            let thread = threads[item.thread], step = thread.steps[item.step]
            clock.set(item.at)
            do {
                try await perform(step.action, in: thread, policy: policy)
            } catch {
                throw DemoScriptError("demo step at \(step.at) (\(thread.key)) was refused: \(error)")
            }
        }
        return due.count
    }

    /// Whether the thread left its mark already (seeding twice adds nothing). A holder whose
    /// account the demo did not make (a real account of that name) is never acted for.
    func isReplayed(_ thread: DemoThread, seeded: Set<UUID>, policy: BatchPolicy) async throws -> Bool {
        switch thread.key {
        case .account(let username):
            guard let user = try await UserRecord.query(on: app.db).filter(\.$username == username).first(), let id = user.id,
                  seeded.contains(id) else { return true }
            let files = try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == id).filter(\.$batchID == policy.id).count()
            let verifications = try await VerificationRecord.query(on: app.db).filter(\.$applicantID == id).count()
            return files + verifications > 0
        case .catalogue:
            return try await DemoCatalogue.isPresent(on: app.db, policy: policy)
        case .paperSchedule:
            return try await PaperScheduleRecord.query(on: app.db).filter(\.$batchID == policy.id).count() > 0
        case .session(let place):
            return try await InterviewSessionRecord.query(on: app.db).filter(\.$batchID == policy.id).filter(\.$place == place).count() > 0
        case .results:
            return try await ResultListRecord.query(on: app.db).filter(\.$batchID == policy.id).count() > 0
        case .appointment(let unit, let person):
            let unitID = try await self.unitID(unit)
            return try await AppointmentRecord.query(on: app.db).filter(\.$organisationID == unitID)
                .filter(\.$personName == person).count() > 0
        }
    }

    // MARK: who acts, and on what

    /// The account as a signed-in session would carry it.
    func principal(_ username: String) async throws -> Principal {
        if let known = principals[username] { return known }
        guard let user = try await UserRecord.query(on: app.db).filter(\.$username == username).first(), let id = user.id else {
            throw DemoScriptError("the demo has no account \(username)")
        }
        let principal = Principal(userID: id, username: user.username, displayName: user.displayName,
                                  roles: try await AccountDirectory(app: app).roles(of: id), organisationID: user.organisationID,
                                  sessionID: UUID(), sessionKind: .api, csrfToken: "", unreadMessages: 0)
        principals[username] = principal
        return principal
    }

    /// The demo unit of `key` (`DemoSeed.enterprise` …).
    func unitID(_ key: String) async throws -> UUID {
        if let known = units[key] { return known }
        guard let name = DemoSeed.units.first(where: { $0.key == key })?.organisation.nameZh,
              let id = try await OrganisationRecord.query(on: app.db).filter(\.$nameZh == name).first()?.id else {
            throw DemoScriptError("the demo has no unit \(key)")
        }
        units[key] = id
        return id
    }

    /// The holder the thread is about.
    func holderAccount(in thread: DemoThread) async throws -> Principal {
        guard case .account(let username) = thread.key else { throw DemoScriptError("\(thread.key) has no holder") }
        return try await principal(username)
    }

    func applicantData(in thread: DemoThread) throws -> DemoApplicant {
        guard let applicant = thread.applicant else { throw DemoScriptError("\(thread.key) has no file data") }
        return applicant
    }

    /// The employer account of the holder's unit, and the name it signs with.
    func employerAccount(of applicant: DemoApplicant) async throws -> (Principal, String) {
        guard let employer = DemoSeed.employers[applicant.unit] else { throw DemoScriptError("no employer account for \(applicant.unit)") }
        return (try await principal(employer.username), employer.signs)
    }

    /// The holder's file of the batch, as stored now.
    func file(of holder: Principal, policy: BatchPolicy) async throws -> ApplicationRecord {
        guard let record = try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == holder.userID)
            .filter(\.$batchID == policy.id).first() else {
            throw DemoScriptError("\(holder.username) has no file yet")
        }
        return record
    }

    var desk: ApplicationDesk { ApplicationDesk(app: app, database: app.db) }

    /// The acceptance checklist of a reported file, as the bureau's page shows it.
    func checklist(of record: ApplicationRecord, policy: BatchPolicy) async throws -> [AcceptanceItem] {
        let report = try await desk.report(of: record)
        let (_, uploaded) = try await desk.reportingFacts(of: record)
        return AcceptanceChecklist.items(report: report, uploaded: uploaded, summaryZi: try record.content.summaryCount.zi, policy: policy)
    }

    /// The bureau's verdicts: every item in order except the flagged ones; a “原则上” item in
    /// order with the reviewer's written reason.
    func verdicts(on items: [AcceptanceItem], flags: [DemoFlag], due: LocalDate?) throws -> AcceptanceDecision {
        if let unknown = flags.first(where: { flag in !items.contains { $0.id == flag.item } }) {
            throw DemoScriptError("the checklist has no item \(unknown.item)")
        }
        return AcceptanceDecision(entries: items.map { item -> AcceptanceDecision.Entry in
            if let flag = flags.first(where: { $0.item == item.id }) {
                return AcceptanceDecision.Entry(id: item.id, label: item.label, verdict: flag.verdict, note: flag.note)
            }
            return AcceptanceDecision.Entry(id: item.id, label: item.label, verdict: .conforms,
                                            note: item.found == .review ? "经审核，申报人在本市从事相关工作的情况属实，予以认可。" : nil)
        }, supplementDue: due)
    }

    /// A ticked box as a form sends it; nil (not ticked) for false.
    static func box(_ ticked: Bool) throws -> Checkbox? {
        struct Form: Decodable { let box: Checkbox }
        guard ticked else { return nil }
        return try JSONDecoder().decode(Form.self, from: Data(#"{"box":true}"#.utf8)).box
    }
}
