import Fluent
import Foundation
import TitleBridgeCore

/// Result publicity and certificates in the demo (四(七), 四(八)): bureau1 publishes those who
/// passed, objections are made and ruled on (one dismissed, one upheld), the certificates are
/// issued after the period, and one is later revoked — through the desks a person uses.
extension DemoReplay {
    func performResults(_ action: DemoAction, in thread: DemoThread, policy: BatchPolicy) async throws {
        let bureau = try await principal("bureau1")
        let results = ResultPublicityDesk(app: app, database: app.db)
        switch action {
        case .publishResults(let startsOn):
            try await results.publish(batch: policy.id, startsOn: startsOn, by: bureau)
        case .object(let name, let contact, let reasons):
            let entry = try await self.entry(of: thread, policy: policy)
            _ = try await results.object(to: entry.id, form: ObjectionForm(name: name, contact: contact, reasons: reasons, evidence: ""),
                                         from: "demo:" + name)
        case .ruleObjection(let outcome, let reason):
            let entry = try await self.entry(of: thread, policy: policy)
            guard let objection = try await ObjectionRecord.query(on: app.db).filter(\.$entryID == entry.requireID())
                .filter(\.$outcome == ObjectionOutcome.open.rawValue).first() else { throw DemoScriptError("no open objection to rule on") }
            _ = try await results.rule(objection.id, outcome: outcome.rawValue, reason: reason, by: bureau)
        case .issueCertificates(let documentNumber):
            let desk = CertificateDesk(app: app, database: app.db)
            let (run, files) = try await desk.startRun(batch: policy.id, documentNumber: documentNumber, by: bureau)
            await desk.execute(run, files: files, by: bureau)
        case .revokeCertificate(let reason):
            let record = try await file(of: try await holderAccount(in: thread), policy: policy)
            guard let certificate = try await CertificateRecord.query(on: app.db).filter(\.$applicationID == record.requireID()).first() else {
                throw DemoScriptError("\(record.number ?? "?") has no certificate to revoke")
            }
            _ = try await CertificateDesk(app: app, database: app.db).revoke(number: certificate.number, reason: reason, by: bureau)
        default:
            throw DemoScriptError("\(action) is not a step of the results")
        }
    }

    /// The thread's holder on the result list.
    func entry(of thread: DemoThread, policy: BatchPolicy) async throws -> ResultEntryRecord {
        let record = try await file(of: try await holderAccount(in: thread), policy: policy)
        guard let entry = try await ResultEntryRecord.query(on: app.db).filter(\.$applicationID == record.requireID()).first() else {
            throw DemoScriptError("\(record.number ?? "?") is on no result list")
        }
        return entry
    }
}
