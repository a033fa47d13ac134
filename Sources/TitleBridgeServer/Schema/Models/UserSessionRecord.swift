import Fluent
import Foundation

/// A signed-in session, kept in the database so several app instances share it. Only the
/// token's SHA-256 is stored: a copy of the table signs nobody in.
final class UserSessionRecord: Model, @unchecked Sendable {
    static let schema = "sessions"

    enum Kind: String {
        /// A browser: cookie, CSRF token.
        case web
        /// An API client: bearer token.
        case api
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "last_seen_at") var lastSeenAt: Date?

    init() {}

    init(tokenHash: String, userID: UUID, kind: Kind, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.kind = kind.rawValue
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
