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
        batchNote = view.status == .passed ? view.currentBatch.map { $0.message.text(in: language) + " · " + $0.citation } : nil
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
    let importLink: PageChrome.NavLink?

    init(request: Request, principal: Principal, verifications: [VerificationView], items: [CertificateItem],
         form input: VerificationController.SubmissionForm?, problem: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let staff = RecordAccess.mayView(verificationOf: nil, actor: principal.actor)
        let megabytes = request.application.files.maximumSize / 1024 / 1024
        chrome = PageChrome(request: request, title: t("证书查验", "Certificate verification"))
        heading = staff ? t("证书查验 · 待办与记录", "Certificate verification · queue and records") : t("我的证书查验", "My certificate verifications")
        let cutoff = try? request.domain.currentPolicy.dates.verificationCutoff
        let deadline = cutoff.map { cutoff in
            t("持证人须于\(DateText.long(cutoff.value, in: .zh))前通过境外职业资格证书查验，方可申报本批次考核认定（\(cutoff.citation)）。",
              "Holders must pass verification of their overseas certificate by \(DateText.long(cutoff.value, in: .en)) to apply in this batch (\(cutoff.citation)).")
        } ?? ""
        // A holder also finds here the platform's results the bureau loaded for them.
        intro = staff ? deadline : (deadline + t("市人社局导入的查验平台结果，证件号码和姓名与您的账户一致的，也列在这里，申报时可以选择。",
                                                " Results of the verification platform loaded by the bureau are listed here too when their ID number and name match your account's; you can choose them when you apply.")).trimmingCharacters(in: .whitespaces)
        headers = [t("证书", "Certificate"), t("证书编号", "Certificate no."), t("持证人", "Holder"), t("状态", "Status"),
                   t("查验编号", "Verification no."), t("通过日期", "Passed on")]
        let summaries = verifications.map { VerificationSummary($0, language: language) }
        // The verifier sees what waits first.
        rows = staff ? summaries.filter { $0.statusClass == "status-submitted" } + summaries.filter { $0.statusClass != "status-submitted" }
                     : summaries
        hasRows = !rows.isEmpty
        emptyNote = t("暂无查验记录。", "No verifications yet.")
        self.problem = problem
        importLink = principal.roles.contains(.bureau) || principal.roles.contains(.admin)
            ? PageChrome.NavLink(label: t("导入查验平台结果", "Import the platform's results"), href: SiteURL.verificationImport.path) : nil
        form = principal.roles.contains(.applicant) ? Form(
            action: SiteURL.verificationCreate.path, csrfToken: CSRF.token(for: request),
            heading: t("申请查验", "Ask for verification"),
            note: t("上传证书扫描件（PDF、JPEG 或 PNG，不超过\(megabytes) MB）。姓名按证书所印填写。",
                    "Upload a scan of the certificate (PDF, JPEG or PNG, at most \(megabytes) MB). Write the name as printed on the certificate."),
            certificateLabel: t("证书项目", "Certificate"),
            items: items.map { FormChoice(value: $0.id, label: $0.displayName(in: language),
                                          selected: $0.id == input?.certificateCode) },
            numberLabel: t("证书编号", "Certificate number"), number: input?.certificateNumber ?? "",
            holderLabel: t("持证人姓名（与证书一致）", "Holder's name (as on the certificate)"), holder: input?.holderName ?? "",
            issuedLabel: t("发证日期", "Date of issue"), issuedOn: input?.issuedOn ?? "",
            expiresLabel: t("有效期截止（无期限可不填）", "Valid until (leave empty if it does not expire)"), expiresOn: input?.expiresOn ?? "",
            scanLabel: t("证书扫描件", "Scan of the certificate"), submitLabel: t("提交查验申请", "Send for verification")) : nil
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
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        func day(_ iso: String?) -> String { iso.flatMap { LocalDate(iso: $0) }.map { DateText.long($0, in: language) } ?? "—" }
        summary = VerificationSummary(verification, language: language)
        chrome = PageChrome(request: request, title: t("证书查验", "Certificate verification"))
        heading = summary.certificate
        var rows = [Row(label: t("证书编号", "Certificate number"), value: verification.certificateNumber),
                    Row(label: t("持证人", "Holder"), value: verification.holderName),
                    Row(label: t("发证日期", "Date of issue"), value: day(verification.issuedOn)),
                    // A loaded result does not say how long the certificate is valid.
                    Row(label: t("有效期至", "Valid until"), value: verification.expiresOn != nil ? day(verification.expiresOn)
                        : summary.sourceNote == nil ? t("长期有效", "Does not expire") : "—"),
                    Row(label: t("状态", "Status"), value: summary.status),
                    Row(label: t("来源", "Source"), value: summary.sourceNote ?? t("持证人申请查验", "Asked for by the holder"))]
        if verification.status == .passed {
            rows.append(Row(label: t("查验编号", "Verification number"), value: summary.verificationNumber))
            rows.append(Row(label: t("通过日期", "Passed on"), value: summary.passedOn))
        }
        if let reason = verification.decisionReason {
            rows.append(Row(label: t("查验意见", "Verifier's note"), value: reason))
        }
        self.rows = rows
        comparison = account.map { account in
            let typed = verification.holderName, same = HolderName.matches(typed, account.name)
            return Comparison(
                heading: t("核对持证人与申请账户", "The holder and the account that asked"),
                rows: [Row(label: t("申请所填持证人姓名", "Holder's name typed on the request"), value: typed),
                       Row(label: t("申请账户姓名", "Name of the account"), value: account.name),
                       Row(label: t("申请账户证件号码", "ID number of the account"),
                           value: account.idNumber.map { number in
                               account.idKind.map { $0.name.text(in: language) + " " + number } ?? number
                           } ?? t("账户未登记证件号码", "None on the account"))],
                mismatch: same ? nil : t(
                    "申请所填持证人姓名“\(typed)”与申请账户的姓名“\(account.name)”不一致。请对照证书扫描件和证件核实证书是否为账户本人所有；不是本人的证书，不能通过。",
                    "The holder's name typed on the request, “\(typed)”, differs from the account's name, “\(account.name)”. Check against the scan and the ID document that the certificate is the account holder's own; a certificate of someone else cannot pass."))
        }
        scanHref = verification.scan
        scanLabel = t("查看证书扫描件", "Open the scan of the certificate")
        let today = request.domain.clock.today()
        decision = principal.roles.contains(.verifier) && verification.status == .submitted ? Decision(
            action: SiteURL.verificationDecide.path(verification.id.uuidString), csrfToken: CSRF.token(for: request),
            heading: t("查验结论", "Decision"), passLabel: t("通过", "Passes"), failLabel: t("不通过", "Does not pass"),
            reasonLabel: t("意见（不通过时必填）", "Note (required when it does not pass)"), submitLabel: t("提交结论", "Record the decision"),
            expiryWarning: VerificationRules.passProblem(expiresOn: verification.expiresOn.flatMap { LocalDate(iso: $0) }, on: today)?
                .text(in: language),
            cutoffWarning: (try? request.domain.currentPolicy).flatMap { VerificationDesk.latePass(on: today, policy: $0) }.map {
                t("注意：", "Note: ") + $0.text(in: language)
            }) : nil
        self.problem = problem
        backHref = SiteURL.verifications.path
        backLabel = t("返回查验列表", "Back to verifications")
    }
}

