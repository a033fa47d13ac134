import Fluent
import TitleBridgeCore
import Vapor

/// Creates and changes organisations and accounts. Every change is checked first (nothing
/// is written on bad input) and audited in the same transaction.
struct AccountDirectory {
    let database: any Database
    let services: DomainServices
    let security: SecurityServices
    let passwords: Application.Password

    init(app: Application, database: (any Database)? = nil) {
        self.database = database ?? app.db
        self.services = app.domain
        self.security = app.security
        self.passwords = app.password
    }

    init(request: Request) {
        self.init(app: request.application, database: request.db)
    }

    /// 3–32 of `a-z 0-9 . _ -`, starting with a letter or digit.
    static func isUsername(_ text: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (3...32).contains(text.count), let first = text.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return text.allSatisfy(allowed.contains)
    }

    /// Whether an account already has the user name (as stored: `NewAccount.normalizedUsername`).
    func isTaken(username: String) async throws -> Bool {
        try await UserRecord.query(on: database).filter(\.$username == username).count() > 0
    }

    /// A telephone number as people write it: digits, spaces and dashes, an optional leading +.
    static func isPhone(_ text: String) -> Bool {
        let body = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard (6...20).contains(body.count), body.first?.isASCII == true, body.first?.isNumber == true else { return false }
        return body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == " " || $0 == "-" }
    }

    // MARK: organisations

    func createOrganisation(_ input: NewOrganisation, by actor: AuditActor) async throws -> OrganisationRecord {
        let nameZh = input.nameZh.trimmingCharacters(in: .whitespacesAndNewlines)
        let nameEn = input.nameEn.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !nameZh.isEmpty, nameZh.count <= 100 else {
            throw APIProblem.badInput(code: "name_required", field: "nameZh", LocalizedText(
                zh: "请填写单位中文名称（不超过100字）。", en: "Enter the organisation's Chinese name (at most 100 characters)."))
        }
        var creditCode: String?
        if input.kind.needsCreditCode || !(input.creditCode ?? "").isEmpty {
            switch CreditCode.validate(input.creditCode ?? "") {
            case .success(let code): creditCode = code.normalized
            case .failure(let error): throw APIProblem.badInput(code: "credit_code_\(error.problem.rawValue)", field: "creditCode", error.message)
            }
            if try await OrganisationRecord.query(on: database).filter(\.$creditCode == creditCode).count() > 0 {
                throw APIProblem(status: .conflict, code: "credit_code_taken", message: LocalizedText(
                    zh: "该统一社会信用代码已登记。", en: "An organisation with this unified social credit code is already registered."),
                    field: "creditCode")
            }
        }
        var supervisingID: UUID?
        if input.kind == .publicInstitution {
            guard let id = input.supervisingID, let department = try await OrganisationRecord.find(id, on: database),
                  department.organisationKind == .supervisingDepartment else {
                throw APIProblem.badInput(code: "supervisor_required", field: "supervisingID", LocalizedText(
                    zh: "事业单位须选择其主管部门。", en: "A public institution needs its supervising department."))
            }
            supervisingID = id
        }
        var field: String?
        if input.kind == .industryAuthority {
            guard let value = input.field, CertificateField(rawValue: value) != nil else {
                throw APIProblem.badInput(code: "field_required", field: "field", LocalizedText(
                    zh: "行业主管部门须选择所管领域。", en: "An industry authority needs the field it looks after."))
            }
            field = value
        }
        let record = OrganisationRecord(kind: input.kind, name: LocalizedText(zh: nameZh, en: nameEn.isEmpty ? nameZh : nameEn),
                                        creditCode: creditCode, supervisingID: supervisingID, field: field,
                                        createdAt: services.clock.now())
        return try await audited { db in
            try await record.create(on: db)
            return (record, [AuditEntry(actor: actor, action: "organisation.create", recordType: "organisation",
                                        recordID: try record.requireID().uuidString, after: AuditLog.digest(OrganisationSnapshot(record)))])
        }
    }

    func updateContact(of organisation: OrganisationRecord, to contact: UnitContact, by actor: AuditActor) async throws {
        let phone = contact.contactPhone?.trimmingCharacters(in: .whitespaces) ?? ""
        if !phone.isEmpty, !Self.isPhone(phone) {
            throw APIProblem.badInput(code: "phone_format", field: "contactPhone", LocalizedText(
                zh: "联系电话格式不正确。", en: "The contact telephone number is not in a valid form."))
        }
        let address = contact.address?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard address.count <= 200 else {
            throw APIProblem.badInput(code: "address_too_long", field: "address", LocalizedText(
                zh: "地址不能超过200字。", en: "The address can have at most 200 characters."))
        }
        let before = AuditLog.digest(OrganisationSnapshot(organisation))
        organisation.contactPhone = phone.isEmpty ? nil : phone
        organisation.address = address.isEmpty ? nil : address
        try await audited { db in
            try await organisation.save(on: db)
            return ((), [AuditEntry(actor: actor, action: "organisation.updateContact", recordType: "organisation",
                                    recordID: try organisation.requireID().uuidString, before: before,
                                    after: AuditLog.digest(OrganisationSnapshot(organisation)))])
        }
    }

    // MARK: accounts

    /// `passwordHash` lets the demo seed give many accounts one hash instead of one bcrypt each.
    func createAccount(_ input: NewAccount, by actor: AuditActor, passwordHash precomputed: String? = nil) async throws -> UserRecord {
        let username = input.normalizedUsername
        // The fields first (the API answers with the first problem, a page shows them all).
        if let first = input.problems(today: services.clock.today(), checksPassword: precomputed == nil).first { throw first }
        let displayName = input.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        // Before the bcrypt work, so a taken name is answered at once.
        if try await isTaken(username: username) { throw APIProblem.usernameTaken }
        var passwordHash = precomputed
        if precomputed == nil, let password = input.password, !password.isEmpty {
            passwordHash = try await passwords.async.hash(password).get()
        }
        if let organisationID = input.organisationID {
            guard try await OrganisationRecord.find(organisationID, on: database) != nil else {
                throw APIProblem.badInput(code: "organisation_unknown", field: "organisationID", LocalizedText(
                    zh: "所选单位不存在。", en: "The chosen organisation does not exist."))
            }
        }
        let user = UserRecord(username: username, displayName: displayName, passwordHash: passwordHash,
                              organisationID: input.organisationID, createdAt: services.clock.now())
        user.oidcIssuer = input.oidcIssuer
        user.oidcSubject = input.oidcSubject
        // The id is chosen here, not on insert: the sealed numbers are bound to it.
        let newID = UUID()
        user.id = newID
        if let text = input.idNumber, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            let kind = input.idKind ?? .residentID
            switch IdentityNumber.validate(text, as: kind, today: services.clock.today()) {
            case .success(let number):
                user.idKind = kind.rawValue
                user.idNumberSealed = try security.cipher.seal(number.normalized, in: .userIDNumber, row: newID)
            case .failure(let error):
                throw APIProblem.badInput(code: "id_number_\(error.problem.rawValue)", field: "idNumber", error.message)
            }
        }
        // Checked with the other fields above.
        if let phone = input.phone?.trimmingCharacters(in: .whitespaces), !phone.isEmpty {
            user.phoneSealed = try security.cipher.seal(phone, in: .userPhone, row: newID)
        }
        let roles = Set(input.roles)
        let cipher = security.cipher
        let now = services.clock.now()
        return try await audited { db in
            try await user.create(on: db)
            let userID = try user.requireID()
            for role in Role.allCases where roles.contains(role) {
                try await UserRoleRecord(userID: userID, role: role).create(on: db)
            }
            let created = AuditEntry(actor: actor, action: "user.create", recordType: "user", recordID: userID.uuidString,
                                     after: AuditLog.digest(UserSnapshot(user, roles: roles)),
                                     reason: "roles: " + Role.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ","))
            // Platform results loaded before the account had its number become its own now.
            guard user.idNumberSealed != nil else { return (user, [created]) }
            let linked = try await HolderLink.claim(for: userID, by: actor, on: db, cipher: cipher, at: now)
            return (user, [created] + linked)
        }
    }

    func setRoles(of user: UserRecord, to roles: Set<Role>, by actor: AuditActor, reason: String?) async throws {
        let userID = try user.requireID()
        let current = Set(try await UserRoleRecord.query(on: database).filter(\.$userID == userID).all().compactMap { Role(rawValue: $0.role) })
        guard current != roles else { return }
        try await audited { db in
            try await UserRoleRecord.query(on: db).filter(\.$userID == userID).delete()
            for role in Role.allCases where roles.contains(role) {
                try await UserRoleRecord(userID: userID, role: role).create(on: db)
            }
            return ((), [AuditEntry(actor: actor, action: "user.setRoles", recordType: "user", recordID: userID.uuidString,
                                    before: AuditLog.digest(UserSnapshot(user, roles: current)),
                                    after: AuditLog.digest(UserSnapshot(user, roles: roles)),
                                    reason: reason?.isEmpty == false ? reason : nil)])
        }
    }

    func roles(of userID: UUID) async throws -> Set<Role> {
        Set(try await UserRoleRecord.query(on: database).filter(\.$userID == userID).all().compactMap { Role(rawValue: $0.role) })
    }

    func facts(of user: UserRecord) async throws -> AccountFacts {
        var unit: UnitFacts?
        if let organisationID = user.organisationID {
            unit = try await OrganisationRecord.find(organisationID, on: database)?.facts
        }
        return AccountFacts(userID: try user.requireID(), unit: unit)
    }

    private func audited<T: Sendable>(_ change: @Sendable @escaping (any Database) async throws -> (T, [AuditEntry])) async throws -> T {
        try await AuditLog.write(on: database, gate: security.auditGate, clock: services.clock, change)
    }
}

/// What the audit digests of an organisation cover.
struct OrganisationSnapshot: Encodable {
    let id: UUID?, kind: String, nameZh: String, nameEn: String, creditCode: String?, supervisingID: UUID?
    let field: String?, contactPhone: String?, address: String?

    init(_ record: OrganisationRecord) {
        id = record.id; kind = record.kind; nameZh = record.nameZh; nameEn = record.nameEn
        creditCode = record.creditCode; supervisingID = record.supervisingID; field = record.field
        contactPhone = record.contactPhone; address = record.address
    }
}

/// What the audit digests of an account cover (sealed values, never the plain numbers).
struct UserSnapshot: Encodable {
    let id: UUID?, username: String, displayName: String, organisationID: UUID?, roles: [String]
    let idNumberSealed: String?, phoneSealed: String?, isDisabled: Bool

    init(_ record: UserRecord, roles: Set<Role>) {
        id = record.id; username = record.username; displayName = record.displayName
        organisationID = record.organisationID; self.roles = roles.map(\.rawValue).sorted()
        idNumberSealed = record.idNumberSealed; phoneSealed = record.phoneSealed; isDisabled = record.isDisabled
    }
}
