import TitleBridgeCore
import Vapor

/// Where a person lands after signing in when no page was asked for: the list where their work
/// waits, not their account page — an employer's files to review, the bureau's queue.
enum LandingPage {
    /// In this order a person with several roles lands on the first one's list.
    static let byRole: [(Role, SiteURL)] = [
        (.bureau, .acceptanceQueue), (.supervisor, .unitApplications), (.employer, .unitApplications),
        (.secretary, .committee), (.expert, .committee),
        (.verifier, .verifications), (.applicant, .applications), (.admin, .adminUsers),
    ]

    static func path(for roles: Set<Role>) -> String {
        byRole.first { roles.contains($0.0) }?.1.path ?? SiteURL.account.path
    }

    static func path(for user: UserRecord, on request: Request) async throws -> String {
        path(for: try await AccountDirectory(app: request.application).roles(of: try user.requireID()))
    }
}
