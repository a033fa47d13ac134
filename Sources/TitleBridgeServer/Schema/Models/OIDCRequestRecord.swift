import Fluent
import Foundation

/// An OpenID Connect sign-in on its way: the state, nonce and PKCE verifier the callback
/// must match. Used once, then deleted.
final class OIDCRequestRecord: Model, @unchecked Sendable {
    static let schema = "oidc_requests"

    @ID(custom: "state", generatedBy: .user) var id: String?
    @Field(key: "nonce") var nonce: String
    @Field(key: "code_verifier") var codeVerifier: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(state: String, nonce: String, codeVerifier: String, createdAt: Date) {
        self.id = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.createdAt = createdAt
    }
}
