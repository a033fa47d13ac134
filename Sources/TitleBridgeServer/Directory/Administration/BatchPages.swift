import Foundation
import TitleBridgeCore
import Vapor

/// What the batch forms send: the draft's fields, the thresholds by their keys, and the batch
/// a new one copies.
struct BatchForm: Content {
    var base: String?
    var id: String?
    var nameZh: String?
    var nameEn: String?
    var batchCode: String?
    var noticeDocument: String?
    var noticeIssuedOn: String?
    var certificateListVersion: String?
    var verificationCutoff: String?
    var submissionOpens: String?
    var submissionCloses: String?
    var experienceCutoff: String?
    var shanghaiRelatedWorkYears: String?
    var unitPublicityWorkingDays: String?
    var resultPublicityWorkingDays: String?
    var workSummaryMinimumZi: String?
    var formPrintCopies: String?
    var publicInstitutionLevelsAboveCurrent: String?

    var draft: BatchDraft {
        let thresholds: [String: String?] = [
            "shanghaiRelatedWorkYears": shanghaiRelatedWorkYears, "unitPublicityWorkingDays": unitPublicityWorkingDays,
            "resultPublicityWorkingDays": resultPublicityWorkingDays, "workSummaryMinimumZi": workSummaryMinimumZi,
            "formPrintCopies": formPrintCopies, "publicInstitutionLevelsAboveCurrent": publicInstitutionLevelsAboveCurrent,
        ]
        return BatchDraft(id: id ?? "", nameZh: nameZh ?? "", nameEn: nameEn ?? "", batchCode: batchCode ?? "",
                          noticeDocument: noticeDocument ?? "", noticeIssuedOn: noticeIssuedOn ?? "",
                          certificateListVersion: certificateListVersion ?? "", verificationCutoff: verificationCutoff ?? "",
                          submissionOpens: submissionOpens ?? "", submissionCloses: submissionCloses ?? "",
                          experienceCutoff: experienceCutoff ?? "", thresholds: thresholds.compactMapValues { $0 })
    }
}

/// The fields of a batch's rules as a page shows them, typed values kept, each with its error.
struct BatchFields: Encodable {
    struct Field: Encodable {
        let name: String
        let label: String
        let type: String
        let value: String
        let hint: String?
        let error: String?
        let anchor: String
    }

    let main: [Field]
    let dates: [Field]
    let thresholds: [Field]
    let readOnly: Bool

    init(draft: BatchDraft, words: Words<BureauText>, problems: PageProblems?, readOnly: Bool, withID: Bool) {
        func field(_ name: String, _ label: BureauText, _ value: String, type: String = "text", hint: String? = nil) -> Field {
            Field(name: name, label: words[label], type: type, value: value, hint: hint, error: problems?.byField[name],
                  anchor: FieldProblem.anchor(name))
        }
        main = (withID ? [field("id", .idLabel, draft.id, hint: words[.idHint])] : []) + [
            field("nameZh", .nameZhLabel, draft.nameZh), field("nameEn", .nameEnLabel, draft.nameEn),
            field("batchCode", .batchCodeLabel, draft.batchCode), field("noticeDocument", .noticeDocumentLabel, draft.noticeDocument),
            field("certificateListVersion", .listVersionLabel, draft.certificateListVersion),
        ]
        dates = [
            field("noticeIssuedOn", .noticeIssuedOnLabel, draft.noticeIssuedOn, type: "date"),
            field("verificationCutoff", .verificationCutoffLabel, draft.verificationCutoff, type: "date"),
            field("submissionOpens", .submissionOpensLabel, draft.submissionOpens, type: "date"),
            field("submissionCloses", .submissionClosesLabel, draft.submissionCloses, type: "date"),
            field("experienceCutoff", .experienceCutoffLabel, draft.experienceCutoff, type: "date"),
        ]
        thresholds = BatchDraft.thresholdKeys.compactMap { key in
            BureauText(rawValue: key).map {
                Field(name: key, label: words[$0], type: "number", value: draft.thresholds[key] ?? "", hint: nil,
                      error: problems?.byField[key], anchor: FieldProblem.anchor(key))
            }
        }
        self.readOnly = readOnly
    }
}

/// 批次管理: every batch with its window, files and status, what may be done with each, and
/// the form that makes the next batch from a copy of one.
struct BatchesPage: Encodable {
    struct Row: Encodable {
        let name: String
        let id: String
        let code: String
        let window: String
        let files: Int
        let status: String
        let source: String
        let isCurrent: Bool
        let chooseAction: String?
        let closeAction: String?
        let href: String
        let linkLabel: String
    }

