import Crypto
import Foundation

/// Checks a certificate credential step by step, each with its own result, as the public
/// verification page, the API and `titlebridge verify` show them: its format, its signature,
/// its issuer, its validity, its status.
public enum CredentialVerifier {
    public enum Step: String, Sendable, CaseIterable {
        case format, signature, issuer, validity, status
    }

    public enum Result: String, Sendable, Equatable {
        case passed, failed
        /// Not checked: an earlier step failed, or (status) no list was given.
        case notChecked
        /// Status only: the certificate's bit is set in the revocation list.
        case revoked
    }

    public struct Report: Sendable, Equatable {
        public let steps: [(Step, Result)]

        public static func == (lhs: Report, rhs: Report) -> Bool {
            lhs.steps.map(\.0) == rhs.steps.map(\.0) && lhs.steps.map(\.1) == rhs.steps.map(\.1)
        }

        public func result(of step: Step) -> Result {
            steps.first { $0.0 == step }?.1 ?? .notChecked
        }

        /// Valid: every step passed, the status included (a status not checked is not valid).
        public var isValid: Bool { steps.allSatisfy { $0.1 == .passed } }
        public var isRevoked: Bool { result(of: .status) == .revoked }
    }

    /// `publicKey` resolves a verification method (`<issuer>#<key>`) to its key, retired keys
    /// included; `statusList` is the issuer's current list, checked signed by the caller (or nil
    /// when it could not be had); `now` is an RFC 3339 instant, compared as text in UTC (`Z`).
    public static func verify(_ credential: JSONValue, publicKey: (String) -> Curve25519.Signing.PublicKey?,
                              statusList: BitstringStatusList?, now: String) -> Report {
        var steps: [(Step, Result)] = []
        func finish(failing step: Step) -> Report {
            steps.append((step, .failed))
            for rest in Step.allCases.drop(while: { $0 != step }).dropFirst() { steps.append((rest, .notChecked)) }
            return Report(steps: steps)
        }

        // Format: a VC 2.0 credential of this kind, with its proof and its status entry.
        guard case .array(let contexts)? = credential["@context"], contexts.first?.stringValue == TitleCredential.credentialsContext,
              case .array(let types)? = credential["type"], types.contains(.string("VerifiableCredential")),
              let issuer = credential["issuer"]?.stringValue, let validFrom = credential["validFrom"]?.stringValue,
              case .object? = credential["credentialSubject"],
              let method = credential["proof"]?["verificationMethod"]?.stringValue else { return finish(failing: .format) }
        steps.append((.format, .passed))

        // Signature: the proof verifies with the key its method names.
        guard let key = publicKey(method), (try? EddsaJcs2022.verify(credential, publicKey: key)) != nil else {
            return finish(failing: .signature)
        }
        steps.append((.signature, .passed))

        // Issuer: the signing key is one of the issuer's own (its controller document's).
        guard method.hasPrefix(issuer + "#") else { return finish(failing: .issuer) }
        steps.append((.issuer, .passed))

        // Validity: from `validFrom`, until `validUntil` when there is one.
        let until = credential["validUntil"]?.stringValue
        guard validFrom <= now, until.map({ now <= $0 }) ?? true else { return finish(failing: .validity) }
        steps.append((.validity, .passed))

        // Status: the certificate's bit in the revocation list.
        guard let list = statusList else {
            steps.append((.status, .notChecked))
            return Report(steps: steps)
        }
        guard let entry = credential["credentialStatus"], entry["type"]?.stringValue == "BitstringStatusListEntry",
              let index = entry["statusListIndex"]?.stringValue.flatMap(Int.init), index >= 0, index < list.count else {
            steps.append((.status, .failed))
            return Report(steps: steps)
        }
        steps.append((.status, list[index] ? .revoked : .passed))
        return Report(steps: steps)
    }
}
