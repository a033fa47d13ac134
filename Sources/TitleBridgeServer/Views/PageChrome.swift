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
    let siteName: String
    let siteTagline: String
    let homeHref: String
    let skipLabel: String
    let languageSwitch: LanguageLink
    let contactsHeading: String
    let contactsNote: String
    let contacts: [Contact]
    let issuer: String

    init(request: Request, title: String) {
        let language = request.language
        func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let other: Language = language == .zh ? .en : .zh
        let policy = try? request.domain.currentPolicy

        self.lang = language.tag
        self.langCode = language.rawValue
        self.nav = [NavLink(label: t("办理流程", "Procedure"), href: SiteURL.home.path),
                    NavLink(label: t("资格自查", "Self-check"), href: SiteURL.selfCheck.path)]
        self.title = title
        self.siteName = t("职称考核认定服务", "TitleBridge")
        self.siteTagline = t("境外职业资格证书持证人员职称考核认定",
                             "Professional-title recognition for holders of overseas qualifications")
        self.homeHref = SiteURL.home.path
        self.skipLabel = t("跳到正文", "Skip to content")
        self.languageSwitch = LanguageLink(label: other == .en ? "English" : "中文",
                                           href: request.url.path + "?lang=" + other.rawValue, hreflang: other.tag)
        self.contactsHeading = t("咨询电话", "Enquiries")
        self.contactsNote = t("工作时间可致电咨询", "By telephone during office hours")
        self.contacts = (policy?.contacts ?? []).map { number in
            Contact(display: number, tel: "+86-" + number.drop { $0 == "0" })
        }
        self.issuer = policy.map { t($0.notice.issuer.zh, $0.notice.issuer.en) } ?? ""
    }
}
