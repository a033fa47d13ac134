import Foundation
import Testing
import TitleBridgeCore

/// Who may see an application file, see its ID number whole, and move it — decided per file.
@Suite("Application files: drafts, whole numbers, several roles on one account")
struct FileAccessTests {
    static let department = UnitFacts(id: UUID(), supervisingID: nil)
    static let enterprise = UnitFacts(id: UUID(), supervisingID: nil)
    static let institution = UnitFacts(id: UUID(), supervisingID: department.id)

    static func actor(_ roles: Set<Role>, in unit: UnitFacts? = nil) -> Actor {
        Actor(userID: UUID(), roles: roles, organisationID: unit?.id)
    }

    @Test("A file never submitted is its applicant's alone; once submitted (even if returned) its reviewers see it")
    func drafts() {
        let applicant = Self.actor([.applicant])
        let others = [Self.actor([.employer], in: Self.institution), Self.actor([.supervisor], in: Self.department),
                      Self.actor([.bureau]), Self.actor([.admin])]
        #expect(RecordAccess.mayView(applicationOf: applicant.userID, submitted: false, employer: Self.institution, actor: applicant))
        for other in others {
            #expect(!RecordAccess.mayView(applicationOf: applicant.userID, submitted: false, employer: Self.institution, actor: other),
                    "\(other.roles) sees a draft")
            #expect(RecordAccess.mayView(applicationOf: applicant.userID, submitted: true, employer: Self.institution, actor: other),
                    "\(other.roles) cannot see a submitted file")
        }
    }

    @Test("The ID number of a file: whole to its applicant, the bureau and the verifier; masked to the others")
    func wholeNumbers() {
        let owner = UUID()
        #expect(RecordAccess.seesWholePersonalData(ownedBy: owner, actor: Actor(userID: owner, roles: [.applicant], organisationID: nil)))
        #expect(RecordAccess.seesWholePersonalData(ownedBy: owner, actor: Self.actor([.bureau])))
        #expect(RecordAccess.seesWholePersonalData(ownedBy: owner, actor: Self.actor([.verifier])))
        for roles in [Set<Role>([.employer]), [.supervisor], [.admin], [.applicant]] {
            #expect(!RecordAccess.seesWholePersonalData(ownedBy: owner, actor: Self.actor(roles, in: Self.enterprise)), "\(roles)")
        }
    }

    @Test("An employer who also applies: employer on a colleague's file, applicant on its own, never both")
    func severalRoles() {
        let dual = Self.actor([.employer, .applicant], in: Self.enterprise)
        let colleague = UUID()
        #expect(RecordAccess.transitionActors(for: dual, onFileOf: colleague, employer: Self.enterprise) == [.role(.employer)])
        #expect(RecordAccess.transitionActors(for: dual, onFileOf: dual.userID, employer: Self.enterprise) == [.role(.applicant)])
        // Another unit's file: no party at all.
        #expect(RecordAccess.transitionActors(for: dual, onFileOf: colleague, employer: Self.institution).isEmpty)

        let department = Self.actor([.supervisor, .applicant], in: Self.department)
        #expect(RecordAccess.transitionActors(for: department, onFileOf: colleague, employer: Self.institution) == [.role(.supervisor)])
        #expect(RecordAccess.transitionActors(for: department, onFileOf: colleague, employer: Self.enterprise).isEmpty)

        let bureau = Self.actor([.bureau, .applicant])
        #expect(RecordAccess.transitionActors(for: bureau, onFileOf: colleague, employer: Self.enterprise) == [.role(.bureau)])
        #expect(RecordAccess.transitionActors(for: bureau, onFileOf: bureau.userID, employer: Self.enterprise) == [.role(.applicant)])
        #expect(!RecordAccess.mayActAsEmployer(onFileOf: dual.userID, unit: Self.enterprise.id, actor: dual))
        #expect(RecordAccess.mayActAsEmployer(onFileOf: colleague, unit: Self.enterprise.id, actor: dual))
    }
}
