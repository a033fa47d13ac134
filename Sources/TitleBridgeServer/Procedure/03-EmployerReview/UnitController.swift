import Fluent
import TitleBridgeCore
import Vapor

/// A unit's page and API: the employer sees and keeps its own unit, a supervising department
/// its institutions, the bureau all. A unit the caller may not see answers 404, exactly as
/// one that does not exist, so ids cannot be probed.
struct UnitController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.unit, use: page)
        routes.on(.unitUpdate, use: update)
        routes.on(.apiOrganisations, use: apiList)
        routes.on(.apiOrganisation, use: apiGet)
        routes.on(.apiOrganisationUpdate, use: apiUpdate)
    }

    struct UnitAnswer: Content {
        let id: UUID
        let kind: OrganisationKind?
        let nameZh: String
        let nameEn: String
        let creditCode: String?
        let supervisingID: UUID?
        let field: String?
        let contactPhone: String?
        let address: String?

        init(_ record: OrganisationRecord) throws {
            id = try record.requireID()
            kind = record.organisationKind
            nameZh = record.nameZh
            nameEn = record.nameEn
            creditCode = record.creditCode
            supervisingID = record.supervisingID
            field = record.field
            contactPhone = record.contactPhone
            address = record.address
        }

        /// An employer as the employer step offers it to an applicant: name, credit code and
        /// kind, and nothing the page does not show (no contact details, no supervisor).
        init(employerChoice record: OrganisationRecord) throws {
            id = try record.requireID()
            kind = record.organisationKind
            nameZh = record.nameZh
            nameEn = record.nameEn
            creditCode = record.creditCode
            supervisingID = nil
            field = nil
            contactPhone = nil
            address = nil
        }
    }

    /// The unit named in the path, if the caller may see it.
    static func visibleUnit(_ request: Request) async throws -> (OrganisationRecord, Principal) {
        let principal = try request.requirePrincipal()
        guard let id = request.parameters.get("organisationID", as: UUID.self),
              let unit = try await OrganisationRecord.find(id, on: request.db),
              let facts = unit.facts, RecordAccess.mayView(unit: facts, actor: principal.actor) else {
            throw Abort(.notFound)
        }
        return (unit, principal)
    }

    @Sendable
    func page(_ request: Request) async throws -> View {
        let (unit, principal) = try await Self.visibleUnit(request)
        return try await renderPage(request, unit: unit, principal: principal, notice: nil, problem: nil)
    }

    @Sendable
    func update(_ request: Request) async throws -> Response {
        let (unit, principal) = try await Self.visibleUnit(request)
        guard let facts = unit.facts, RecordAccess.mayEdit(unit: facts, actor: principal.actor) else { throw Abort(.notFound) }
        let contact = try request.content.decode(UnitContact.self)
        do {
            try await AccountDirectory(request: request).updateContact(of: unit, to: contact, by: principal.auditActor)
        } catch let problem as APIProblem {
            let view = try await renderPage(request, unit: unit, principal: principal, notice: nil,
                                            problem: problem.message.text(in: request.language))
            let response = try await view.encodeResponse(for: request)
            response.status = problem.status
            return response
        }
        return request.redirect(to: SiteURL.unit.path(try unit.requireID().uuidString), redirectType: .normal)
    }

    private func renderPage(_ request: Request, unit: OrganisationRecord, principal: Principal,
                            notice: String?, problem: String?) async throws -> View {
        let unitID = try unit.requireID()
        let members = try await UserRecord.query(on: request.db).filter(\.$organisationID == unitID).sort(\.$username).all()
        let institutions = try await OrganisationRecord.query(on: request.db).filter(\.$supervisingID == unitID).sort(\.$nameZh).all()
        var supervising: OrganisationRecord?
        if let id = unit.supervisingID { supervising = try await OrganisationRecord.find(id, on: request.db) }
        let mayEdit = unit.facts.map { RecordAccess.mayEdit(unit: $0, actor: principal.actor) } ?? false
        let page = UnitPage(request: request, unit: unit, supervising: supervising, members: members,
                            institutions: institutions, mayEdit: mayEdit, problem: problem)
        return try await request.view.render("units/unit", page)
    }

    // MARK: API

    /// The units the caller may see, whole; and to an applicant also the employers to choose
    /// from, as the employer step lists them (`UnitAnswer(employerChoice:)`).
    @Sendable
    func apiList(_ request: Request) async throws -> [UnitAnswer] {
        let principal = try request.requirePrincipal()
        var answers = try await visibleUnits(request, principal: principal).map { try UnitAnswer($0) }
        if principal.roles.contains(.applicant) {
            let whole = Set(answers.map(\.id))
            answers += try await OrganisationRecord.employerChoices(on: request.db)
                .filter { $0.id.map { !whole.contains($0) } ?? false }
                .map { try UnitAnswer(employerChoice: $0) }
            answers.sort { $0.nameZh < $1.nameZh }
        }
        return answers
    }

    /// The units the record rule lets the caller see.
    private func visibleUnits(_ request: Request, principal: Principal) async throws -> [OrganisationRecord] {
        let actor = principal.actor
        let query = OrganisationRecord.query(on: request.db).sort(\.$nameZh)
        if !RecordAccess.seesAllUnits(actor) {
            // Only the caller's own unit and those it supervises can pass the record rule.
            guard let own = actor.organisationID else { return [] }
            query.group(.or) { $0.filter(\.$id == own).filter(\.$supervisingID == own) }
        }
        return try await query.all()
            .filter { $0.facts.map { RecordAccess.mayView(unit: $0, actor: actor) } ?? false }
    }

    @Sendable
    func apiGet(_ request: Request) async throws -> UnitAnswer {
        try UnitAnswer(try await Self.visibleUnit(request).0)
    }

    @Sendable
    func apiUpdate(_ request: Request) async throws -> UnitAnswer {
        let (unit, principal) = try await Self.visibleUnit(request)
        guard let facts = unit.facts, RecordAccess.mayEdit(unit: facts, actor: principal.actor) else { throw Abort(.notFound) }
        let contact: UnitContact
        do {
            contact = try request.content.decode(UnitContact.self)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        try await AccountDirectory(request: request).updateContact(of: unit, to: contact, by: principal.auditActor)
        return try UnitAnswer(unit)
    }
}
