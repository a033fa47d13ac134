import Fluent
import Foundation
import TitleBridgeCore

/// The core's `ListScope` as query filters: the one place a list query says who sees what.
/// Each function narrows a query to the scope, or answers false when the scope holds nothing
/// (the caller then lists nothing without asking the database).
enum RecordScopes {
    /// The units a scope reaches through its employer and its supervising department.
    static func units(of scope: ListScope, on database: any Database) async throws -> [UUID] {
        var units: [UUID] = scope.unitID.map { [$0] } ?? []
        if let department = scope.supervisedBy {
            units += try await OrganisationRecord.query(on: database).filter(\.$supervisingID == department).all().compactMap(\.id)
        }
        return units
    }

    static func applications(_ scope: ListScope, _ query: QueryBuilder<ApplicationRecord>,
                             on database: any Database) async throws -> Bool {
        guard !scope.isEmpty else { return false }
        if scope.all, !scope.othersOnlyOnceSubmitted { return true }
        let units = try await units(of: scope, on: database)
        if !scope.all, scope.ownerID == nil, units.isEmpty { return false }
        query.group(.or) { either in
            if let owner = scope.ownerID { either.filter(\.$applicantID == owner) }
            if scope.all || !units.isEmpty {
                either.group(.and) { others in
                    if !scope.all { others.filter(\.$employerID ~~ units) }
                    if scope.othersOnlyOnceSubmitted { others.filter(\.$submittedAt != nil) }
                }
            }
        }
        return true
    }

    static func verifications(_ scope: ListScope, _ query: QueryBuilder<VerificationRecord>) -> Bool {
        guard !scope.isEmpty else { return false }
        if !scope.all, let owner = scope.ownerID { query.filter(\.$applicantID == owner) }
        return true
    }

    static func appointments(_ scope: ListScope, _ query: QueryBuilder<AppointmentRecord>) -> Bool {
        guard !scope.isEmpty else { return false }
        if !scope.all, let unit = scope.unitID { query.filter(\.$organisationID == unit) }
        return true
    }
}
