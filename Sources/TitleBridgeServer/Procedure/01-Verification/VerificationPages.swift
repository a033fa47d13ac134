import TitleBridgeCore
import Vapor

/// One verification as a row or a page shows it.
struct VerificationSummary: Encodable {
    let href: String
    let certificate: String
    let certificateNumber: String
    let holderName: String
    let status: String
    let statusClass: String
    let verificationNumber: String
    let passedOn: String
    let batchNote: String?
    /// The clause of `batchNote`, written by `#cite`.
    let batchCitation: String?
    let batchOK: Bool
    /// Where the result came from, when the platform's export was loaded rather than a request decided here.
    let sourceNote: String?

    init(_ view: VerificationView, language: Language) {
        href = SiteURL.verification.path(view.id.uuidString)
        certificate = view.certificateName?.text(in: language) ?? view.certificateCode
        certificateNumber = view.certificateNumber
        holderName = view.holderName
        status = view.status.name.text(in: language)
        statusClass = "status-" + view.status.rawValue
        verificationNumber = view.verificationNumber ?? "—"
        passedOn = view.passedOn.flatMap { LocalDate(iso: $0) }.map { DateText.long($0, in: language) } ?? "—"
        batchNote = view.status == .passed ? view.currentBatch.map { $0.message.text(in: language) } : nil
        batchCitation = view.status == .passed ? view.currentBatch?.citation : nil
        batchOK = view.currentBatch?.qualifies ?? false
        sourceNote = view.source == VerificationRecord.Source.platformImport.rawValue
            ? Self.importedSource.text(in: language) : nil
    }

    static let importedSource = LocalizedText(zh: "查验平台结果，由市人社局导入", en: "The verification platform's result, loaded by the bureau")
}

/// 证书查验: a holder's own requests and the form for a new one; for staff, the queue.
struct VerificationsPage: Encodable {
    struct Form: Encodable {
        let action: String
        let csrfToken: String
        let heading: String
        let note: String
        let certificateLabel: String
        let items: [FormChoice]
        let numberLabel: String
        let number: String
        let holderLabel: String
        let holder: String
        let issuedLabel: String
        let issuedOn: String
        let expiresLabel: String
        let expiresOn: String
        let scanLabel: String
        let submitLabel: String
    }

    let chrome: PageChrome
    let heading: String
    let intro: String
    let headers: [String]
    let rows: [VerificationSummary]
    let hasRows: Bool
    let emptyNote: String
    let form: Form?
    let problem: String?
    let pager: Pager?
    let importLink: PageChrome.NavLink?

    init(request: Request, principal: Principal, verifications: [VerificationView], items: [CertificateItem],
         form input: VerificationController.SubmissionForm?, problem: String?, pager: Pager? = nil) {
        self.pager = pager
        let language = request.language
        let w = Words<VerificationText>(language)
        let staff = RecordAccess.mayView(verificationOf: nil, actor: principal.actor)
        let megabytes = request.application.files.maximumSize / 1024 / 1024
        chrome = PageChrome(request: request, title: w[.title])
        heading = staff ? w[.staffHeading] : w[.holderHeading]
        let cutoff = try? request.domain.currentPolicy.dates.verificationCutoff
        let deadline = cutoff.map { cutoff in
            w[.cutoffNote, ["date": DateText.long(cutoff.value, in: language), "citation": cutoff.citation]]
        } ?? ""
        // A holder also finds here the platform's results the bureau loaded for them.
        intro = staff ? deadline : (deadline + w[.importedListedHere]).trimmingCharacters(in: .whitespaces)
        headers = [w[.certificate], w[.certificateNoShort], w[.holder], w[.status],
                   w[.verificationNoShort], w[.passedOn]]
        let summaries = verifications.map { VerificationSummary($0, language: language) }
        // The verifier sees what waits first.
        rows = staff ? summaries.filter { $0.statusClass == "status-submitted" } + summaries.filter { $0.statusClass != "status-submitted" }
                     : summaries
        hasRows = !rows.isEmpty
        emptyNote = w[.noVerificationsYet]
        self.problem = problem
        importLink = principal.roles.contains(.bureau) || principal.roles.contains(.admin)
            ? PageChrome.NavLink(label: w[.importResults], href: SiteURL.verificationImport.path) : nil
        form = principal.roles.contains(.applicant) ? Form(
            action: SiteURL.verificationCreate.path, csrfToken: CSRF.token(for: request),
            heading: w[.askHeading],
            note: w[.scanNote, ["megabytes": "\(megabytes)"]],
            certificateLabel: w[.certificateItemLabel],
            items: items.map { FormChoice(value: $0.id, label: $0.displayName(in: language),
                                          selected: $0.id == input?.certificateCode) },
            numberLabel: w[.certificateNumber], number: input?.certificateNumber ?? "",
            holderLabel: w[.holderNameLabel], holder: input?.holderName ?? "",
            issuedLabel: w[.issuedOn], issuedOn: input?.issuedOn ?? "",
            expiresLabel: w[.expiresLabel], expiresOn: input?.expiresOn ?? "",
            scanLabel: w[.scanLabel], submitLabel: w[.sendForVerification]) : nil
    }
}

