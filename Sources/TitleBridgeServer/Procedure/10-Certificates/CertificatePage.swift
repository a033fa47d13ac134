import Foundation
import TitleBridgeCore
import TitleBridgeCredentials
import Vapor

/// What a verification says of one certificate, for the page and the API alike: valid, revoked,
/// not valid (a step failed) or unknown, with the certificate's fields and each step's result.
struct CertificateVerdict: Sendable {
    enum State: String, Codable, Sendable {
        case valid, revoked, invalid, unknown
    }

    let state: State
    let record: CertificateRecord?
    let report: CredentialVerifier.Report?

    init(record: CertificateRecord?, report: CredentialVerifier.Report?) {
        self.record = record
        self.report = report
        guard let record, let report else { state = .unknown; return }
        // The list and the record say the same; the record also knows a revocation the list
        // cannot show (a credential that failed to parse).
        if report.isRevoked || record.isRevoked { state = .revoked } else { state = report.isValid ? .valid : .invalid }
    }
}

/// 证书核验: the look-up form, and for a number the verdict, the certificate's fields and the
/// result of each step (format, signature, issuer, validity, status); the bureau also finds the
/// revocation form here.
struct CertificatePage: Encodable {
    struct Row: Encodable {
        let label: String
        let value: String
    }

    struct Step: Encodable {
        let name: String
        let result: String
        let badge: String
    }

    struct Result: Encodable {
        let verdict: String
        let tone: String
        let revokedNote: String?
        let rows: [Row]
        let steps: [Step]
        let credentialHref: String
    }

    struct Revoke: Encodable {
        let action: String
        let csrfToken: String
        let error: String?
        let typed: String
    }

    let chrome: PageChrome
    let w: [String: String]
    let typed: String
    let lookupAction: String
    let issuerHref: String
    let statusHref: String
    let result: Result?
    let revoke: Revoke?
    let problems: PageProblems?
    let confirmScriptHref = SiteURL.confirmScript.path

    init(request: Request, typed: String, verdict: CertificateVerdict?, refusal: FormRefusal<ResultsDeskForm>?) {
        let language = request.language
        let words = Words<ResultsText>(language)
        chrome = PageChrome(request: request, title: words[.verifyHeading])
        w = resultWords(language)
        self.typed = typed
        lookupAction = SiteURL.certificateLookup.path
        issuerHref = SiteURL.certificateIssuer.path
        statusHref = SiteURL.certificateStatusList.path
        problems = refusal.flatMap { PageProblems($0.problems, heading: words[.problemsHeading], language: language) }
        guard let verdict else { (result, revoke) = (nil, nil); return }
        let record = verdict.record
        let verdictText: String = switch verdict.state {
        case .valid: words[.verdictValid]
        case .revoked: words[.verdictRevoked]
        case .invalid: words[.verdictInvalid]
        case .unknown: words[.verdictUnknown, ["number": typed]]
        }
        let tone = verdict.state == .valid ? "result-pass" : "result-fail"
        var rows: [Row] = []
        if let certificate = record?.certificate {
            let approved = LocalDate(iso: certificate.approvedOn).map { DateText.long($0, in: language) } ?? certificate.approvedOn
            rows = [Row(label: words[.numberLabel], value: certificate.number), Row(label: words[.holderLabel], value: certificate.holderName),
                    Row(label: words[.idLabel], value: certificate.maskedIDNumber),
                    Row(label: words[.seriesLabel], value: certificate.series.text(in: language)),
                    Row(label: words[.titleHeader], value: certificate.title.text(in: language))]
            if let specialty = certificate.specialty { rows.append(Row(label: words[.specialtyLabel], value: specialty.text(in: language))) }
            rows += [Row(label: words[.committeeLabel], value: certificate.committee.text(in: language)),
                     Row(label: words[.approvedLabel], value: approved), Row(label: words[.documentLabel], value: certificate.documentNumber)]
        }
        let stepNames: [CredentialVerifier.Step: ResultsText] = [.format: .stepFormat, .signature: .stepSignature, .issuer: .stepIssuer,
                                                                 .validity: .stepValidity, .status: .stepStatus]
        let steps = (verdict.report?.steps ?? []).map { step, outcome in
            let (key, badge): (ResultsText, String) = switch outcome {
            case .passed: (.resultPassed, "badge-pass")
            case .failed: (.resultFailed, "badge-fail")
            case .notChecked: (.resultNotChecked, "badge-review")
            case .revoked: (.resultRevoked, "badge-fail")
            }
            return Step(name: stepNames[step].map { words[$0] } ?? step.rawValue, result: words[key], badge: badge)
        }
        let revokedNote = record.flatMap { row in
            row.revokedAt.map { words[.revokedNote, ["date": DateText.long(ShanghaiTime.date(of: $0), in: language), "reason": row.revokedReason ?? ""]] }
        }
        result = Result(verdict: verdictText, tone: tone, revokedNote: revokedNote, rows: rows, steps: steps,
                        credentialHref: record.map { SiteURL.certificateCredential.path($0.number) } ?? "")
        let bureau = request.principal?.roles.contains(.bureau) == true
        revoke = bureau && verdict.state == .valid && record != nil
            ? Revoke(action: SiteURL.certificateRevoke.path(record?.number ?? ""), csrfToken: CSRF.token(for: request),
                     error: problems?.byField["reason"], typed: refusal?.input.reason ?? "") : nil
    }
}

/// The certificate on its holder's status page: its number and state, the PDF, the signed
/// credential and the public verification page.
struct CertificateLinks: Encodable {
    let heading: String
    let number: String
    let state: String
    let revoked: Bool
    let pdfHref: String
    let pdfLabel: String
    let credentialHref: String
    let credentialLabel: String
    let verifyHref: String
    let verifyLabel: String
    let revokedNote: String

    init(_ record: CertificateRecord, language: Language) {
        let words = Words<ResultsText>(language)
        heading = words[.certificateHeading]
        number = record.number
        revoked = record.isRevoked
        state = words[revoked ? .stateRevoked : .stateValid]
        pdfHref = SiteURL.certificatePDF.path(record.number)
        pdfLabel = words[.downloadPDF]
        credentialHref = SiteURL.certificateCredential.path(record.number)
        credentialLabel = words[.credentialLink]
        verifyHref = SiteURL.certificate.path(record.number)
        verifyLabel = words[.viewVerification]
        revokedNote = words[.revokedPDF]
    }
}
