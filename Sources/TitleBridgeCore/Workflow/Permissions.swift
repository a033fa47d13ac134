import Foundation

/// Who is asking, as the rules of access see them: a signed-in user's id, roles and unit.
public struct Actor: Sendable, Equatable {
    public let userID: UUID
    public let roles: Set<Role>
    /// The one organisation the user belongs to (applicants belong to none).
    public let organisationID: UUID?

    public init(userID: UUID, roles: Set<Role>, organisationID: UUID?) {
        self.userID = userID
        self.roles = roles
        self.organisationID = organisationID
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
}

/// Who may call a route at all. Record-level rules (`RecordAccess`) then decide which
/// records a caller admitted here may see.
public enum Audience: Sendable, Hashable {
    /// Anyone, signed in or not.
    case everyone
    /// Any signed-in user, whatever the role.
    case signedIn
    /// Signed-in users holding at least one of these roles.
    case roles(Set<Role>)

    public enum Answer: Sendable, Equatable {
        case admitted
        /// Nobody is signed in: 401, or the sign-in page for a browser.
        case signInRequired
        /// Signed in, but none of the roles admitted: 403.
        case forbidden
    }

    public func answer(for actor: Actor?) -> Answer {
        switch self {
        case .everyone: return .admitted
        case .signedIn: return actor == nil ? .signInRequired : .admitted
        case .roles(let roles):
            guard let actor else { return .signInRequired }
            return actor.roles.isDisjoint(with: roles) ? .forbidden : .admitted
        }
    }
}

/// An organisation as the record rules see it.
public struct UnitFacts: Sendable, Equatable {
    public let id: UUID
    /// 主管部门: the supervising department of a public institution.
    public let supervisingID: UUID?

    public init(id: UUID, supervisingID: UUID?) {
        self.id = id
        self.supervisingID = supervisingID
    }
}

/// An account as the record rules see it.
public struct AccountFacts: Sendable, Equatable {
    public let userID: UUID
    public let unit: UnitFacts?

    public init(userID: UUID, unit: UnitFacts?) {
        self.userID = userID
        self.unit = unit
    }
}

/// Which records a caller may see or change: every role sees only what it needs (design,
/// "Who uses it") — an applicant only its own, an employer only its own unit, a supervising
/// department its own and the public institutions under it. A record a caller may not see is
/// answered as if it did not exist, so ids cannot be probed.
public enum RecordAccess {
    /// The bureau and the administrator work across all units.
    public static func seesAllUnits(_ actor: Actor) -> Bool {
        actor.has(.admin) || actor.has(.bureau)
    }

    public static func mayView(unit: UnitFacts, actor: Actor) -> Bool {
        if seesAllUnits(actor) { return true }
        guard let own = actor.organisationID else { return false }
        if actor.has(.employer), unit.id == own { return true }
        if actor.has(.supervisor), unit.id == own || unit.supervisingID == own { return true }
        return false
    }

    /// Contact details of a unit are kept by the unit itself and by the administrator.
    public static func mayEdit(unit: UnitFacts, actor: Actor) -> Bool {
        if actor.has(.admin) { return true }
        return actor.has(.employer) && actor.organisationID == unit.id
    }

    public static func mayView(account: AccountFacts, actor: Actor) -> Bool {
        if account.userID == actor.userID || seesAllUnits(actor) { return true }
        guard let unit = account.unit else { return false }
        return mayView(unit: unit, actor: actor)
    }

    /// ID and phone numbers are shown whole only to their owner and to the roles whose work
    /// is to match them against documents (acceptance review, certificate verification);
    /// everyone else sees them masked.
    public static func seesWholePersonalData(of account: AccountFacts, actor: Actor) -> Bool {
        seesWholePersonalData(ownedBy: account.userID, actor: actor)
    }

    /// The same rule for a number kept with a record of `owner` (the ID number of an
    /// application file is its applicant's): the employer, the supervising department and the
    /// administrator see it masked on every page, answer and printed form.
    public static func seesWholePersonalData(ownedBy owner: UUID, actor: Actor) -> Bool {
        owner == actor.userID || actor.has(.bureau) || actor.has(.verifier)
    }

    /// 查验: the holder's own requests; the verifier, the bureau and the administrator all.
    public static func mayView(verificationOf holder: UUID?, actor: Actor) -> Bool {
        if let holder, holder == actor.userID { return true }
        return actor.has(.verifier) || actor.has(.bureau) || actor.has(.admin)
    }

    /// An upload: its owner, and the roles that review what it was uploaded for.
    public static func mayView(fileOwnedBy owner: UUID, actor: Actor) -> Bool {
        owner == actor.userID || actor.has(.verifier) || actor.has(.bureau) || actor.has(.admin)
    }

    /// The employer's part of a file (opinion, publicity, stamped uploads): the employer role
    /// of the file's own unit only — never the bureau or a supervising department for it.
    public static func mayActAsEmployer(ofUnit unit: UUID?, actor: Actor) -> Bool {
        guard let unit, actor.has(.employer) else { return false }
        return actor.organisationID == unit
    }

    /// The employer's part of one application file: as above, and never on one's own file — an
    /// employer's staff member who also applies is reviewed by a colleague.
    public static func mayActAsEmployer(onFileOf applicant: UUID, unit: UUID?, actor: Actor) -> Bool {
        applicant != actor.userID && mayActAsEmployer(ofUnit: unit, actor: actor)
    }

    /// An application file: the applicant's own; its employer's; the supervising department
    /// of that employer; the bureau and the administrator.
    ///
    /// A file that has never been submitted (`submitted` false) is the applicant's alone: a
    /// draft is not yet addressed to anyone. A file returned to the applicant is a draft again
    /// but was submitted, so those who reviewed it keep reading it and its history.
    public static func mayView(applicationOf applicant: UUID, submitted: Bool, employer: UnitFacts?, actor: Actor) -> Bool {
        if applicant == actor.userID { return true }
        guard submitted else { return false }
        if seesAllUnits(actor) { return true }
        guard let employer, let own = actor.organisationID else { return false }
        if actor.has(.employer), employer.id == own { return true }
        if actor.has(.supervisor), employer.supervisingID == own { return true }
        return false
    }

    /// The parties in which `actor` may move one application file, decided per file rather
    /// than per account: one account can hold several roles (an employer's staff member who
    /// also applies), and each role counts only where it applies —
    /// - the applicant role on one's own file only;
    /// - no reviewing role on one's own file (employer, supervising department, bureau,
    ///   committee secretary): nobody reviews their own application;
    /// - the employer role for the file's own unit, the supervising department's for the
    ///   public institutions it supervises.
    /// The transition table then says which of these may cause an event from a stage.
    public static func transitionActors(for actor: Actor, onFileOf applicant: UUID, employer: UnitFacts?) -> Set<TransitionActor> {
        let own = applicant == actor.userID
        var actors = Set<TransitionActor>()
        for role in actor.roles {
            switch role {
            case .applicant:
                if own { actors.insert(.role(role)) }
            case .employer:
                if mayActAsEmployer(onFileOf: applicant, unit: employer?.id, actor: actor) { actors.insert(.role(role)) }
            case .supervisor:
                if !own, let department = actor.organisationID, employer?.supervisingID == department { actors.insert(.role(role)) }
            case .verifier, .bureau, .expert, .secretary, .admin:
                if !own { actors.insert(.role(role)) }
            }
        }
        return actors
    }
}
