import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// The read model of application files: everything the status page, the API answer and the
/// stage-change guards judge a file by, read in a fixed number of queries whatever the number
/// of files (one file's page, a unit's list, the bureau's hundreds) and whatever the length of
/// their uploads and history. Page, API and guard see the same facts because they read them here.
struct ApplicationFiles {
    private var uploads: [UUID: [ApplicationUploadRecord]] = [:]
    private var publicities: [UUID: PublicityRecord] = [:]
    private var reviews: [UUID: [ReviewRecord]] = [:]
    private var acceptances: [UUID: AcceptanceRecord] = [:]
    private var supplements: [UUID: SupplementRecord] = [:]
    private var schedules: [String: PaperScheduleRecord] = [:]
    private var employerKinds: [UUID: ApplicantProfile.EmployerKind] = [:]
    private var certificates: [UUID: ApplicantProfile.Certificate] = [:]
    /// The batches each applicant took part in (a file accepted): `batchesTakenPart`'s reading.
    private var participation: [UUID: Set<String>] = [:]

    /// One file as the read model holds it.
    struct File {
        let record: ApplicationRecord
        let policy: BatchPolicy
        let employerKind: ApplicantProfile.EmployerKind?
        let report: EligibilityReport?
        let uploads: [ApplicationUploadRecord]
        let publicity: PublicityRecord?
        let reviews: [ReviewRecord]
        let acceptance: AcceptanceRecord?
        let supplement: SupplementRecord?
        let schedule: PaperScheduleRecord?
        /// The verified certificate the file rests on, with its field.
        let certificate: ApplicantProfile.Certificate?

        var uploaded: Set<UploadKind> { Set(uploads.compactMap { UploadKind(rawValue: $0.kind) }) }
    }

    static func load(for records: [ApplicationRecord], on database: any Database) async throws -> ApplicationFiles {
        var files = ApplicationFiles()
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return files }
        files.uploads = Dictionary(grouping: try await ApplicationUploadRecord.query(on: database).filter(\.$applicationID ~~ ids)
            .sort(\.$createdAt).all(), by: \.applicationID)
        files.publicities = Self.byApplication(try await PublicityRecord.query(on: database).filter(\.$applicationID ~~ ids).all(), \.applicationID)
        files.reviews = Dictionary(grouping: try await ReviewRecord.query(on: database).filter(\.$applicationID ~~ ids)
            .sort(\.$createdAt).all(), by: \.applicationID)
        files.acceptances = Self.byApplication(try await AcceptanceRecord.query(on: database).filter(\.$applicationID ~~ ids).all(), \.applicationID)
        files.supplements = Self.byApplication(try await SupplementRecord.query(on: database).filter(\.$applicationID ~~ ids).all(), \.applicationID)
        files.schedules = Dictionary(try await PaperScheduleRecord.query(on: database).filter(\.$batchID ~~ Set(records.map(\.batchID))).all()
            .map { ($0.batchID, $0) }, uniquingKeysWith: { first, _ in first })
        let units = try await OrganisationRecord.query(on: database).filter(\.$id ~~ Set(records.compactMap(\.employerID))).all()
        files.employerKinds = Dictionary(units.compactMap { unit in
            guard let id = unit.id, let kind = unit.organisationKind?.employerKind else { return nil }
            return (id, kind)
        }, uniquingKeysWith: { first, _ in first })
        let verifications = try await VerificationRecord.query(on: database).filter(\.$id ~~ Set(records.compactMap(\.verificationID))).all()
        let items = try await CertificateItemRecord.query(on: database).filter(\.$id ~~ Set(verifications.map(\.certificateItemID))).all()
        let itemByID = Dictionary(items.compactMap { record in record.id.flatMap { id in record.item.map { (id, $0) } } },
                                  uniquingKeysWith: { first, _ in first })
        files.certificates = Dictionary(verifications.compactMap { verification in
            guard let id = verification.id, let item = itemByID[verification.certificateItemID] else { return nil }
            return (id, item.certificate(verifiedOn: verification.passedDay))
        }, uniquingKeysWith: { first, _ in first })
        files.participation = try await ApplicationDesk.batchesTakenPart(by: Set(records.map(\.applicantID)), on: database)
        return files
    }

    private static func byApplication<T>(_ rows: [T], _ key: KeyPath<T, UUID>) -> [UUID: T] {
        Dictionary(rows.map { ($0[keyPath: key], $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The facts of one of the files read, with its eligibility report as the engine gives it today.
    func file(_ record: ApplicationRecord, domain: DomainServices) throws -> File {
        let id = try record.requireID()
        guard let policy = domain.policy(record.batchID) else { throw ConfigError("no policy file for batch \(record.batchID)") }
        let employerKind = record.employerID.flatMap { employerKinds[$0] }
        var profile = try record.content.profile(batch: record.batchID, employerKind: employerKind,
                                                 certificate: record.verificationID.flatMap { certificates[$0] })
        profile?.participatedIn = (participation[record.applicantID] ?? []).subtracting([record.batchID]).sorted()
        return File(record: record, policy: policy, employerKind: employerKind,
                    report: profile.map { EligibilityEngine(policy: policy).evaluate($0) },
                    uploads: uploads[id] ?? [], publicity: publicities[id], reviews: reviews[id] ?? [],
                    acceptance: acceptances[id], supplement: supplements[id], schedule: schedules[record.batchID],
                    certificate: record.verificationID.flatMap { certificates[$0] })
    }

    /// The API's answer for one of the files, as `viewer` may see it (the ID number whole or masked).
    func answer(_ record: ApplicationRecord, app: Application, viewer: Actor) throws -> ApplicationController.ApplicationAnswer {
        let file = try file(record, domain: app.domain)
        let plan = PublicityPlan(policy: file.policy, calendar: app.domain.calendar)
        var answer = try ApplicationController.ApplicationAnswer(
            record, report: file.report, policy: file.policy, plan: plan, employerKind: file.employerKind, uploads: file.uploads,
            publicity: file.publicity, assessment: file.publicity?.startDay.map { plan.assess(startingOn: $0) }, reviews: file.reviews,
            now: app.domain.clock.now(), acceptance: file.acceptance, schedule: file.schedule, supplement: file.supplement)
        let idNumber = ShownIdentityNumber.of(record, viewer: viewer, cipher: app.security.cipher)
        answer.idNumber = idNumber?.text
        answer.idNumberMasked = idNumber?.masked
        return answer
    }
}
