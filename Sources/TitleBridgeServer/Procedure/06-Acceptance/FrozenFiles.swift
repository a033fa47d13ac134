import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

extension ApplicationDesk {
    // MARK: accepted and supplemented files

    /// 受理后 the file is read-only for everyone (四(五)): an attempt is refused and audited, so
    /// the bureau can see who tried to change an accepted file.
    func refuseChange(_ record: ApplicationRecord, _ what: String, by principal: Principal) async throws -> Never {
        let id = try record.requireID()
        try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { _ in
            ((), [AuditEntry(actor: principal.auditActor, action: "application.changeRefused", recordType: "application",
                             recordID: id.uuidString, reason: what)])
        }
        throw APIProblem(status: .conflict, code: "frozen", message: Self.frozenMessage(record.currentStage), field: nil)
    }

    /// Why an accepted file cannot change. The stage is named only when it says more than
    /// "accepted" (an interview scheduled, a title certified), so the sentence never reads
    /// "accepted (Accepted)".
    static func frozenMessage(_ stage: Stage) -> LocalizedText {
        guard stage != .accepted else {
            return LocalizedText(zh: "申报材料已受理，受理后不能再修改（四(五)）。",
                                 en: "The file has been accepted; an accepted file cannot be changed.")
        }
        return LocalizedText(zh: "申报材料已受理（现为“\(stage.name.zh)”），受理后不能再修改（四(五)）。",
                             en: "The file has been accepted (it is now “\(stage.name.en)”); an accepted file cannot be changed.")
    }

    /// During a supplement only the items the bureau listed may change.
    func requireInSupplement(_ record: ApplicationRecord, step: ApplicationStep? = nil, upload: UploadKind? = nil) async throws {
        let request = try await SupplementRecord.query(on: database).filter(\.$applicationID == record.requireID()).first()
        let scope = request?.scope
        let allowed = step.map { scope?.steps.contains($0) == true } ?? upload.map { scope?.uploads.contains($0) == true } ?? false
        guard allowed else {
            let listed = request?.items.map(\.label) ?? []
            throw APIProblem(status: .conflict, code: "not_in_supplement", message: LocalizedText(
                zh: "补正只能修改告知的项目：\(listed.map(\.zh).joined(separator: "、"))。",
                en: "A supplement changes only the items listed: \(listed.map(\.en).joined(separator: "; "))."), field: nil)
        }
    }
}
