import Vapor

/// What sign-in, authorisation, personal data and the audit log need at run time.
struct SecurityServices: Sendable {
    let settings: SecuritySettings
    let cipher: PersonalDataCipher
    let auditGate: AsyncGate
    let openID: OpenIDClient?
    /// A bcrypt hash of a random password at the configured cost, checked when the user is
    /// unknown so that answer takes as long as a real account's.
    let decoyPasswordHash: String
    /// How many password checks run at once (`SecuritySettings.passwordChecksAtOnce`).
    var passwordChecks = PasswordCheckGate()
}

extension SecurityServices {
    /// The same services with another keyring (key rotation).
    func replacingCipher(_ cipher: PersonalDataCipher) -> SecurityServices {
        SecurityServices(settings: settings, cipher: cipher, auditGate: auditGate, openID: openID,
                         decoyPasswordHash: decoyPasswordHash, passwordChecks: passwordChecks)
    }
}

extension Application {
    private struct SecurityKey: StorageKey {
        typealias Value = SecurityServices
    }

    var security: SecurityServices {
        get {
            guard let services = storage[SecurityKey.self] else {
                fatalError("configure(_:config:services:) sets the security services before any route runs")
            }
            return services
        }
        set { storage[SecurityKey.self] = newValue }
    }
}

extension Request {
    var security: SecurityServices { application.security }
}