    let chrome: PageChrome
    let admin: AdminChrome
    let w: [String: String]
    let notice: String?
    let problems: PageProblems?
    let rows: [Row]
    let bases: [FormChoice]
    let fields: BatchFields
    let createAction: String
    let selfHref: String
    let confirmScriptHref = SiteURL.confirmScript.path

    init(request: Request, summaries: [BatchAdministration.Summary], base: BatchPolicy, notice: String?, refusal: FormRefusal<BatchForm>?) {
        let language = request.language
        let words = Words<BureauText>(language)
        chrome = PageChrome(request: request, title: words[.batchesHeading])
        admin = AdminChrome(request: request, current: .adminBatches)
        w = bureauWords(language)
        self.notice = notice
        problems = refusal.flatMap { PageProblems($0.problems, heading: words[.problemsHeading], language: language) {
            $0.hasPrefix("thresholds.") ? String($0.dropFirst("thresholds.".count)) : $0 } }
        rows = summaries.map { summary in
            let policy = summary.policy, id = policy.id
            let status: BureauText = summary.closedAt != nil ? .statusClosed : summary.isCurrent ? .statusCurrent : .statusOpen
            let editable = summary.source == BatchRecord.fromForm && summary.files == 0 && summary.closedAt == nil
            return Row(name: policy.name.text(in: language), id: id, code: policy.acceptanceBatchCode,
                       window: policy.dates.submissionOpens.value.iso + " – " + policy.dates.submissionCloses.value.iso,
                       files: summary.files, status: words[status],
                       source: words[summary.source == BatchRecord.fromForm ? .fromForm : .fromFile], isCurrent: summary.isCurrent,
                       chooseAction: summary.isCurrent || summary.closedAt != nil ? nil : SiteURL.adminBatchChoose.path(id),
                       closeAction: summary.closedAt != nil ? nil : SiteURL.adminBatchClose.path(id),
                       href: SiteURL.adminBatch.path(id), linkLabel: words[editable ? .editLink : .viewLink])
        }
        bases = summaries.map { FormChoice(value: $0.policy.id, label: $0.policy.name.text(in: language), selected: $0.policy.id == base.id) }
        // A refused draft comes back as typed (a refused choice or closing sent none); a fresh
        // form is the chosen batch's rules, unnamed.
        let typed = refusal.flatMap { $0.input.base == nil ? nil : $0.input.draft }
        fields = BatchFields(draft: typed ?? BatchDraft(copying: base), words: words, problems: problems,
                             readOnly: false, withID: true)
        createAction = SiteURL.adminBatchCreate.path
        selfHref = SiteURL.adminBatches.path
    }
}

/// One batch's rules: a form while it is still empty and was made here, read-only otherwise.
struct BatchPage: Encodable {
    let chrome: PageChrome
    let admin: AdminChrome
    let w: [String: String]
    let heading: String
    let notice: String?
    let note: String?
    let problems: PageProblems?
    let fields: BatchFields
    let action: String
    let backHref: String

    init(request: Request, summary: BatchAdministration.Summary, notice: String?, refusal: FormRefusal<BatchForm>?) {
        let language = request.language
        let words = Words<BureauText>(language)
        let policy = summary.policy
        chrome = PageChrome(request: request, title: policy.name.text(in: language))
        admin = AdminChrome(request: request, current: .adminBatches)
        w = bureauWords(language)
        heading = words[.editHeading, ["batch": policy.name.text(in: language)]]
        self.notice = notice
        let fromForm = summary.source == BatchRecord.fromForm
        note = !fromForm ? words[.fileNote] : summary.files > 0 || summary.closedAt != nil ? words[.lockedNote] : nil
        problems = refusal.flatMap { PageProblems($0.problems, heading: words[.problemsHeading], language: language) {
            $0.hasPrefix("thresholds.") ? String($0.dropFirst("thresholds.".count)) : $0 } }
        var draft = BatchDraft(copying: policy)
        draft.id = policy.id
        draft.nameZh = policy.name.zh
        draft.nameEn = policy.name.en
        draft.batchCode = policy.acceptanceBatchCode
        draft.noticeDocument = policy.notice.document
        fields = BatchFields(draft: refusal?.input.draft ?? draft, words: words, problems: problems, readOnly: note != nil, withID: false)
        action = SiteURL.adminBatchUpdate.path(policy.id)
        backHref = SiteURL.adminBatches.path
    }
}
