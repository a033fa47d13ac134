import Fluent
import SQLKit
import TitleBridgeCore
import Vapor

/// Checks a user name and password, counting failures: after `maxFailedSignIns` wrong
/// passwords in a row the account is locked for `lockoutMinutes`. Every attempt is audited.
/// A wrong password and an unknown user get the same answer, after the same bcrypt work.
///
/// Parallel attempts on one account cannot outrun the count. Before its password is checked,
/// an attempt reserves one of the account's places with a single conditional UPDATE, granted
/// only while the account is not locked and its failures plus the checks under way stay below
/// the maximum; an attempt that gets no place is answered without a check. So no more than
/// `maxFailedSignIns` wrong passwords are checked before the lock and none while it lasts, on
/// every instance sharing the database, and no sign-in succeeds while the account is locked.
/// The check itself runs on the blocking thread pool after the reservation's transaction has
/// ended, so it holds no database connection, and `PasswordCheckGate` bounds how many run at once.
struct PasswordSignIn {
    let request: Request

    enum Refusal: Error {
        case invalid
        case locked(until: Date)
        /// No password check could start: the account's places are taken by attempts under
        /// way, or this server's checks are all busy. Nothing was counted.
        case busy
    }

    /// How long a reserved place lasts when its attempt never reports back (the process
    /// stopped mid-check): far longer than a check and its waits, short enough not to keep an
    /// account's places taken for long.
    static let reservationSeconds: Double = 120
    /// The wait a busy answer suggests: places free up as soon as the checks under way end.
    static let retryAfterSeconds = 2

    func verify(username rawUsername: String, password: String) async throws -> UserRecord {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let database = request.db
        let clock = request.domain.clock
        let settings = request.security.settings
        let gate = request.security.auditGate
        let now = clock.now()
        func audit(_ entries: [AuditEntry]) async throws {
            try await AuditLog.record(entries, on: database, gate: gate, clock: clock)
        }
        guard password.count <= PasswordRules.maximumLength,
              let user = try await UserRecord.query(on: database).filter(\.$username == username).first(),
              let hash = user.passwordHash, !user.isDisabled else {
            let checked = try await check(password, against: request.security.decoyPasswordHash)
            // What was typed is kept only as the id of an account it names: people type passwords
            // into the user-name field, and the audit log keeps every row for good.
            let known = try await UserRecord.query(on: database).filter(\.$username == username).first()?.id
            if checked == nil {
                try await audit([AuditEntry(actor: .anonymous, action: "signIn.refused", recordType: "user",
                                            recordID: known?.uuidString ?? "unknown", reason: Self.busyReason)])
                throw Refusal.busy
            }
            try await audit([AuditEntry(actor: .anonymous, action: "signIn.failed", recordType: "user",
                                        recordID: known?.uuidString ?? "unknown", reason: "unknown user or no password sign-in")])
            throw Refusal.invalid
        }
        let id = try user.requireID()
        let userID = id.uuidString
        let actor = AuditActor(id: user.id, name: user.username, role: "anonymous")
        let maximum = settings.maxFailedSignIns
        let expires = now.addingTimeInterval(Self.reservationSeconds)

        // 1. A place for this check, or the reason there is none. The UPDATE comes first in its
        // transaction, so on SQLite the transaction writes from its start and never has to
        // upgrade a stale read.
        let refusal: Refusal? = try await AuditLog.write(on: database, gate: gate, clock: clock) { db in
            let sql = try Self.sql(db)
            // Places whose time is over were left by attempts that never reported back.
            let granted = try await sql.raw("""
                UPDATE users SET
                  password_checks_running = (CASE WHEN password_checks_expire_at IS NULL OR password_checks_expire_at <= \(bind: now)
                                             THEN 0 ELSE password_checks_running END) + 1,
                  password_checks_expire_at = \(bind: expires)
                WHERE id = \(bind: id)
                  AND (locked_until IS NULL OR locked_until <= \(bind: now))
                  AND failed_sign_ins + (CASE WHEN password_checks_expire_at IS NULL OR password_checks_expire_at <= \(bind: now)
                                         THEN 0 ELSE password_checks_running END) < \(bind: maximum)
                RETURNING id
                """).first()
            if granted != nil { return (nil, []) }
            if let until = try await UserRecord.find(id, on: db)?.lockedUntil, until > now {
                return (.locked(until: until), [AuditEntry(actor: actor, action: "signIn.refused", recordType: "user", recordID: userID,
                                                           reason: "account locked until \(AuditLog.timestamp(until))")])
            }
            return (.busy, [AuditEntry(actor: actor, action: "signIn.refused", recordType: "user", recordID: userID,
                                       reason: "the attempts under way could reach \(maximum) failures; password not checked")])
        }
        if let refusal { throw refusal }

        // 2. The check, holding no database connection.
        let checked: Bool?
        do {
            checked = try await check(password, against: hash)
        } catch {
            // The check did not run (the server is stopping): the place is given back, nothing counted.
            try? await release(id, actor: actor, reason: "password check did not run")
            throw error
        }
        guard let matches = checked else {
            try await release(id, actor: actor, reason: Self.busyReason)
            throw Refusal.busy
        }

        // 3. The outcome, on the account as it is now.
        let checkedAt = clock.now()
        if matches {
            let locked: Date? = try await AuditLog.write(on: database, gate: gate, clock: clock) { db in
                let sql = try Self.sql(db)
                let signedIn = try await sql.raw("""
                    UPDATE users SET failed_sign_ins = 0, locked_until = NULL,
                      password_checks_running = CASE WHEN password_checks_running > 0 THEN password_checks_running - 1 ELSE 0 END
                    WHERE id = \(bind: id) AND (locked_until IS NULL OR locked_until <= \(bind: checkedAt))
                    RETURNING id
                    """).first()
                if signedIn != nil {
                    return (nil, [AuditEntry(actor: actor, action: "signIn.succeeded", recordType: "user", recordID: userID)])
                }
                // Locked while this check ran (only when its place outlived its time): the lock holds.
                try await sql.raw("""
                    UPDATE users SET
                      password_checks_running = CASE WHEN password_checks_running > 0 THEN password_checks_running - 1 ELSE 0 END
                    WHERE id = \(bind: id)
                    """).run()
                let until = try await UserRecord.find(id, on: db)?.lockedUntil ?? checkedAt
                return (until, [AuditEntry(actor: actor, action: "signIn.refused", recordType: "user", recordID: userID,
                                           reason: "account locked until \(AuditLog.timestamp(until))")])
            }
            if let locked { throw Refusal.locked(until: locked) }
            user.failedSignIns = 0
            user.lockedUntil = nil
            return user
        }
        let lockout = Double(settings.lockoutMinutes) * 60
        let lockedUntil: Date? = try await AuditLog.write(on: database, gate: gate, clock: clock) { db in
            let sql = try Self.sql(db)
            let counted = try await sql.raw("""
                UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
                  password_checks_running = CASE WHEN password_checks_running > 0 THEN password_checks_running - 1 ELSE 0 END
                WHERE id = \(bind: id)
                RETURNING failed_sign_ins
                """).first()
            guard let failures = try counted?.decode(column: "failed_sign_ins", as: Int.self) else {
                return (nil, [AuditEntry(actor: actor, action: "signIn.failed", recordType: "user", recordID: userID,
                                         reason: "wrong password")])
            }
            var entries = [AuditEntry(actor: actor, action: "signIn.failed", recordType: "user", recordID: userID,
                                      reason: "wrong password (\(failures) of \(maximum))")]
            guard failures >= maximum else { return (nil, entries) }
            let end = checkedAt.addingTimeInterval(lockout)
            try await sql.raw("UPDATE users SET locked_until = \(bind: end), failed_sign_ins = 0 WHERE id = \(bind: id)").run()
            entries.append(AuditEntry(actor: .system(), action: "account.locked", recordType: "user", recordID: userID,
                                      reason: "\(maximum) failed sign-ins in a row; locked until \(AuditLog.timestamp(end))"))
            return (end, entries)
        }
        if let lockedUntil { throw Refusal.locked(until: lockedUntil) }
        throw Refusal.invalid
    }

