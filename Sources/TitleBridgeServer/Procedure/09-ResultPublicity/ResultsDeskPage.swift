import Foundation
import TitleBridgeCore
import Vapor

/// The bureau's result desk: the files waiting to be published and the form that publishes
/// them, the objections to rule on (and those ruled), and the certificates — how many are due,
/// the issuing run's progress or summary, and those issued.
struct ResultsDeskPage: Encodable {
    struct OpenObjection: Encodable {
        let receipt: String
        let about: String
        let name: String
        let contact: String
        let submitted: String
        let reasons: String
        let evidence: String?
        let action: String
        /// The problem of a ruling refused on this objection, and what was typed.
        let error: String?
        let typed: String
    }

    struct RuledObjection: Encodable {
        let receipt: String
        let about: String
        let outcome: String
        let ruling: String
        let ruledOn: String
    }

    struct Run: Encodable {
        let running: Bool
        let total: Int
        let done: Int
        let summary: String
    }

    struct CertificateRow: Encodable {
        let number: String
        let name: String
        let title: String
        let state: String
        let href: String
    }

    struct Data {
        let unlisted: [String]
        let open: [ObjectionRecord]
        let ruled: [ObjectionRecord]
        let about: [UUID: String]
        let contacts: [UUID: String]
        let issuable: Int
        let run: CertificateRunRecord?
        let certificates: [CertificateRecord]
    }

    let chrome: PageChrome
    let w: [String: String]
    let csrfToken: String
    let notice: String?
    let problems: PageProblems?
    let guidance: String
    let publicHref: String
    let selfHref: String
    let unlisted: [String]
    let unlistedCount: String
    let publishAction: String
    let startsOn: String
    let today: String
    let open: [OpenObjection]
    let ruled: [RuledObjection]
    let run: Run?
    let issuable: Int
    let issuableCount: String
    let runAction: String
    let certificates: [CertificateRow]
    let confirmScriptHref = SiteURL.confirmScript.path

    init(request: Request, data: Data, plan: ResultPublicityPlan, notice: String?, refusal: FormRefusal<ResultsDeskForm>?) {
        let language = request.language
        let words = Words<ResultsText>(language)
        var chrome = PageChrome(request: request, title: words[.deskHeading])
        if let run = data.run, run.finishedAt == nil { chrome.refreshSeconds = 2 }
        self.chrome = chrome
        w = resultWords(language)
        csrfToken = CSRF.token(for: request)
        self.notice = notice
        problems = refusal.flatMap { PageProblems($0.problems, heading: words[.problemsHeading], language: language) }
        let today = request.domain.clock.today()
        guidance = plan.guidance(today: today).text(in: language)
        publicHref = SiteURL.results.path
        selfHref = SiteURL.resultsDesk.path
        unlisted = data.unlisted
        unlistedCount = words[.unlistedCount, ["count": "\(data.unlisted.count)"]]
        publishAction = SiteURL.resultsPublish.path
        startsOn = refusal?.input.startsOn ?? plan.calendar.nthWorkingDay(from: today, count: 1).value.iso
        self.today = today.iso
        let refused = refusal?.input.objection
        let refusedError = problems?.byField["reason"] ?? problems?.items.first?.message
        open = data.open.map { objection in
            let mine = refused == objection.receipt
            return OpenObjection(receipt: objection.receipt, about: data.about[objection.applicationID] ?? "—", name: objection.name,
                                 contact: objection.id.flatMap { data.contacts[$0] } ?? "—",
                                 submitted: ShanghaiTime.clockText(objection.submittedAt), reasons: objection.reasons,
                                 evidence: objection.evidence, action: SiteURL.objectionRule.path(objection.id?.uuidString ?? ""),
                                 error: mine ? refusedError : nil, typed: mine ? refusal?.input.reason ?? "" : "")
        }
        ruled = data.ruled.map { objection in
            RuledObjection(receipt: objection.receipt, about: data.about[objection.applicationID] ?? "—",
                           outcome: objection.status.name.text(in: language), ruling: objection.ruling ?? "",
                           ruledOn: objection.ruledAt.map { DateText.long(ShanghaiTime.date(of: $0), in: language) } ?? "")
        }
        run = data.run.map { run in
            let done = run.issued + run.skipped + run.failed
            let running = run.finishedAt == nil
            return Run(running: running, total: run.total, done: done, summary: running
                ? words[.runRunning, ["done": "\(done)", "total": "\(run.total)"]]
                : words[.runFinished, ["number": run.documentNumber, "issued": "\(run.issued)", "skipped": "\(run.skipped)",
                                       "failed": "\(run.failed)"]])
        }
        issuable = data.issuable
        issuableCount = words[.issuableCount, ["count": "\(data.issuable)"]]
        runAction = SiteURL.certificateRun.path
        certificates = data.certificates.map { row in
            let certificate = row.certificate
            return CertificateRow(number: row.number, name: certificate?.holderName ?? "—",
                                  title: certificate?.title.text(in: language) ?? "—",
                                  state: words[row.isRevoked ? .stateRevoked : .stateValid], href: SiteURL.certificate.path(row.number))
        }
    }
}

/// What the desk's forms send.
struct ResultsDeskForm: Content {
    var startsOn: String?
    /// The receipt of the objection a ruling is about, so a refusal comes back beside it.
    var objection: String?
    var outcome: String?
    var reason: String?
    var documentNumber: String?
}
