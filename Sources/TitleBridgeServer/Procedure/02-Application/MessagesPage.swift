import TitleBridgeCore
import Vapor

/// 系统消息.
struct MessagesPage: Encodable {
    struct Item: Encodable {
        let title: String
        let body: String
        let when: String
        let unread: Bool
        let href: String?
    }

    let chrome: PageChrome
    let heading: String
    let items: [Item]
    let hasItems: Bool
    let emptyNote: String
    let pager: Pager?

    init(request: Request, messages: [MessageRecord], pager: Pager?) {
        self.pager = pager
        let language = request.language
        let zh = language == .zh
        let w = Words<ApplicationText>(language)
        chrome = PageChrome(request: request, title: w[.messagesHeading])
        heading = w[.messagesHeading]
        items = messages.map { message in
            Item(title: zh ? message.titleZh : message.titleEn, body: zh ? message.bodyZh : message.bodyEn,
                 when: ShanghaiTime.clockText(message.createdAt), unread: message.readAt == nil,
                 href: message.applicationID.map { SiteURL.application.path($0.uuidString) })
        }
        hasItems = !items.isEmpty
        emptyNote = w[.noMessages]
    }
}
