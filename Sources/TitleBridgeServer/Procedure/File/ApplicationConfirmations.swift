import Fluent
import TitleBridgeCore
import Vapor

/// The file page's irreversible actions ask first (`Confirmation`): a post without
/// `confirmed=1` changes nothing and is answered with the confirmation page (200).
extension ApplicationController {
    /// The confirmation page for a stage change posted from the page, or nil when the change
    /// goes ahead now: it is confirmed, it is not one that asks, or the desk will refuse it
    /// anyway and says why at once (no reason given, the window closed, a change the caller's
    /// role does not make from this stage) — nobody is asked to confirm what cannot succeed.
    static func confirmation(before event: StageEvent, input: TransitionInput, request: Request) async throws -> Response? {
        guard Confirmation.events.contains(event), !Confirmation.isConfirmed(request),
              let consequence = Confirmation.consequence(of: event) else { return nil }
        let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        if event.needsReason, reason == nil { return nil }
        let (record, principal) = try await ApplicationDesk.load(request)
        let desk = ApplicationDesk(request: request)
        let actors = try await desk.transitionActors(of: principal, on: record)
        guard actors.contains(where: { TransitionTable.events(from: record.currentStage, by: $0).contains(event) }) else { return nil }
        let policy = try desk.policy(of: record)
        if event == .submit, ReportingChecklist.closedOut(record.currentStage, now: request.domain.clock.now(), policy: policy) != nil {
            return nil
        }
        let id = try record.requireID().uuidString
        let details = reason.map { [(request.language == .zh ? "理由：" : "Reason: ") + $0] } ?? []
        let page = ConfirmationPage(request: request, title: event.name, consequence: consequence, details: details,
                                    action: SiteURL.applicationTransition.path(id), back: SiteURL.application.path(id))
        return try await request.view.render("applications/confirm", page).encodeResponse(for: request)
    }

    /// The confirmation page before an attachment is removed, or nil once confirmed. An
    /// attachment of another file, or a caller who is neither the applicant nor the file's
    /// employer, gets 404 as the removal itself would.
    static func confirmation(beforeRemoving uploadID: UUID, request: Request) async throws -> Response? {
        guard !Confirmation.isConfirmed(request) else { return nil }
        let (record, principal) = try await ApplicationDesk.load(request)
        let id = try record.requireID()
        guard record.applicantID == principal.userID
                || RecordAccess.mayActAsEmployer(onFileOf: record.applicantID, unit: record.employerID, actor: principal.actor),
              let upload = try await ApplicationUploadRecord.find(uploadID, on: request.db), upload.applicationID == id else {
            throw Abort(.notFound)
        }
        let page = ConfirmationPage(request: request, title: LocalizedText(zh: "删除附件", en: "Remove the attachment"),
                                    consequence: Confirmation.removal(of: UploadKind(rawValue: upload.kind)?.name), details: [],
                                    action: SiteURL.applicationUploadDelete.path(id.uuidString, uploadID.uuidString),
                                    back: SiteURL.application.path(id.uuidString))
        return try await request.view.render("applications/confirm", page).encodeResponse(for: request)
    }
}
