import Foundation
import TitleBridgeCore
import Vapor

/// Revoking a certificate cannot be taken back: without `confirmed=1` (the dialog of
/// `confirm.js` adds it) the server changes nothing and answers the confirmation page —
/// unless the desk would refuse anyway, which then says why at once.
extension CertificateController {
    static func confirmation(beforeRevoking number: String, form: ResultsDeskForm, request: Request) async throws -> Response? {
        guard !Confirmation.isConfirmed(request), let reason = try? CertificateDesk.revocationReason(form.reason),
              let record = try await CertificateDesk(request: request).certificate(number: number), !record.isRevoked else { return nil }
        let words = Words<ResultsText>(request.language)
        let page = ConfirmationPage(
            request: request, title: LocalizedText(zh: "撤销证书 \(record.number)", en: "Revoke certificate \(record.number)"),
            consequence: LocalizedText(zh: "撤销后证书即失效，撤销状态列表随即更新，撤销理由显示在公开核验页面上，持证人将收到通知。",
                                       en: "Once revoked the certificate is no longer valid: the revocation list changes at once, the reason is shown on the public verification page, and the holder is told."),
            details: [words[.revokeReason] + (request.language == .zh ? "：" : ": ") + reason], action: SiteURL.certificateRevoke.path(record.number),
            back: SiteURL.certificate.path(record.number))
        return try await request.view.render("applications/confirm", page).encodeResponse(for: request)
    }
}
