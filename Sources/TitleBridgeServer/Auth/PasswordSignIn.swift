import Fluent
import TitleBridgeCore
import Vapor

/// Checks a user name and password, counting failures: after `maxFailedSignIns` wrong
/// passwords in a row the account is locked for `lockoutMinutes`. Every attempt is audited.
/// A wrong password and an unknown user get the same answer, after the same bcrypt work.
struct PasswordSignIn {
    let request: Request

    enum Refusal: Error {
        case invalid
        case locked(until: Date)
    }

    func verify(username rawUsername: String, password: String) async throws -> UserRecord {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let database = request.db
        let clock = request.domain.clock
        let settings = request.security.settings
        let now = clock.now()
        func audit(_ entries: [AuditEntry], change: (@Sendable (any Database) async throws -> Void)? = nil) async throws {
            try await AuditLog.write(on: database, gate: request.security.auditGate, clock: clock) { db in
                try await change?(db)
                return ((), entries)
            }
        }
        let recordID = String(username.prefix(64))

        guard password.count <= PasswordRules.maximumLength,
              let user = try await UserRecord.query(on: database).filter(\.$username == username).first(),
              let hash = user.passwordHash, !user.isDisabled else {
            _ = try? await request.password.async.verify(password, created: request.security.decoyPasswordHash).get()
            try await audit([AuditEntry(actor: .anonymous, action: "signIn.failed", recordType: "user", recordID: recordID,
                                        reason: "unknown user or no password sign-in")])
            throw Refusal.invalid
        }
        let userID = try user.requireID().uuidString
        let actor = AuditActor(id: user.id, name: user.username, role: "anonymous")
        if let until = user.lockedUntil, until > now {
            try await audit([AuditEntry(actor: actor, action: "signIn.refused", recordType: "user", recordID: userID,
                                        reason: "account locked until \(AuditLog.timestamp(until))")])
            throw Refusal.locked(until: until)
        }
        if try await request.password.async.verify(password, created: hash).get() {
            let hadFailures = user.failedSignIns > 0 || user.lockedUntil != nil
            user.failedSignIns = 0
            user.lockedUntil = nil
            try await audit([AuditEntry(actor: actor, action: "signIn.succeeded", recordType: "user", recordID: userID)]) { db in
                if hadFailures { try await user.save(on: db) }
            }
            return user
        }
        // Counted inside the audited transaction on a fresh read, which the audit log's
        // serialisation orders: parallel guesses cannot lose a count and slip past the lock.
        let maximum = settings.maxFailedSignIns
        let lockout = Double(settings.lockoutMinutes) * 60
        let lockedUntil: Date? = try await AuditLog.write(on: database, gate: request.security.auditGate, clock: clock) { db in
            guard let fresh = try await UserRecord.find(user.id, on: db) else { return (nil, []) }
            fresh.failedSignIns += 1
            var entries = [AuditEntry(actor: actor, action: "signIn.failed", recordType: "user", recordID: userID,
                                      reason: "wrong password (\(fresh.failedSignIns) of \(maximum))")]
            var until: Date?
            if fresh.failedSignIns >= maximum {
                let end = now.addingTimeInterval(lockout)
                until = end
                fresh.lockedUntil = end
                fresh.failedSignIns = 0
                entries.append(AuditEntry(actor: .system(), action: "account.locked", recordType: "user", recordID: userID,
                                          reason: "\(maximum) failed sign-ins in a row; locked until \(AuditLog.timestamp(end))"))
            }
            try await fresh.save(on: db)
            return (until, entries)
        }
        if let lockedUntil { throw Refusal.locked(until: lockedUntil) }
        throw Refusal.invalid
    }

    /// The refusal as the person reads it: the same words for an unknown user and a wrong password.
    static func problem(for refusal: Refusal) -> APIProblem {
        switch refusal {
        case .invalid:
            return APIProblem(status: .unauthorized, code: "sign_in_failed", message: LocalizedText(
                zh: "用户名或密码不正确。", en: "The user name or password is not correct."), field: nil)
        case .locked(let until):
            let time = ShanghaiTime.clockText(until)
            return APIProblem(status: HTTPResponseStatus(statusCode: 423), code: "account_locked", message: LocalizedText(
                zh: "连续登录失败次数过多，账户已暂时锁定。请于北京时间 \(time) 后再试，或联系系统管理员。",
                en: "Too many failed sign-ins in a row: the account is locked for now. Try again after \(time) Beijing time, or contact the administrator."),
                field: nil)
        }
    }
}
