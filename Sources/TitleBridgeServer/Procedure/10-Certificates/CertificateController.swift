import Fluent
import Foundation
import TitleBridgeCore
import TitleBridgeCredentials
import TitleBridgeDocuments
import Vapor

/// 证书核验 and the certificate's forms: the public verification page and API, the signed
/// credential, the issuer's keys and revocation list, the holder's PDF, and the bureau's
/// revocation.
struct CertificateController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.certificateLookup, use: lookup)
        routes.on(.certificate, use: show)
        routes.on(.certificateCredential, use: credential)
        routes.on(.certificatePDF, use: pdf)
        routes.on(.certificateRevoke, use: revoke)
        routes.on(.certificateIssuer, use: issuer)
        routes.on(.certificateStatusList, use: statusList)
        routes.on(.apiCertificate, use: api)
    }

    /// The form; a number typed into it goes to that certificate's page.
    @Sendable
    func lookup(_ request: Request) async throws -> Response {
        if let typed = request.query[String.self, at: "number"]?.trimmingCharacters(in: .whitespaces), !typed.isEmpty {
            let number = CertificateNumber.normalised(typed) ?? String(typed.prefix(40))
            return request.redirect(to: SiteURL.certificate.path(number.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""),
                                    redirectType: .normal)
        }
        return try await request.view.render("certificates/verify", CertificatePage(request: request, typed: "", verdict: nil, refusal: nil))
            .encodeResponse(for: request)
    }

    static func verdict(_ request: Request) async throws -> (String, CertificateVerdict) {
        let typed = String((request.parameters.get("number") ?? "").prefix(40))
        let desk = CertificateDesk(request: request)
        guard let record = try await desk.certificate(number: typed) else { return (typed, CertificateVerdict(record: nil, report: nil)) }
        return (typed, CertificateVerdict(record: record, report: try await desk.verify(record)))
    }

    @Sendable
    func show(_ request: Request) async throws -> Response {
        let (typed, verdict) = try await Self.verdict(request)
        let refusal = try await FormRefusals.take(request, page: SiteURL.certificate.path(typed), as: ResultsDeskForm.self)
        let response = try await request.view.render("certificates/verify", CertificatePage(request: request, typed: typed, verdict: verdict,
                                                                                            refusal: refusal)).encodeResponse(for: request)
        response.status = refusal?.httpStatus ?? (verdict.state == .unknown ? .notFound : .ok)
        return response
    }

    /// A credential as JSON of its own media type (`application/vc+json`); other documents as JSON.
    static func json(_ value: JSONValue, subType: String = "vc+json") -> Response {
        let response = Response(status: .ok, body: .init(string: CanonicalJSON.serialize(value)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: subType, parameters: ["charset": "utf-8"])
        return response
    }

    @Sendable
    func credential(_ request: Request) async throws -> Response {
        guard let record = try await CertificateDesk(request: request).certificate(number: request.parameters.get("number")),
              let value = try? CanonicalJSON.parse(record.credentialJSON) else { throw Abort(.notFound) }
        let response = Self.json(value)
        response.headers.contentDisposition = .init(.attachment, filename: record.number + ".json")
        return response
    }

    /// The holder's certificate as a PDF: the holder and the bureau only (the verification page
    /// is public; the printed page is the holder's).
    @Sendable
    func pdf(_ request: Request) async throws -> Response {
        let principal = try request.requirePrincipal()
        guard let record = try await CertificateDesk(request: request).certificate(number: request.parameters.get("number")),
              record.holderID == principal.userID || principal.roles.contains(.bureau),
              let certificate = record.certificate else { throw Abort(.notFound) }
        // A revoked certificate is not handed out as a clean copy that still looks valid.
        guard !record.isRevoked else {
            throw APIProblem(status: .gone, code: "certificate_revoked", message: LocalizedText(
                zh: "证书已撤销，不再提供证书 PDF 下载。", en: "The certificate has been revoked; its PDF is no longer available."), field: nil)
        }
        let document = TitleCertificateDocument(rows: certificate.printedRows, number: record.number,
                                                verificationURL: request.application.signingKeys.verificationURL(record.number),
                                                issuer: TitleCertificate.issuerName.zh + " " + TitleCertificate.issuerName.en)
        let response = Response(status: .ok, body: .init(data: Data(document.render())))
        response.headers.contentType = .pdf
        response.headers.contentDisposition = .init(.attachment, filename: record.number + ".pdf")
        return response
    }

    @Sendable
    func revoke(_ request: Request) async throws -> Response {
        let form = try request.content.decode(ResultsDeskForm.self)
        let number = request.parameters.get("number") ?? ""
        let page = SiteURL.certificate.path(number)
        if let confirmation = try await Self.confirmation(beforeRevoking: number, form: form, request: request) { return confirmation }
        return try await FormRefusals.act(request, form: form, back: page) {
            _ = try await CertificateDesk(request: request).revoke(number: number, reason: form.reason, by: try request.requirePrincipal())
            return page
        }
    }

    @Sendable
    func issuer(_ request: Request) async throws -> Response {
        let keys = request.application.signingKeys
        let records = try await keys.all(on: request.db)
        return Self.json(TitleCredential.controllerDocument(id: keys.issuerID, keys: records.map { ($0.keyID, $0.publicMultibase) }),
                         subType: "json")
    }

    @Sendable
    func statusList(_ request: Request) async throws -> Response {
        guard let list = try await CertificateDesk(request: request).statusListCredential() else { throw Abort(.notFound) }
        return Self.json(list)
    }

    /// `GET /api/v1/certificates/{number}`: the verdict, the fields and each step.
    struct Answer: Content {
        struct Step: Content {
            let step: String
            let result: String
        }

        let number: String
        let state: CertificateVerdict.State
        let certificate: TitleCertificate?
        let steps: [Step]
        let revokedAt: Date?
        let revokedReason: String?
        let credentialURL: String?
    }

    @Sendable
    func api(_ request: Request) async throws -> Response {
        let (typed, verdict) = try await Self.verdict(request)
        let answer = Answer(number: verdict.record?.number ?? typed, state: verdict.state, certificate: verdict.record?.certificate,
                            steps: (verdict.report?.steps ?? []).map { Answer.Step(step: $0.0.rawValue, result: $0.1.rawValue) },
                            revokedAt: verdict.record?.revokedAt, revokedReason: verdict.record?.revokedReason,
                            credentialURL: verdict.record.map { request.application.signingKeys.siteBase + SiteURL.certificateCredential.path($0.number) })
        let response = try await answer.encodeResponse(for: request)
        if verdict.state == .unknown { response.status = .notFound }
        return response
    }
}
