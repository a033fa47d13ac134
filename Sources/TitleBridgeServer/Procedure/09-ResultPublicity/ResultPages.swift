import Foundation
import TitleBridgeCore
import Vapor

/// The words of the results area as a page's `w`.
func resultWords(_ language: Language) -> [String: String] {
    Words<ResultsText>(language).all
}

/// 结果公示 (public): the lists whose period has started, newest first, each with its period and
/// the people still on it; while a period runs, each person has an objection link.
struct ResultListPage: Encodable {
    struct Row: Encodable {
        let name: String
        let employer: String
        let title: String
        let field: String
        let objectHref: String
    }

    struct List: Encodable {
        let title: String
        let period: String
        let open: Bool
        let rows: [Row]
    }

    let chrome: PageChrome
    let w: [String: String]
    let headers: [String]
    let lists: [List]
    let lookupHref: String

    init(request: Request, lists: [(ResultListRecord, [ResultEntryRecord])]) {
        let language = request.language
        let words = Words<ResultsText>(language)
        chrome = PageChrome(request: request, title: words[.results])
        w = resultWords(language)
        headers = [words[.nameHeader], words[.employerHeader], words[.titleHeader], words[.fieldHeader]]
        lookupHref = SiteURL.objectionLookup.path
        let today = request.domain.clock.today()
        let ordinals = Dictionary(grouping: lists.map(\.0), by: \.batchID).mapValues { $0.sorted { $0.publishedAt < $1.publishedAt }.compactMap(\.id) }
        self.lists = lists.compactMap { list, entries in
            guard let period = list.period, let id = list.id else { return nil }
            let open = period.isOpen(on: today)
            let batch = request.domain.policy(list.batchID)?.name.text(in: language) ?? list.batchID
            let ordinal = (ordinals[list.batchID]?.firstIndex(of: id) ?? 0) + 1
            return List(title: words[.listTitle, ["batch": batch, "count": "\(ordinal)"]],
                        period: words[open ? .periodOpen : .periodOver, ["period": period.text.text(in: language)]], open: open,
                        rows: entries.compactMap { entry in
                            guard let listing = entry.listing, let entryID = entry.id else { return nil }
                            return Row(name: listing.name, employer: listing.employer.text(in: language),
                                       title: listing.series.text(in: language) + " · " + listing.title.text(in: language),
                                       field: listing.field.text(in: language), objectHref: SiteURL.resultObjection.path(entryID.uuidString))
                        })
        }
    }
}

/// What an objection form carries back when it is refused.
struct ObjectionInput: Content {
    var name: String?
    var contact: String?
    var reasons: String?
    var evidence: String?

    var form: ObjectionForm {
        ObjectionForm(name: name ?? "", contact: contact ?? "", reasons: reasons ?? "", evidence: evidence ?? "")
    }
}

/// 提出异议: who the objection is about, the period, and the form (real name, contact, reasons,
/// evidence), with each refusal beside its field.
struct ObjectionPage: Encodable {
    struct Person: Encodable {
        let name: String
        let employer: String
        let title: String
    }

    struct Limits: Encodable {
        let name = ObjectionForm.nameLimit
        let contact = ObjectionForm.contactLimit
        let text = ObjectionForm.textLimit
    }

    let chrome: PageChrome
    let w: [String: String]
    let person: Person
    let period: String
    let action: String
    let backHref: String
    let csrfToken: String
    let form: ObjectionInput
    let limits = Limits()
    let problems: PageProblems?
    let errors: [String: String]

    init(request: Request, entry: ResultEntryRecord, period: ResultPublicityPlan.Period, refusal: FormRefusal<ObjectionInput>?) {
        let language = request.language
        let words = Words<ResultsText>(language)
        chrome = PageChrome(request: request, title: words[.objectionHeading])
        w = resultWords(language)
        let listing = entry.listing
        person = Person(name: listing?.name ?? "—", employer: listing?.employer.text(in: language) ?? "—",
                        title: listing.map { $0.series.text(in: language) + " · " + $0.title.text(in: language) } ?? "—")
        self.period = period.text.text(in: language)
        action = SiteURL.resultObjectionSubmit.path(entry.id?.uuidString ?? "")
        backHref = SiteURL.results.path
        csrfToken = CSRF.token(for: request)
        form = refusal?.input ?? ObjectionInput()
        problems = refusal.flatMap { PageProblems($0.problems, heading: words[.problemsHeading], language: language) }
        errors = problems?.byField ?? [:]
    }
}

/// 异议办理结果: the look-up by receipt, and the receipt itself right after an objection is sent.
struct ObjectionLookupPage: Encodable {
    struct Found: Encodable {
        let receipt: String
        let about: String
        let submitted: String
        let outcome: String
        let ruling: String?
        let ruledOn: String?
    }

    let chrome: PageChrome
    let w: [String: String]
    let action: String
    let backHref: String
    let typed: String
    let received: String?
    let found: Found?
    let notFound: String?

    init(request: Request, typed: String, found: (ObjectionRecord, ResultEntryRecord?)?, justSent: Bool) {
        let language = request.language
        let words = Words<ResultsText>(language)
        chrome = PageChrome(request: request, title: words[.lookupHeading])
        w = resultWords(language)
        action = SiteURL.objectionLookup.path
        backHref = SiteURL.results.path
        self.typed = typed
        if let (objection, entry) = found {
            received = justSent ? words[.receivedNotice, ["receipt": objection.receipt]] : nil
            self.found = Found(receipt: objection.receipt, about: entry?.listing?.name ?? "—",
                               submitted: ShanghaiTime.clockText(objection.submittedAt),
                               outcome: objection.status.name.text(in: language), ruling: objection.ruling,
                               ruledOn: objection.ruledAt.map { DateText.long(ShanghaiTime.date(of: $0), in: language) })
            notFound = nil
        } else {
            (received, self.found) = (nil, nil)
            notFound = typed.isEmpty ? nil : words[.receiptNotFound]
        }
    }
}