    static let busyReason = "password checks busy; password not checked"

    /// bcrypt on the blocking thread pool, off the event loop, once the gate lets it start;
    /// nil when it could not start within the configured wait.
    private func check(_ password: String, against hash: String) async throws -> Bool? {
        let settings = request.security.settings
        let hasher = request.password.async
        return try await request.security.passwordChecks.run(
            capacity: settings.passwordChecksAtOnce, maximumWait: .seconds(settings.passwordCheckWaitSeconds)
        ) {
            try await hasher.verify(password, created: hash).get()
        }
    }

    /// Gives back a place whose check did not run; the attempt is audited as refused.
    private func release(_ id: UUID, actor: AuditActor, reason: String) async throws {
        try await AuditLog.write(on: request.db, gate: request.security.auditGate, clock: request.domain.clock) { db in
            try await Self.sql(db).raw("""
                UPDATE users SET
                  password_checks_running = CASE WHEN password_checks_running > 0 THEN password_checks_running - 1 ELSE 0 END
                WHERE id = \(bind: id)
                """).run()
            return ((), [AuditEntry(actor: actor, action: "signIn.refused", recordType: "user", recordID: id.uuidString,
                                    reason: reason)])
        }
    }

    private static func sql(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("sign-in needs an SQL database") }
        return sql
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
        case .busy:
            return APIProblem(status: .serviceUnavailable, code: "sign_in_busy", message: LocalizedText(
                zh: "登录请求较多，本次未核对密码，也未计入失败次数。请稍等几秒后再试。",
                en: "Too many sign-ins are being checked right now: your password was not checked and nothing was counted. Please try again in a few seconds."),
                field: nil, headers: ["Retry-After": String(retryAfterSeconds)])
        }
    }
}
