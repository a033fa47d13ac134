import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// Everything the API's answers for a set of files need, read in a fixed number of queries
/// whatever the number of files (a unit's list, the bureau's hundreds): uploads, publicity,
/// history, acceptance, supplement, paper time, and what the eligibility report rests on.
struct AnswerContext {
    private var uploads: [UUID: [ApplicationUploadRecord]] = [:]
    private var publicities: [UUID: PublicityRecord] = [:]
    private var reviews: [UUID: [ReviewRecord]] = [:]
    private var acceptances: [UUID: AcceptanceRecord] = [:]
    private var supplements: [UUID: SupplementRecord] = [:]
    private var schedules: [String: PaperScheduleRecord] = [:]
    private var employerKinds: [UUID: ApplicantProfile.EmployerKind] = [:]
    private var certificates: [UUID: ApplicantProfile.Certificate] = [:]

    static func load(for records: [ApplicationRecord], on database: any Database) async throws -> AnswerContext {
        var context = AnswerContext()
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return context }
        context.uploads = Dictionary(grouping: try await ApplicationUploadRecord.query(on: database).filter(\.$applicationID ~~ ids)
            .sort(\.$createdAt).all(), by: \.applicationID)
        context.publicities = Self.byApplication(try await PublicityRecord.query(on: database).filter(\.$applicationID ~~ ids).all(), \.applicationID)
        context.reviews = Dictionary(grouping: try await ReviewRecord.query(on: database).filter(\.$applicationID ~~ ids)
            .sort(\.$createdAt).all(), by: \.applicationID)
        context.acceptances = Self.byApplication(try await AcceptanceRecord.query(on: database).filter(\.$applicationID ~~ ids).all(), \.applicationID)
        context.supplements = Self.byApplication(try await SupplementRecord.query(on: database).filter(\.$applicationID ~~ ids).all(), \.applicationID)
        context.schedules = Dictionary(try await PaperScheduleRecord.query(on: database).filter(\.$batchID ~~ Set(records.map(\.batchID))).all()
            .map { ($0.batchID, $0) }, uniquingKeysWith: { first, _ in first })
        let units = try await OrganisationRecord.query(on: database).filter(\.$id ~~ Set(records.compactMap(\.employerID))).all()
        context.employerKinds = Dictionary(units.compactMap { unit in
            guard let id = unit.id, let kind = unit.organisationKind?.employerKind else { return nil }
            return (id, kind)
        }, uniquingKeysWith: { first, _ in first })
        let verifications = try await VerificationRecord.query(on: database).filter(\.$id ~~ Set(records.compactMap(\.verificationID))).all()
        let items = try await CertificateItemRecord.query(on: database).filter(\.$id ~~ Set(verifications.map(\.certificateItemID))).all()
        let itemByID = Dictionary(items.compactMap { record in record.id.flatMap { id in record.item.map { (id, $0) } } },
                                  uniquingKeysWith: { first, _ in first })
        context.certificates = Dictionary(verifications.compactMap { verification in
            guard let id = verification.id, let item = itemByID[verification.certificateItemID] else { return nil }
            return (id, item.certificate(verifiedOn: verification.passedDay))
        }, uniquingKeysWith: { first, _ in first })
        return context
    }

    private static func byApplication<T>(_ rows: [T], _ key: KeyPath<T, UUID>) -> [UUID: T] {
        Dictionary(rows.map { ($0[keyPath: key], $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The answer for one of the files, built from what was read, as `viewer` may see it (the
    /// ID number whole or masked).
    func answer(_ record: ApplicationRecord, app: Application, viewer: Actor) throws -> ApplicationController.ApplicationAnswer {
        let id = try record.requireID()
        guard let policy = app.domain.policy(record.batchID) else { throw ConfigError("no policy file for batch \(record.batchID)") }
        let profile = try record.content.profile(batch: record.batchID, employerKind: record.employerID.flatMap { employerKinds[$0] },
                                                 certificate: record.verificationID.flatMap { certificates[$0] })
        let publicity = publicities[id]
        let plan = PublicityPlan(policy: policy, calendar: app.domain.calendar)
        let assessment = publicity?.startDay.map { plan.assess(startingOn: $0) }
        var answer = try ApplicationController.ApplicationAnswer(
            record, report: profile.map { EligibilityEngine(policy: policy).evaluate($0) }, policy: policy, plan: plan,
            employerKind: record.employerID.flatMap { employerKinds[$0] }, uploads: uploads[id] ?? [],
            publicity: publicity, assessment: assessment, reviews: reviews[id] ?? [], now: app.domain.clock.now(),
            acceptance: acceptances[id], schedule: schedules[record.batchID], supplement: supplements[id])
        let idNumber = ShownIdentityNumber.of(record, viewer: viewer, cipher: app.security.cipher)
        answer.idNumber = idNumber?.text
        answer.idNumberMasked = idNumber?.masked
        return answer
    }
}
