import TitleBridgeCore
import Vapor

/// The ID number of an application file as one viewer may see it: whole to those
/// `RecordAccess.seesWholePersonalData` names (the applicant, the bureau, the verifier), masked
/// for everyone else (the employer, the supervising department, the administrator). The API's
/// answer and the printed assessment form both take the number from here, so they cannot
/// disagree about who sees what.
struct ShownIdentityNumber: Sendable, Equatable {
    let text: String
    /// True when `text` is masked for this viewer.
    let masked: Bool

    /// Nil when the file holds no number yet, or its number does not open with the configured
    /// keys (the form then prints "—").
    static func of(_ record: ApplicationRecord, viewer: Actor, cipher: PersonalDataCipher) -> ShownIdentityNumber? {
        guard let sealed = record.idNumberSealed, let id = record.id,
              let whole = try? cipher.open(sealed, in: .applicationIDNumber, row: id) else { return nil }
        let seesWhole = RecordAccess.seesWholePersonalData(ownedBy: record.applicantID, actor: viewer)
        return ShownIdentityNumber(text: seesWhole ? whole : Masking.identityNumber(whole), masked: !seesWhole)
    }
}
