import Fluent
import Foundation
import TitleBridgeCore

/// One role held by a user.
final class UserRoleRecord: Model, @unchecked Sendable {
    static let schema = "user_roles"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "role") var role: String

    init() {}

    init(userID: UUID, role: Role) {
        self.userID = userID
        self.role = role.rawValue
    }
}
