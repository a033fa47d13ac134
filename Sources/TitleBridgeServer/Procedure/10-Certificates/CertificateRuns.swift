import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import TitleBridgeCredentials
import Vapor

/// 批量发证: one action of the bureau issues every certificate of the batch that is due. The run
/// is a record, counted file by file, so the page shows its progress while it goes and its
/// summary after; running it again issues nothing twice (each file is certified once, by the
/// stage change that writes its certificate).
extension CertificateDesk {
    /// Starts a run: checks the document number, counts the files; `execute` does the work.
    func startRun(batch: String, documentNumber typed: String?, by principal: Principal) async throws -> (CertificateRunRecord, [ApplicationRecord]) {
        let documentNumber = (typed ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !documentNumber.isEmpty, documentNumber.count <= 60 else {
            throw APIProblem.badInput(code: "document_number", field: "documentNumber", LocalizedText(
                zh: "请填写批准文号（不超过 60 字），例如：沪人社专〔2024〕412号。",
                en: "Give the approval document number (at most 60 characters), for example 沪人社专〔2024〕412号."))
        }
        if let running = try await CertificateRunRecord.query(on: database).filter(\.$finishedAt == nil).first(),
           running.startedAt > clock.now().addingTimeInterval(-3600) {
            throw APIProblem(status: .conflict, code: "run_in_progress", message: LocalizedText(
                zh: "已有一次发证正在进行，请等待其完成。", en: "Certificates are being issued already; wait for that run to finish."), field: nil)
        }
        let files = try await issuable(batch: batch)
        guard !files.isEmpty else {
            throw APIProblem(status: .conflict, code: "nothing_to_issue", message: LocalizedText(
                zh: "没有可发证的申报材料：公示期未满、仍有异议待核实，或已全部发证。",
                en: "No file is due a certificate: publicities still running, objections still open, or all issued already."), field: nil)
        }
        let run = CertificateRunRecord()
        run.batchID = batch
        run.documentNumber = documentNumber
        run.approvedOn = clock.today().iso
        run.startedBy = principal.userID
        run.startedAt = clock.now()
        run.total = files.count
        (run.issued, run.skipped, run.failed) = (0, 0, 0)
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            try await run.create(on: db)
            return ((), [AuditEntry(actor: principal.auditActor, action: "certificates.run", recordType: "certificate_run",
                                    recordID: try run.requireID().uuidString, after: "\(files.count) \(documentNumber)")])
        }
        return (run, files)
    }

    /// Issues the run's files one by one, counting as it goes.
    func execute(_ run: CertificateRunRecord, files: [ApplicationRecord], by principal: Principal) async {
        guard let runID = run.id, let approvedOn = LocalDate(iso: run.approvedOn) else { return }
        let sql = database as? any SQLDatabase
        do {
            let issuer = try await issuer()
            for file in files {
                var column = "failed"
                do {
                    column = try await issue(file, documentNumber: run.documentNumber, approvedOn: approvedOn, runID: runID,
                                             issuer: issuer, by: principal) == nil ? "skipped" : "issued"
                } catch {
                    app.logger.error("certificate not issued", metadata: ["application": "\(file.id?.uuidString ?? "")", "error": "\(error)"])
                }
                try await sql?.raw("UPDATE certificate_runs SET \(ident: column) = \(ident: column) + 1 WHERE id = \(bind: runID)").run()
            }
        } catch {
            app.logger.error("certificate run stopped", metadata: ["run": "\(runID)", "error": "\(error)"])
        }
        _ = try? await sql?.raw("UPDATE certificate_runs SET finished_at = \(bind: clock.now()) WHERE id = \(bind: runID)").run()
    }

    /// The latest run, for the page.
    func latestRun() async throws -> CertificateRunRecord? {
        try await CertificateRunRecord.query(on: database).sort(\.$startedAt, .descending).first()
    }
}
