/// 查验 — where a certificate verification stands.
public enum VerificationStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for a verifier.
    case submitted
    /// Passed on a recorded day, with a verification number.
    case passed
    /// Did not pass; the reason is recorded.
    case failed

    public var name: LocalizedText {
        switch self {
        case .submitted: LocalizedText(zh: "待查验", en: "Waiting for verification")
        case .passed: LocalizedText(zh: "查验通过", en: "Passed")
        case .failed: LocalizedText(zh: "查验未通过", en: "Did not pass")
        }
    }
}

/// The rules of 四(一) as the verification step applies them.
public enum VerificationRules {
    /// 查验编号: `CV` + the year it passed + a six-digit number within that year,
    /// e.g. `CV2024-000042`.
    public static func number(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "CV\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The name of the counter the numbers of `year` come from.
    public static func sequenceName(year: Int) -> String { "verification-\(year)" }

    /// Why a request's dates cannot be right, or nil: issued by `today`, expiring after issue.
    public static func requestProblem(issuedOn: LocalDate, expiresOn: LocalDate?, today: LocalDate) -> (field: String, message: LocalizedText)? {
        if issuedOn > today {
            return ("issuedOn", LocalizedText(zh: "发证日期不能晚于今天。", en: "The issue date cannot be after today."))
        }
        if let expiresOn, expiresOn < issuedOn {
            return ("expiresOn", LocalizedText(zh: "有效期截止日不能早于发证日期。", en: "The expiry date cannot be before the issue date."))
        }
        return nil
    }

    /// Why the certificate cannot pass on `day`, or nil. An expired certificate cannot pass:
    /// a certificate valid through its expiry day still passes on that day.
    public static func passProblem(expiresOn: LocalDate?, on day: LocalDate) -> LocalizedText? {
        guard let expiresOn, expiresOn < day else { return nil }
        return LocalizedText(zh: "证书已于\(DateText.long(expiresOn, in: .zh))过期，不能通过查验。",
                             en: "The certificate expired on \(DateText.long(expiresOn, in: .en)) and cannot pass verification.")
    }
}
