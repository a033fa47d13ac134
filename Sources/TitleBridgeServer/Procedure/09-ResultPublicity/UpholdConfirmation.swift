import Foundation
import TitleBridgeCore
import Vapor

/// Upholding an objection cannot be taken back: without `confirmed=1` the server changes
/// nothing and answers the confirmation page — unless the desk would refuse anyway.
extension ResultsController {
    static func confirmation(beforeUpholding objectionID: UUID?, form: ResultsDeskForm, request: Request) async throws -> Response? {
        guard form.outcome == ObjectionOutcome.upheld.rawValue, !Confirmation.isConfirmed(request),
              let reason = try? ObjectionOutcome.checkedReason(form.reason), let objectionID,
              let objection = try await ObjectionRecord.find(objectionID, on: request.db), objection.status == .open else { return nil }
        let words = Words<ResultsText>(request.language)
        let entry = try await ResultEntryRecord.find(objection.entryID, on: request.db)
        let page = ConfirmationPage(
            request: request, title: LocalizedText(zh: "异议成立", en: "Uphold the objection"),
            consequence: LocalizedText(zh: "异议成立后，\(entry?.listing?.name ?? "该人员")从公示名单中撤出，申报结论为未通过认定，申报人将收到通知和理由。",
                                       en: "Once upheld, \(entry?.listing?.name ?? "the person") leaves the result list and the application ends as not recognised; the applicant is told, with the reason."),
            details: [words[.rulingLabel] + (request.language == .zh ? "：" : ": ") + reason],
            action: SiteURL.objectionRule.path(objectionID.uuidString), back: SiteURL.resultsDesk.path)
        return try await request.view.render("applications/confirm", page).encodeResponse(for: request)
    }
}