/// One verification, with the verifier's decision form while it waits.
struct VerificationPage: Encodable {
    struct Row: Encodable {
        let label: String
        let value: String
    }

    struct Decision: Encodable {
        let action: String
        let csrfToken: String
        let heading: String
        let passLabel: String
        let failLabel: String
        let reasonLabel: String
        let submitLabel: String
        let expiryWarning: String?
        /// After the batch's verification cut-off (四(一)) a pass can no longer serve the batch.
        let cutoffWarning: String?
    }

    /// The account that asked, as the verifier compares it with what was typed on the request.
    struct Account: Sendable {
        let name: String
        /// Masked (`Masking.identityNumber`), with the kind of document.
        let idNumber: String?
        let idKind: IdentityDocumentKind?
    }

    /// The name typed on the request beside the account's name and masked ID number.
    struct Comparison: Encodable {
        let heading: String
        let rows: [Row]
        /// Set when the two names are not the same name (`HolderName`).
        let mismatch: String?
    }

    let chrome: PageChrome
    let heading: String
    let rows: [Row]
    let summary: VerificationSummary
    let comparison: Comparison?
    let scanHref: String?
    let scanLabel: String
    let decision: Decision?
    let problem: String?
    let backHref: String
    let backLabel: String

    /// `account`: the account that asked, for the staff (nil for the holder, or a result not yet linked).
    init(request: Request, principal: Principal, verification: VerificationView, account: Account? = nil, problem: String?) {
        let language = request.language
        let w = Words<VerificationText>(language)
        func day(_ iso: String?) -> String { iso.flatMap { LocalDate(iso: $0) }.map { DateText.long($0, in: language) } ?? "—" }
        summary = VerificationSummary(verification, language: language)
        chrome = PageChrome(request: request, title: w[.title])
        heading = summary.certificate
        var rows = [Row(label: w[.certificateNumber], value: verification.certificateNumber),
                    Row(label: w[.holder], value: verification.holderName),
                    Row(label: w[.issuedOn], value: day(verification.issuedOn)),
                    // A loaded result does not say how long the certificate is valid.
                    Row(label: w[.validUntil], value: verification.expiresOn != nil ? day(verification.expiresOn)
                        : summary.sourceNote == nil ? w[.doesNotExpire] : "—"),
                    Row(label: w[.status], value: summary.status),
                    Row(label: w[.source], value: summary.sourceNote ?? w[.askedByHolder])]
        if verification.status == .passed {
            rows.append(Row(label: w[.verificationNumber], value: summary.verificationNumber))
            rows.append(Row(label: w[.passedOn], value: summary.passedOn))
        }
        if let reason = verification.decisionReason {
            rows.append(Row(label: w[.verifierNote], value: reason))
        }
        self.rows = rows
        comparison = account.map { account in
            let typed = verification.holderName, same = HolderName.matches(typed, account.name)
            return Comparison(
                heading: w[.comparisonHeading],
                rows: [Row(label: w[.typedHolderName], value: typed),
                       Row(label: w[.accountName], value: account.name),
                       Row(label: w[.accountIDNumber],
                           value: account.idNumber.map { number in
                               account.idKind.map { $0.name.text(in: language) + " " + number } ?? number
                           } ?? w[.noIDNumberOnAccount])],
                mismatch: same ? nil : w[.nameMismatch, ["typed": typed, "accountName": account.name]])
        }
        scanHref = verification.scan
        scanLabel = w[.openScan]
        let today = request.domain.clock.today()
        decision = principal.roles.contains(.verifier) && verification.status == .submitted ? Decision(
            action: SiteURL.verificationDecide.path(verification.id.uuidString), csrfToken: CSRF.token(for: request),
            heading: w[.decisionHeading], passLabel: w[.pass], failLabel: w[.fail],
            reasonLabel: w[.decisionReasonLabel], submitLabel: w[.recordDecision],
            expiryWarning: VerificationRules.passProblem(expiresOn: verification.expiresOn.flatMap { LocalDate(iso: $0) }, on: today)?
                .text(in: language),
            cutoffWarning: (try? request.domain.currentPolicy).flatMap { VerificationDesk.latePass(on: today, policy: $0) }.map {
                w[.notePrefix] + $0.text(in: language)
            }) : nil
        self.problem = problem
        backHref = SiteURL.verifications.path
        backLabel = w[.backToVerifications]
    }
}
