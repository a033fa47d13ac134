import Foundation

/// 可见范围 — which records of one kind a caller's lists hold, said once per kind so that the
/// lists (pages and API) and the single-record checks of `RecordAccess` cannot drift apart.
/// The server turns a scope into query filters in one place (`RecordScopes`).
public struct ListScope: Equatable, Sendable {
    /// Every record of the kind (subject to `othersOnlyOnceSubmitted`).
    public var all = false
    /// One's own records (an applicant's files and requests).
    public var ownerID: UUID?
    /// The records of one unit (an employer's).
    public var unitID: UUID?
    /// The records of the public institutions one department supervises.
    public var supervisedBy: UUID?
    /// Others' application files only once first submitted: a draft is its applicant's alone.
    public var othersOnlyOnceSubmitted = false

    public init() {}

    /// Nothing at all: the list is empty without asking the database.
    public var isEmpty: Bool { !all && ownerID == nil && unitID == nil && supervisedBy == nil }
}

/// The kinds of record listed by scope.
public enum ListedRecord: Sendable {
    /// 申报材料, as `RecordAccess.mayView(applicationOf:…)` lets one read them.
    case applicationFile
    /// 单位审核: the files of the unit an employer reviews and of the institutions a department supervises.
    case unitFile
    /// 查验, as `RecordAccess.mayView(verificationOf:…)`.
    case verification
    /// 初级聘任: a unit's appointments.
    case appointment
}

extension RecordAccess {
    public static func listScope(of kind: ListedRecord, for actor: Actor) -> ListScope {
        var scope = ListScope()
        switch kind {
        case .applicationFile:
            scope.ownerID = actor.userID
            scope.othersOnlyOnceSubmitted = true
            if seesAllUnits(actor) {
                scope.all = true
            } else if let own = actor.organisationID {
                if actor.has(.employer) { scope.unitID = own }
                if actor.has(.supervisor) { scope.supervisedBy = own }
            }
        case .unitFile:
            if let own = actor.organisationID {
                if actor.has(.employer) { scope.unitID = own }
                if actor.has(.supervisor) { scope.supervisedBy = own }
            }
        case .verification:
            if mayView(verificationOf: nil, actor: actor) { scope.all = true } else { scope.ownerID = actor.userID }
        case .appointment:
            if seesAllUnits(actor) {
                scope.all = true
            } else if let own = actor.organisationID, actor.has(.employer) {
                scope.unitID = own
            }
        }
        return scope
    }
}
