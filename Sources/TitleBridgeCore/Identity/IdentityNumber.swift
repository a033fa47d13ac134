/// 证件类型 — identity documents an applicant may hold.
public enum IdentityDocumentKind: String, Codable, Sendable, CaseIterable {
    /// 居民身份证 (GB 11643-1999)
    case residentID
    /// 港澳台居民居住证 (same structure, prefixes 810000 / 820000 / 830000)
    case hkMacaoTaiwanResidencePermit
    /// 外国人永久居留身份证 (2023 edition: 18 digits starting 9; 2017 edition: 3 letters + 12 digits)
    case foreignPermanentResidentID
    /// 护照
    case passport
}

/// Why a number is refused.
public enum IdentityNumberProblem: String, Sendable, Equatable {
    /// Wrong length or characters for the document.
    case format
    /// The check character does not match (ISO 7064 MOD 11-2).
    case checkCharacter
    /// The birth date it carries is not a real day, or lies after `today`.
    case birthDate
    /// A resident-ID number whose region is that of a residence permit, or the other way round.
    case wrongDocument
}

/// What a valid number tells, where the document carries it.
public struct IdentityNumber: Sendable, Equatable {
    public let kind: IdentityDocumentKind
    /// Normalised: upper case, no spaces.
    public let normalized: String
    public let birthDate: LocalDate?

    /// Checks `text` as a number of `kind`. `today` bounds birth dates (Asia/Shanghai).
    public static func validate(_ text: String, as kind: IdentityDocumentKind, today: LocalDate) -> Result<IdentityNumber, IdentityNumberError> {
        let value = String(text.filter { !$0.isWhitespace }.uppercased())
        func fail(_ problem: IdentityNumberProblem) -> Result<IdentityNumber, IdentityNumberError> {
            .failure(IdentityNumberError(problem: problem))
        }
        let chars = Array(value.utf8)
        switch kind {
        case .residentID, .hkMacaoTaiwanResidencePermit:
            guard chars.count == 18, chars.prefix(17).allSatisfy(isDigit),
                  isDigit(chars[17]) || chars[17] == UInt8(ascii: "X"),
                  (UInt8(ascii: "1")...UInt8(ascii: "8")).contains(chars[0]) else { return fail(.format) }
            let permitRegion = ["810000", "820000", "830000"].contains(String(value.prefix(6)))
            if permitRegion != (kind == .hkMacaoTaiwanResidencePermit) { return fail(.wrongDocument) }
            guard mod11Check(chars) else { return fail(.checkCharacter) }
            guard let birth = date(chars, from: 6), birth <= today else { return fail(.birthDate) }
            return .success(IdentityNumber(kind: kind, normalized: value, birthDate: birth))

        case .foreignPermanentResidentID:
            if chars.count == 18 {
                guard chars[0] == UInt8(ascii: "9"), chars.prefix(17).allSatisfy(isDigit),
                      isDigit(chars[17]) || chars[17] == UInt8(ascii: "X") else { return fail(.format) }
                guard mod11Check(chars) else { return fail(.checkCharacter) }
                guard let birth = date(chars, from: 6), birth <= today else { return fail(.birthDate) }
                return .success(IdentityNumber(kind: kind, normalized: value, birthDate: birth))
            }
            // 2017 edition: nationality (ISO 3166 alpha-3) and 12 digits; only the form is public.
            guard chars.count == 15, chars.prefix(3).allSatisfy(isUpperLetter), chars.dropFirst(3).allSatisfy(isDigit) else {
                return fail(.format)
            }
            return .success(IdentityNumber(kind: kind, normalized: value, birthDate: nil))

        case .passport:
            guard (5...20).contains(chars.count), chars.allSatisfy({ isDigit($0) || isUpperLetter($0) }) else {
                return fail(.format)
            }
            return .success(IdentityNumber(kind: kind, normalized: value, birthDate: nil))
        }
    }

    /// ISO 7064 MOD 11-2 over 17 digits, check character `0`–`9` or `X`.
    static func mod11Check(_ chars: [UInt8]) -> Bool {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for index in 0..<17 { sum += Int(chars[index] - UInt8(ascii: "0")) * weights[index] }
        let expected = Array("10X98765432".utf8)[sum % 11]
        return chars[17] == expected
    }

    static func date(_ chars: [UInt8], from start: Int) -> LocalDate? {
        func number(_ range: Range<Int>) -> Int {
            range.reduce(0) { $0 * 10 + Int(chars[$1] - UInt8(ascii: "0")) }
        }
        return LocalDate(year: number(start..<(start + 4)), month: number((start + 4)..<(start + 6)),
                         day: number((start + 6)..<(start + 8)))
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isUpperLetter(_ c: UInt8) -> Bool { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") }

    /// Shown masked to those who need not see it whole: `3101**********123X`.
    public var masked: String { Masking.identityNumber(normalized) }
}

public struct IdentityNumberError: Error, Sendable, Equatable {
    public let problem: IdentityNumberProblem

    public init(problem: IdentityNumberProblem) {
        self.problem = problem
    }

    public var message: LocalizedText {
        switch problem {
        case .format: LocalizedText(zh: "证件号码格式不正确。", en: "The number does not have the form of this document.")
        case .checkCharacter: LocalizedText(zh: "证件号码校验位不正确，请核对。", en: "The number's check character is wrong; please check it.")
        case .birthDate: LocalizedText(zh: "证件号码中的出生日期不存在。", en: "The birth date inside the number is not a real date.")
        case .wrongDocument: LocalizedText(zh: "号码与所选证件类型不符。", en: "The number belongs to another kind of document.")
        }
    }
}

extension IdentityDocumentKind {
    public var name: LocalizedText {
        switch self {
        case .residentID: LocalizedText(zh: "居民身份证", en: "Resident identity card")
        case .hkMacaoTaiwanResidencePermit: LocalizedText(zh: "港澳台居民居住证", en: "Residence permit (Hong Kong, Macao, Taiwan)")
        case .foreignPermanentResidentID: LocalizedText(zh: "外国人永久居留身份证", en: "Foreign permanent resident ID card")
        case .passport: LocalizedText(zh: "护照", en: "Passport")
        }
    }
}
