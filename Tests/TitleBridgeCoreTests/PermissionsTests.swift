import Foundation
import Testing
import TitleBridgeCore

@Suite("Who may see which record")
struct PermissionsTests {
    static let unitA = UnitFacts(id: UUID(), supervisingID: nil)
    static let department = UnitFacts(id: UUID(), supervisingID: nil)
    static let institution = UnitFacts(id: UUID(), supervisingID: department.id)
    static let unitB = UnitFacts(id: UUID(), supervisingID: nil)

    static func actor(_ roles: Set<Role>, in unit: UnitFacts? = nil) -> Actor {
        Actor(userID: UUID(), roles: roles, organisationID: unit?.id)
    }

    struct UnitRow: Sendable, CustomTestStringConvertible {
        let name: String
        let actor: Actor
        let unit: UnitFacts
        let view: Bool
        let edit: Bool
        var testDescription: String { name }
    }

    @Test("Units: own unit, the department's institutions, the bureau everywhere", arguments: [
        UnitRow(name: "employer of A views and edits A", actor: actor([.employer], in: unitA), unit: unitA, view: true, edit: true),
        UnitRow(name: "employer of A cannot see B", actor: actor([.employer], in: unitA), unit: unitB, view: false, edit: false),
        UnitRow(name: "department sees its institution, cannot edit it", actor: actor([.supervisor], in: department), unit: institution, view: true, edit: false),
        UnitRow(name: "department cannot see an enterprise", actor: actor([.supervisor], in: department), unit: unitA, view: false, edit: false),
        UnitRow(name: "bureau sees all, edits none", actor: actor([.bureau]), unit: unitB, view: true, edit: false),
        UnitRow(name: "admin sees and edits all", actor: actor([.admin]), unit: unitB, view: true, edit: true),
        UnitRow(name: "applicant sees no unit", actor: actor([.applicant]), unit: unitA, view: false, edit: false),
        UnitRow(name: "expert sees no unit", actor: actor([.expert], in: unitA), unit: unitA, view: false, edit: false),
    ])
    func units(row: UnitRow) {
        #expect(RecordAccess.mayView(unit: row.unit, actor: row.actor) == row.view)
        #expect(RecordAccess.mayEdit(unit: row.unit, actor: row.actor) == row.edit)
    }

    @Test("Accounts: an applicant sees only itself; ID numbers whole only to owner, bureau, verifier")
    func accounts() {
        let applicant = PermissionsTests.actor([.applicant])
        let other = AccountFacts(userID: UUID(), unit: nil)
        let own = AccountFacts(userID: applicant.userID, unit: nil)
        #expect(RecordAccess.mayView(account: own, actor: applicant))
        #expect(!RecordAccess.mayView(account: other, actor: applicant))
        #expect(RecordAccess.seesWholePersonalData(of: own, actor: applicant))

        let employer = PermissionsTests.actor([.employer], in: PermissionsTests.unitA)
        let staffOfA = AccountFacts(userID: UUID(), unit: PermissionsTests.unitA)
        let staffOfB = AccountFacts(userID: UUID(), unit: PermissionsTests.unitB)
        #expect(RecordAccess.mayView(account: staffOfA, actor: employer))
        #expect(!RecordAccess.mayView(account: staffOfB, actor: employer))
        #expect(!RecordAccess.seesWholePersonalData(of: staffOfA, actor: employer))
        #expect(RecordAccess.seesWholePersonalData(of: staffOfB, actor: PermissionsTests.actor([.bureau])))
        #expect(RecordAccess.seesWholePersonalData(of: other, actor: PermissionsTests.actor([.verifier])))
        #expect(!RecordAccess.mayView(account: other, actor: PermissionsTests.actor([.verifier])))
        #expect(!RecordAccess.seesWholePersonalData(of: staffOfB, actor: PermissionsTests.actor([.admin])))
    }

    @Test("Audiences: anonymous must sign in, wrong role is forbidden")
    func audiences() {
        let employer = PermissionsTests.actor([.employer])
        #expect(Audience.everyone.answer(for: nil) == .admitted)
        #expect(Audience.signedIn.answer(for: nil) == .signInRequired)
        #expect(Audience.signedIn.answer(for: employer) == .admitted)
        #expect(Audience.roles([.admin]).answer(for: employer) == .forbidden)
        #expect(Audience.roles([.admin, .employer]).answer(for: employer) == .admitted)
        #expect(Audience.roles([.admin]).answer(for: nil) == .signInRequired)
    }
}