/// An import page: a CSV file, what it must hold, and what came of the last try.
struct ImportPage: Encodable {
    enum Kind {
        case verifications
        case catalogue
    }

    let chrome: PageChrome
    let heading: String
    let intro: String
    let columns: String
    let action: String
    let csrfToken: String
    let fileLabel: String
    let submitLabel: String
    let problem: String?
    let done: String?
    /// The catalogue's list version, prefilled with the one the current batch policy names.
    let listVersion: ListVersion?

    struct ListVersion: Encodable {
        let label: String
        let value: String
    }

    init(request: Request, kind: Kind, problem: String?, done: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        switch kind {
        case .verifications:
            heading = t("导入查验平台结果", "Import the verification platform's results")
            intro = t("上传查验平台导出的 CSV（UTF-8）。整份文件核对无误才会导入；任何一行有误，都不会导入，并指出行号和列名。",
                      "Upload the CSV (UTF-8) exported by the verification platform. The whole file is checked first: if any line is wrong, nothing is imported and the line and column are named.")
            columns = VerificationResultsTable.columns.joined(separator: ",")
            action = SiteURL.verificationImportSubmit.path
            listVersion = nil
        case .catalogue:
            heading = t("导入证书清单", "Import the certificate list")
            intro = t("上传 CSV（UTF-8）。整份文件核对无误才会导入；任何一行有误，都不会导入。",
                      "Upload a CSV (UTF-8). The whole file is checked first: if any line is wrong, nothing is imported.")
            columns = CatalogueTable.columns.joined(separator: ",")
            action = SiteURL.adminCatalogueImport.path
            listVersion = ListVersion(label: t("清单版本", "List version"),
                                      value: (try? request.domain.currentPolicy.certificateList.version) ?? "")
        }
        chrome = PageChrome(request: request, title: heading)
        csrfToken = CSRF.token(for: request)
        fileLabel = t("CSV 文件", "CSV file")
        submitLabel = t("核对并导入", "Check and import")
        self.problem = problem
        self.done = done
    }
}

