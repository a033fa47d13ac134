import TitleBridgeCore
import Vapor

/// Irreversible actions ask first. A page's button for one of them posts as usual; without
/// `confirmed=1` the server changes nothing and answers this page, which says what will happen
/// and that it cannot be undone, with a form that sends the same fields again with
/// `confirmed=1`. With JavaScript (`confirm.js`) the question is asked in a dialog on the page
/// and the flag is added to the form, so the page is skipped. The API is not asked: a client
/// that calls it has decided.
enum Confirmation {
    /// The form field that says the person has confirmed.
    static let field = "confirmed"

    /// Stage changes of the file's page that cannot be taken back by the one who makes them.
    static let events: Set<StageEvent> = [.submit, .withdraw, .accept, .notAccept]

    /// The request carries `confirmed=1` (or `on`, `true`: `isChecked`).
    static func isConfirmed(_ request: Request) -> Bool {
        isChecked(try? request.content.get(String.self, at: field))
    }

    /// What happens, in a sentence, for a stage change that asks first; nil for the others.
    static func consequence(of event: StageEvent) -> LocalizedText? {
        switch event {
        case .submit:
            LocalizedText(zh: "提交后，申报材料交所在单位审核，审核期间您不能修改，只有单位退回后才能再修改。",
                          en: "Once submitted, the file goes to your employer for review and cannot be changed while it is reviewed; only a return by the employer opens it again.")
        case .withdraw:
            LocalizedText(zh: "撤回后，本次申报即告结束（视为放弃），不能恢复，本批次也不能再次申报。",
                          en: "Once withdrawn, the application ends (it counts as given up) and cannot be restored; you cannot apply again in this batch.")
        case .accept:
            LocalizedText(zh: "予以受理后，申报材料分配受理号并成为只读，任何人都不能再修改，也不能再告知补正。",
                          en: "Once accepted, the file gets its acceptance number and becomes read-only: nobody can change it any more, and no supplement can be asked for.")
        case .notAccept:
            LocalizedText(zh: "不予受理后，本次申报即告结束，申报人将收到不予受理的通知和理由。",
                          en: "Once not accepted, the application ends; the applicant is told, with the reason.")
        default:
            nil
        }
    }

    /// What removing an attachment (of `kind`, when known) does.
    static func removal(of kind: LocalizedText?) -> LocalizedText {
        guard let kind else {
            return LocalizedText(zh: "该附件将从申报材料中删除，不能恢复；如仍需要，须重新上传。",
                                 en: "The attachment is removed from the file and cannot be restored; to use it again, upload it again.")
        }
        return LocalizedText(zh: "附件“\(kind.zh)”将从申报材料中删除，不能恢复；如仍需要，须重新上传。",
                             en: "The attachment “\(kind.en)” is removed from the file and cannot be restored; to use it again, upload it again.")
    }

    static let irreversible = LocalizedText(zh: "此操作不能撤销。", en: "This cannot be undone.")

    /// The question the page's dialog asks (`data-confirm`): what happens, and that it is final.
    static func question(_ consequence: LocalizedText, in language: Language) -> String {
        consequence.text(in: language) + (language == .zh ? "" : " ") + irreversible.text(in: language)
    }

    /// The fields the refused post carried, to be sent again: every field of a form post in its
    /// order (nested names such as `items[x][verdict]` included) but the CSRF token, which the
    /// page renews, and the flag, which it sets. A post that is not a plain form keeps the
    /// fields a stage change is made of.
    static func fields(of request: Request) -> [ConfirmationPage.Field] {
        guard request.headers.contentType == .urlEncodedForm, let body = request.body.string else {
            return ["event", "reason", "idempotencyKey"].compactMap { name in
                (try? request.content.get(String.self, at: name)).map { ConfirmationPage.Field(name: name, value: $0) }
            }
        }
        func decoded(_ part: Substring) -> String? {
            String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first.flatMap(decoded), !name.isEmpty, name != CSRF.fieldName, name != field else { return nil }
            return ConfirmationPage.Field(name: name, value: parts.count > 1 ? decoded(parts[1]) ?? "" : "")
        }
    }
}

/// The page that asks before an irreversible action: what happens, that it cannot be undone,
/// the button that does it and the way back that changes nothing.
struct ConfirmationPage: Encodable {
    struct Field: Encodable {
        let name: String
        let value: String
    }

    let chrome: PageChrome
    let heading: String
    let consequence: String
    let irreversible: String
    /// What the person typed with the action (a reason), shown once more before it is sent.
    let details: [String]
    let action: String
    let csrfToken: String
    let confirmField: String
    let fields: [Field]
    let confirmLabel: String
    let cancelHref: String
    let cancelLabel: String

    /// `title`: the action's name; `action`: where the form posts (where the unconfirmed post went).
    init(request: Request, title: LocalizedText, consequence: LocalizedText, details: [String], action: String, back: String) {
        let language = request.language
        let w = Words<ChromeText>(language)
        // In English the action's name follows "Please confirm:" in lower case.
        let named = language == .zh ? title.zh : title.en.prefix(1).lowercased() + String(title.en.dropFirst())
        let heading = w[.confirmHeading, ["action": named]]
        self.heading = heading
        chrome = PageChrome(request: request, title: heading)
        self.consequence = consequence.text(in: language)
        irreversible = Confirmation.irreversible.text(in: language)
        self.details = details
        self.action = action
        csrfToken = CSRF.token(for: request)
        confirmField = Confirmation.field
        fields = Confirmation.fields(of: request)
        confirmLabel = w[.confirmButton, ["action": title.text(in: language)]]
        cancelHref = back
        cancelLabel = w[.goBackUnchanged]
    }
}
