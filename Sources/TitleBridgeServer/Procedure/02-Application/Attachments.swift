import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

extension ApplicationDesk {
    // MARK: uploads

    /// Attaches a file of `kind`, checked by content and size, within the file's limits: the
    /// applicant its own proofs and commitment, the employer of the file's unit its stamped
    /// opinion and publicity evidence, each only while the stage takes that kind.
    func attach(_ kind: UploadKind, data: Data, name: String, to record: ApplicationRecord,
                by principal: Principal) async throws -> ApplicationUploadRecord {
        let asApplicant = record.applicantID == principal.userID
        let asEmployer = RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor)
        guard asApplicant || asEmployer else { throw Abort(.notFound) }
        let stage = record.currentStage
        if stage.isFrozen { try await refuseChange(record, "upload." + kind.rawValue, by: principal) }
        if stage == .supplementRequested { try await requireInSupplement(record, upload: kind) }
        guard (asApplicant && kind.openForApplicant(in: stage)) || (asEmployer && kind.openForEmployer(in: stage)) else {
            throw APIProblem(status: .conflict, code: "upload_closed", message: LocalizedText(
                zh: "当前阶段（\(stage.name.zh)）您不能上传“\(kind.name.zh)”。",
                en: "You cannot upload “\(kind.name.en)” while the file is “\(stage.name.en)”."), field: "kind")
        }
        let applicationID = try record.requireID()
        try await checkCapacity(of: applicationID, adding: data.count)
        let clock = self.clock
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let (upload, file) = try await storeUpload(kind, data: data, name: name, field: "file", to: applicationID,
                                                       owner: principal.userID, on: db)
            return (upload, [AuditEntry(actor: principal.auditActor, action: "application.upload", recordType: "application",
                                        recordID: applicationID.uuidString, after: file.sha256, reason: kind.rawValue)])
        }
    }

    /// Refuses a file that would take the application past its limits.
    func checkCapacity(of applicationID: UUID, adding bytes: Int) async throws {
        let existing = try await ApplicationUploadRecord.query(on: database).filter(\.$applicationID == applicationID).all()
        let sizes = try await UploadedFileRecord.query(on: database).filter(\.$id ~~ existing.map(\.fileID)).all().map(\.size)
        guard existing.count < UploadLimits.filesPerApplication,
              sizes.reduce(0, +) + bytes <= UploadLimits.bytesPerApplication else {
            throw APIProblem(status: .payloadTooLarge, code: "application_full", message: LocalizedText(
                zh: "每份申报最多 \(UploadLimits.filesPerApplication) 个附件、共 \(UploadLimits.bytesPerApplication / 1024 / 1024) MB，请先删除不需要的附件。",
                en: "An application holds at most \(UploadLimits.filesPerApplication) files and \(UploadLimits.bytesPerApplication / 1024 / 1024) MB; remove files you do not need first."),
                field: "file")
        }
    }

    /// Stores the bytes and the upload row, inside the caller's transaction.
    func storeUpload(_ kind: UploadKind, data: Data, name: String, field: String, to applicationID: UUID, owner: UUID,
                             on db: any Database) async throws -> (ApplicationUploadRecord, UploadedFileRecord) {
        let file = try await app.files.store(data, name: name, field: field, owner: owner, on: db, clock: clock)
        let upload = ApplicationUploadRecord()
        upload.applicationID = applicationID
        upload.kind = kind.rawValue
        upload.fileID = try file.requireID()
        upload.createdAt = clock.now()
        try await upload.create(on: db)
        return (upload, file)
    }

    /// Removes an attachment (the stored bytes stay, as others may hold the same content): the
    /// applicant its own proofs while their kind is still open, the employer an upload its unit
    /// made until the file is reported (`removal(of:madeByUnit:on:by:publicityEvidence:)`).
    func detach(_ uploadID: UUID, from record: ApplicationRecord, by principal: Principal) async throws {
        let applicationID = try record.requireID()
        let asApplicant = record.applicantID == principal.userID
        let asEmployer = RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor)
        guard asApplicant || asEmployer,
              let upload = try await ApplicationUploadRecord.find(uploadID, on: database), upload.applicationID == applicationID else {
            throw Abort(.notFound)
        }
        if record.currentStage.isFrozen { try await refuseChange(record, "removeUpload." + upload.kind, by: principal) }
        if asApplicant, record.currentStage == .supplementRequested, let kind = UploadKind(rawValue: upload.kind) {
            try await requireInSupplement(record, upload: kind)
        }
        let file = try await UploadedFileRecord.find(upload.fileID, on: database)
        var madeByUnit = false
        if !asApplicant, let owner = file?.ownerID {
            madeByUnit = Self.madeByUnit(owner: owner, ownerUnit: try await UserRecord.find(owner, on: database)?.organisationID, of: record)
        }
        let evidence = try await PublicityRecord.query(on: database).filter(\.$applicationID == applicationID).first()?.evidenceFileID
        switch Self.removal(of: upload, madeByUnit: madeByUnit, on: record, by: principal.actor, publicityEvidence: evidence) {
        case .allowed:
            break
        case .notYours:
            throw APIProblem(status: .forbidden, code: "upload_not_yours", message: LocalizedText(
                zh: "单位只能删除本单位上传的附件，申报人上传的附件由申报人本人处理。",
                en: "The employer can remove only what the unit uploaded; the applicant's files are the applicant's to remove."), field: nil)
        case .holdsPublicity:
            throw APIProblem(status: .conflict, code: "publicity_evidence", message: LocalizedText(
                zh: "这是已登记公示所依据的证明，不能删除；如需更换，请更正公示信息并上传新的证明。",
                en: "The recorded publicity rests on this evidence, so it cannot be removed; to replace it, correct the publicity with new evidence."),
                field: nil)
        case .closed:
            throw APIProblem(status: .conflict, code: "upload_closed", message: LocalizedText(
                zh: "当前阶段不能删除该附件。", en: "This file cannot be removed at this stage."), field: nil)
        }
        let actor = asApplicant ? principal.auditActor : principal.auditActor(as: .employer)
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            try await upload.delete(on: db)
            return ((), [AuditEntry(actor: actor, action: "application.removeUpload", recordType: "application",
                                    recordID: applicationID.uuidString, before: file?.sha256, reason: upload.kind)])
        }
    }

    /// Whether an attachment may be removed now, and if not why.
    enum UploadRemoval: Equatable {
        case allowed
        /// The employer asked for an upload its unit did not make.
        case notYours
        /// The stage no longer takes the change.
        case closed
        /// The evidence the recorded publicity points to; a correction of the publicity replaces it.
        case holdsPublicity
    }

    /// The employer may take back what its unit uploaded (an earlier stamped opinion, evidence of a
    /// corrected publicity) while the file is still with the unit: once reported, the bureau
    /// judges what is there.
    static let unitRemovalStages: Set<Stage> = [.employerReview, .supervisorReview, .unitPublicity]

    /// The one rule the desk applies and the file's page offers a remove button by: the
    /// applicant removes a kind while it is open to it; the employer of the file's unit an
    /// upload its unit made (`madeByUnit`) in `unitRemovalStages`, except the evidence the
    /// recorded publicity rests on. Anyone else is not offered the change at all (`closed`).
    static func removal(of upload: ApplicationUploadRecord, madeByUnit: Bool, on record: ApplicationRecord, by actor: Actor,
                        publicityEvidence: UUID?) -> UploadRemoval {
        let stage = record.currentStage
        if record.applicantID == actor.userID {
            return UploadKind(rawValue: upload.kind)?.openForApplicant(in: stage) == true ? .allowed : .closed
        }
        guard RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: actor) else { return .closed }
        guard madeByUnit else { return .notYours }
        guard unitRemovalStages.contains(stage) else { return .closed }
        return upload.fileID == publicityEvidence ? .holdsPublicity : .allowed
    }

    /// An upload made by the file's unit: by an account of that unit other than the applicant
    /// (a staff member's own file is never the unit's to change).
    static func madeByUnit(owner: UUID, ownerUnit: UUID?, of record: ApplicationRecord) -> Bool {
        guard let unit = record.employerID, owner != record.applicantID else { return false }
        return ownerUnit == unit
    }
}
