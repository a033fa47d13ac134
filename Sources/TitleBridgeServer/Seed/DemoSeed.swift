import Fluent
import TitleBridgeCore
import Vapor

/// A demo login printed at start-up.
public struct DemoLogin: Sendable, Equatable {
    public let username: String
    public let role: String
}

/// Demo data for a newcomer's first `serve`: only into a database with no account yet (or on
/// `seed --demo`), never when `--no-demo` is given. The organisations and accounts
/// (`DemoPeople.swift`), then a script of dated steps (`DemoTimeline.swift`) that walks holders
/// through the 2024 batch — verification, files at every stage, junior appointments — through
/// the real desks (`DemoReplay`). The numbers are made up: credit codes and ID numbers pass
/// their check characters but belong to nobody.
///
/// 按时钟播种 — seeded as of the clock: only the steps at or before the domain clock's instant
/// are replayed, each with the clock at its own instant, so a rehearsal started at
/// `--clock 2024-09-10T09:00:00+08:00` holds only what can have happened by then, and without a
/// rehearsal clock the whole batch is there, finished, with the files still waiting where
/// people have not acted.
public enum DemoSeed {
    /// The one password of every demo account.
    public static let password = "TitleBridge-demo-2024"

    /// The demo logins whose accounts the demo seed made and that are still enabled, in the
    /// order of `logins`: `serve` prints these and no other, so a printed login signs in. An
    /// account of the same name made otherwise (an administrator called `admin` created by
    /// `users create`) is not the demo's and is not printed with the demo password.
    public static func presentLogins(on database: any Database) async throws -> [DemoLogin] {
        let seeded = try await seededAccounts(on: database)
        guard !seeded.isEmpty else { return [] }
        let present = try await UserRecord.query(on: database).filter(\.$username ~~ logins.map(\.username))
            .filter(\.$isDisabled == false).all()
            .filter { user in user.id.map { seeded.contains($0) } ?? false }
        let names = Set(present.map(\.username))
        return logins.filter { names.contains($0.username) }
    }

    /// The accounts the demo seed created (by its audit rows).
    static func seededAccounts(on database: any Database) async throws -> Set<UUID> {
        Set(try await AuditEventRecord.query(on: database).filter(\.$action == "user.create")
            .filter(\.$actorName == actorName).all().compactMap { UUID(uuidString: $0.recordID) })
    }

    /// The audit log's actor for everything the demo seed writes itself.
    static let actorName = "demo-seed"

    /// How much of the demo to add.
    public enum Extent: Sendable {
        /// The organisations and accounts only: a fixture for checking one feature at a time.
        case people
        /// The people and the replayed batch: what a newcomer gets.
        case everything
    }

    /// Seeds as of `app.domain.clock`: the replay runs with a clock of its own, set to each
    /// step's instant, and the application gets its own clock back afterwards, also when a step
    /// fails.
    public static func run(on app: Application, extent: Extent = .everything) async throws {
        let saved = app.domain
        let asOf = saved.clock.now()
        let clock = DemoScriptClock(min(try DemoScript.instant(DemoScript.accountsCreated), asOf))
        app.domain = saved.with(clock: clock)
        let replayed: Int
        do {
            try await addAccounts(on: app)
            replayed = extent == .people ? 0 : try await DemoReplay(app: app, clock: clock, asOf: asOf).run(DemoTimeline.threads)
        } catch {
            app.domain = saved
            throw error
        }
        app.domain = saved
        app.logger.info("demo data added", metadata: ["logins": "\(logins.count)", "steps": "\(replayed)",
                                                     "as of": "\(ShanghaiTime.clockText(asOf)) Asia/Shanghai"])
    }

    /// The organisations and accounts, each once: seeding twice adds nothing the second time.
    static func addAccounts(on app: Application) async throws {
        let directory = AccountDirectory(app: app)
        let actor = AuditActor.system(actorName)
        var ids: [String: UUID] = [:]
        for unit in units {
            var organisation = unit.organisation
            if let existing = try await OrganisationRecord.query(on: app.db).filter(\.$nameZh == organisation.nameZh).first() {
                ids[unit.key] = try existing.requireID()
                continue
            }
            if organisation.kind == .publicInstitution { organisation.supervisingID = ids[department] }
            ids[unit.key] = try await directory.createOrganisation(organisation, by: actor).requireID()
        }
        // One bcrypt for all: every demo account has the same password.
        let hash = try await app.password.async.hash(password).get()
        for person in people {
            if try await UserRecord.query(on: app.db).filter(\.$username == person.username).count() > 0 { continue }
            let account = NewAccount(username: person.username, displayName: person.name, password: nil, roles: [person.role],
                                     organisationID: person.unit.flatMap { ids[$0] }, idKind: person.idKind,
                                     idNumber: person.idNumber, phone: person.phone)
            _ = try await directory.createAccount(account, by: actor, passwordHash: hash)
        }
        let committee = CommitteeDesk(app: app, database: app.db)
        for member in committeeMembers {
            guard let user = try await UserRecord.query(on: app.db).filter(\.$username == member.username).first(), let userID = user.id,
                  try await CommitteeMemberRecord.query(on: app.db).filter(\.$userID == userID).count() == 0 else { continue }
            try await committee.addMember(userID, fields: member.fields, employerID: member.unit.flatMap { ids[$0] },
                                          employerName: member.employer, by: actor)
        }
    }
}
