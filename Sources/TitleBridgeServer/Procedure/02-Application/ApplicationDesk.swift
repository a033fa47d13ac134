import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

/// 网上申报: the applicant's file — opened once per batch, saved step by step with optimistic
/// locking, moved between stages only through the core's transition table, every change
/// audited and every stage change told to the applicant as a message.
struct ApplicationDesk {
    let app: Application
    let database: any Database

    init(request: Request) {
        app = request.application
        database = request.db
    }

    init(app: Application, database: any Database) {
        self.app = app
        self.database = database
    }

    var clock: any WallClock { app.domain.clock }

    // MARK: opening and loading

    /// The applicant's file of the current batch, created on first use. After the window no
    /// new file is opened (it could not be reported any more); an existing one is still returned.
    func open(for principal: Principal) async throws -> ApplicationRecord {
        let policy = try app.domain.currentPolicy
        let batch = policy.id
        if let existing = try await ApplicationRecord.query(on: database).filter(\.$applicantID == principal.userID)
            .filter(\.$batchID == batch).first() {
            return existing
        }
        if let closed = Self.openingClosed(policy, services: app.domain) {
            throw APIProblem(status: .conflict, code: "batch_closed", message: closed, field: nil)
        }
        let clock = self.clock
        do {
            return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
                let record = ApplicationRecord()
                record.applicantID = principal.userID
                record.batchID = batch
                record.stage = Stage.draft.rawValue
                record.version = 1
                record.contentJSON = try ApplicationRecord.encode(ApplicationContent())
                record.createdAt = clock.now()
                record.updatedAt = clock.now()
                record.number = try await ApplicationNumber.draw(year: ShanghaiTime.date(of: record.createdAt).year, on: db)
                try await record.create(on: db)
                return (record, [AuditEntry(actor: principal.auditActor, action: "application.open", recordType: "application",
                                            recordID: try record.requireID().uuidString, after: record.number)])
            }
        } catch {
            // Two tabs opening at once: the unique (applicant, batch) keeps one; use it.
            if let existing = try await ApplicationRecord.query(on: database).filter(\.$applicantID == principal.userID)
                .filter(\.$batchID == batch).first() { return existing }
            throw error
        }
    }

    /// Why no new file can be opened in `policy`'s batch now: the batch was closed by the
    /// administration, or its window is over (`ReportingChecklist.openingClosed`); nil otherwise.
    static func openingClosed(_ policy: BatchPolicy, services: DomainServices) -> LocalizedText? {
        if services.batches.isClosed(policy.id) {
            return LocalizedText(zh: "本批次已关闭，不再新建申报。请关注下一批次的通知。",
                                 en: "This batch is closed and takes no new applications. Watch for the notice of the next batch.")
        }
        return ReportingChecklist.openingClosed(now: services.clock.now(), policy: policy)
    }

    /// The file in the path, if the caller may see it (404 otherwise).
    static func load(_ request: Request) async throws -> (ApplicationRecord, Principal) {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("applicationID", as: UUID.self),
              let record = try await ApplicationRecord.find(id, on: request.db) else { throw Abort(.notFound) }
        var employer: UnitFacts?
        if let employerID = record.employerID { employer = try await OrganisationRecord.find(employerID, on: request.db)?.facts }
        guard RecordAccess.mayView(applicationOf: record.applicantID, submitted: record.submittedAt != nil, employer: employer,
                                   actor: principal.actor) else {
            // The committee reads the files it judges, read-only (四(六)); a recused or absent expert does not.
            _ = try await CommitteeDesk(request: request).requireReadable(record, by: principal)
            return (record, principal)
        }
        return (record, principal)
    }

    // MARK: what the engine says

    /// The policy of the file's batch: every stored batch has one, seeded from the policy files.
    func policy(of record: ApplicationRecord) throws -> BatchPolicy {
        guard let policy = app.domain.policy(record.batchID) else {
            throw ConfigError("no policy file for batch \(record.batchID)")
        }
        return policy
    }

    /// The kind of the file's employer, once the applicant has named it.
    func employerKind(of record: ApplicationRecord) async throws -> ApplicantProfile.EmployerKind? {
        guard let id = record.employerID, let unit = try await OrganisationRecord.find(id, on: database) else { return nil }
        return unit.organisationKind?.employerKind
    }

    /// The profile of the file as it stands, with the certificate from its linked verification.
    func profile(of record: ApplicationRecord, target: ApplicantProfile.Title? = nil) async throws -> ApplicantProfile? {
        try await profile(of: record, employerKind: employerKind(of: record), target: target)
    }

    /// The same, with the employer's kind already known.
    func profile(of record: ApplicationRecord, employerKind: ApplicantProfile.EmployerKind?,
                 target: ApplicantProfile.Title? = nil) async throws -> ApplicantProfile? {
        var content = try record.content
        if let target { content.target = target }
        return try await profile(of: record, content: content, employerKind: employerKind)
    }

    /// The profile of `content` as the file would hold it, with the file's certificate: what a
    /// save is judged by before anything is stored.
    func profile(of record: ApplicationRecord, content: ApplicationContent,
                 employerKind: ApplicantProfile.EmployerKind?) async throws -> ApplicantProfile? {
        var certificate: ApplicantProfile.Certificate?
        if let id = record.verificationID, let verification = try await VerificationRecord.find(id, on: database),
           let item = try await CertificateItemRecord.find(verification.certificateItemID, on: database)?.item {
            certificate = item.certificate(verifiedOn: verification.passedDay)
        }
        var profile = content.profile(batch: record.batchID, employerKind: employerKind, certificate: certificate)
        profile?.participatedIn = try await batchesTakenPart(by: record.applicantID, besides: record.batchID)
        return profile
    }

    /// The other batches the applicant took part in, for a policy that excludes them (the third
    /// batch excludes the first two). Reading: taking part is having a file accepted (受理) —
    /// from then on the file is before the committee; a file withdrawn, refused acceptance or
    /// never reported did not take part. Accepted is what `Stage.isFrozen` marks.
    func batchesTakenPart(by applicantID: UUID, besides batch: String) async throws -> [String] {
        (try await Self.batchesTakenPart(by: [applicantID], on: database)[applicantID] ?? []).subtracting([batch]).sorted()
    }

    /// The same for several applicants in one query (the read model's lists).
    static func batchesTakenPart(by applicants: Set<UUID>, on database: any Database) async throws -> [UUID: Set<String>] {
        let frozen = Stage.allCases.filter(\.isFrozen).map(\.rawValue)
        var taken: [UUID: Set<String>] = [:]
        for file in try await ApplicationRecord.query(on: database).filter(\.$applicantID ~~ applicants).filter(\.$stage ~~ frozen).all() {
            taken[file.applicantID, default: []].insert(file.batchID)
        }
        return taken
    }

    /// The signed basic conditions of 三(一): judged by the box the applicant ticks with the title,
    /// not by the title, so a title on offer is judged as if they are given.
    static let attestationClauses: Set<ClauseID> = [.lawAbiding, .professionalEthics, .dutiesFulfilled]

    /// The attestations as given.
    static let attested = ApplicantProfile.Attestations(lawAbiding: true, professionalEthics: true, dutiesFulfilled: true)

    /// The clause that refuses the title of `report`, the attestations aside: the first failed one.
    static func titleRefusal(in report: EligibilityReport) -> EligibilityClause? {
        report.clauses.first { $0.outcome == .fail && !attestationClauses.contains($0.id) }
    }

    func report(of record: ApplicationRecord) async throws -> EligibilityReport? {
        guard let profile = try await profile(of: record) else { return nil }
        return EligibilityEngine(policy: try policy(of: record)).evaluate(profile)
    }
}
