import Foundation
import TitleBridgeCore
import Vapor

/// What the shared layout needs on every page: language, title, navigation, the language
/// switch and the footer's contacts.
struct PageChrome: Encodable {
    struct LanguageLink: Encodable {
        let label: String
        let href: String
        let hreflang: String
    }

    struct Contact: Encodable {
        let display: String
        let tel: String
    }

    struct NavLink: Encodable {
        let label: String
        let href: String
    }

    let lang: String
    /// `zh` or `en`, for forms that carry the choice along.
    let langCode: String
    let nav: [NavLink]
    let title: String
    /// Seconds after which the browser reloads the page (a run in progress); nil: never.
    var refreshSeconds: Int?
    let refreshScriptHref = SiteURL.refreshScript.path
    let siteName: String
    let siteTagline: String
    let homeHref: String
    let skipLabel: String
    let languageSwitch: LanguageLink
    let contactsHeading: String
    let contactsNote: String
    let contacts: [Contact]
    let issuer: String
    /// The signed-in user's name, a link to the account page and the sign-out form; or the sign-in link.
    let user: SignedInUser?
    let signInLink: NavLink?
    let csrfToken: String
    let signInLabel: String
    /// 系统消息: the link with the number of unread messages.
    let messages: NavLink?
    let unread: Int
    /// The menu's name, on the button that opens it on a phone and for screen readers.
    let menuLabel: String
    let accountMenuLabel: String
    let iconHref: String
    /// 演练模式: set while the server runs on a rehearsal clock, so nobody mistakes a
    /// simulated deadline for a real one.
    let rehearsal: String?

    struct SignedInUser: Encodable {
        let name: String
        let accountHref: String
        let signOutAction: String
        let signOutLabel: String
    }

    init(request: Request, title: String) {
        let language = request.language
        let w = Words<ChromeText>(language)
        let other: Language = language == .zh ? .en : .zh
        let policy = try? request.domain.currentPolicy

        self.lang = language.tag
        self.langCode = language.rawValue
        var nav = [NavLink(label: w[.procedure], href: SiteURL.home.path),
                   NavLink(label: w[.selfCheck], href: SiteURL.selfCheck.path),
                   NavLink(label: w[.results], href: SiteURL.results.path),
                   NavLink(label: w[.verifyCertificate], href: SiteURL.certificateLookup.path)]
        let principal = request.principal
        if let organisationID = principal?.organisationID, let actor = principal?.actor,
           RoutePolicy.audience(for: .unit)?.answer(for: actor) == .admitted {
            nav.append(NavLink(label: w[.myUnit], href: SiteURL.unit.path(organisationID.uuidString)))
        }
        if let actor = principal?.actor, RoutePolicy.audience(for: .verifications)?.answer(for: actor) == .admitted {
            nav.append(NavLink(label: w[.verification], href: SiteURL.verifications.path))
        }
        if let actor = principal?.actor, RoutePolicy.audience(for: .unitApplications)?.answer(for: actor) == .admitted {
            nav.append(NavLink(label: w[.unitReview], href: SiteURL.unitApplications.path))
        }
        if let actor = principal?.actor, RoutePolicy.audience(for: .acceptanceQueue)?.answer(for: actor) == .admitted {
            nav.append(NavLink(label: w[.acceptance], href: SiteURL.acceptanceQueue.path))
        }
        if let actor = principal?.actor, RoutePolicy.audience(for: .committee)?.answer(for: actor) == .admitted {
            nav.append(NavLink(label: w[.committee], href: SiteURL.committee.path))
        }
        if let actor = principal?.actor, RoutePolicy.audience(for: .resultsDesk)?.answer(for: actor) == .admitted {
            nav.append(NavLink(label: w[.resultsDesk], href: SiteURL.resultsDesk.path))
        }
        if let actor = principal?.actor, RoutePolicy.audience(for: .bureauDashboard)?.answer(for: actor) == .admitted {
            nav.append(NavLink(label: w[.dashboard], href: SiteURL.bureauDashboard.path))
        }
        if let actor = principal?.actor, RoutePolicy.audience(for: .unitAppointments)?.answer(for: actor) == .admitted {
            nav.append(NavLink(label: w[.juniorAppointments], href: SiteURL.unitAppointments.path))
        }
        if principal?.roles.contains(.applicant) == true {
            nav.append(NavLink(label: w[.apply], href: SiteURL.applications.path))
        }
        // The admin area opens at the first tab the caller may use; one who may use only one
        // (the bureau: the certificate list) finds it under that tab's own name.
        let adminTabs = AdminChrome.reachable(by: principal?.actor)
        if let first = adminTabs.first {
            nav.append(NavLink(label: adminTabs.count == 1 ? first.label.text(in: language) : w[.administration],
                               href: first.url.path))
        }
        self.nav = nav
        self.user = principal.map {
            SignedInUser(name: $0.displayName, accountHref: SiteURL.account.path, signOutAction: SiteURL.signOut.path,
                         signOutLabel: w[.signOut])
        }
        self.signInLink = principal == nil ? NavLink(label: w[.signIn], href: SiteURL.signIn.path) : nil
        self.csrfToken = CSRF.token(for: request)
        self.signInLabel = w[.signIn]
        self.unread = principal?.unreadMessages ?? 0
        self.messages = principal.map { _ in NavLink(label: w[.messages], href: SiteURL.messages.path) }
        self.menuLabel = w[.menu]
        self.accountMenuLabel = w[.account]
        self.iconHref = SiteURL.favicon.path
        self.rehearsal = request.domain.clock.rehearsalStart.map { _ in
            let now = ShanghaiTime.clockText(request.domain.clock.now())
            return w[.rehearsal, ["now": now]]
        }
        self.title = title
        self.siteName = w[.siteName]
        self.siteTagline = w[.siteTagline]
        self.homeHref = SiteURL.home.path
        self.skipLabel = w[.skipToContent]
        // The switch returns to the page being read; a path that could name another host
        // (an error page answers any path) is not echoed into the link. A page that answers a
        // form (a refusal shown where the form was sent) has no address of its own to fetch
        // again: the switch leads back to the page the form was on.
        let readable = request.method == .GET ? request.url.path
            : request.headers.first(name: .referer).flatMap { URLComponents(string: $0)?.path }
        self.languageSwitch = LanguageLink(label: other == .en ? "English" : "中文",
                                           href: (ReturnPath.validated(readable) ?? SiteURL.home.path) + "?lang=" + other.rawValue,
                                           hreflang: other.tag)
        self.contactsHeading = w[.enquiries]
        self.contactsNote = w[.enquiriesNote]
        self.contacts = (policy?.contacts ?? []).map { number in
            Contact(display: number, tel: "+86-" + number.drop { $0 == "0" })
        }
        self.issuer = policy?.notice.issuer.text(in: language) ?? ""
    }
}
