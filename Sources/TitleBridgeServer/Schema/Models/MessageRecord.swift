import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 系统消息 — one message to a user: every stage change and every request from a reviewer.
final class MessageRecord: Model, @unchecked Sendable {
    static let schema = "messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @OptionalField(key: "application_id") var applicationID: UUID?
    @Field(key: "title_zh") var titleZh: String
    @Field(key: "title_en") var titleEn: String
    @Field(key: "body_zh") var bodyZh: String
    @Field(key: "body_en") var bodyEn: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    init(to userID: UUID, about applicationID: UUID?, title: LocalizedText, body: LocalizedText, at date: Date) {
        self.userID = userID
        self.applicationID = applicationID
        titleZh = title.zh
        titleEn = title.en
        bodyZh = body.zh
        bodyEn = body.en
        createdAt = date
    }
}