/// The import page on its own: the layout's chrome and the shared import form.
struct ImportScreen: Encodable {
    let chrome: PageChrome
    let importForm: ImportPage

    init(_ form: ImportPage) {
        chrome = form.chrome
        importForm = form
    }
}

/// 系统管理 · 证书清单: the items, their source, the import form and the export link.
struct CataloguePage: Encodable {
    struct Row: Encodable {
        let code: String
        let name: String
        let issuer: String
        let country: String
        let field: String
        let series: String
        let levels: String
        let evidence: String
    }

    let chrome: PageChrome
    let admin: AdminChrome
    let heading: String
    let headers: [String]
    let rows: [Row]
    let importForm: ImportPage
    let exportHref: String
    let exportLabel: String

    init(request: Request, items: [CertificateItem], problem: String?, done: String?) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        chrome = PageChrome(request: request, title: t("证书清单", "Certificate list"))
        admin = AdminChrome(request: request, current: .adminCatalogue)
        let admitted = (try? request.domain.currentPolicy.certificateList.itemClass) ?? ""
        heading = t("证书清单（\(admitted)类项目）", "Certificate list (class \(admitted) items)")
        headers = [t("编码", "Code"), t("证书", "Certificate"), t("发证机构", "Issuer"), t("国家/地区", "Country or region"),
                   t("领域", "Field"), t("职称系列", "Title series"), t("层级", "Levels"), t("来源", "Source")]
        rows = items.map { item in
            Row(code: item.id, name: item.displayName(in: language),
                issuer: item.issuer.text(in: language), country: item.countryOrRegion.text(in: language),
                field: item.field.name.label(in: language), series: item.titleSeries.name.label(in: language),
                levels: item.levels.map { $0.name.text(in: language) }.joined(separator: t("、", ", ")).capitalisedFirst,
                evidence: item.evidence == .official ? t("官方清单", "Official list") : t("公开报道，待核实", "Public reports, to be confirmed"))
        }
        importForm = ImportPage(request: request, kind: .catalogue, problem: problem, done: done)
        exportHref = SiteURL.adminCatalogueExport.path
        exportLabel = t("导出 CSV", "Export CSV")
    }
}

extension CertificateItem {
    /// The name with its abbreviation, unless the name already carries it.
    func displayName(in language: Language) -> String {
        let text = name.text(in: language)
        return abbreviation.isEmpty || text.contains(abbreviation) ? text : text + " (\(abbreviation))"
    }
}
