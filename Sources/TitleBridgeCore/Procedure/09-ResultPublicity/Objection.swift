/// 异议 — an objection to a person on the result list. Secondary sources say objections are
/// 实名、书面 and made within the publicity (FACTS.md §2, low certainty); the system follows
/// them: a real name and a way to reach the objector are required, reasons in writing, taken
/// only while the period runs (`ResultPublicityPlan.Period.isOpen`).
public struct ObjectionForm: Sendable, Equatable {
    public var name: String
    public var contact: String
    public var reasons: String
    public var evidence: String

    public init(name: String, contact: String, reasons: String, evidence: String) {
        self.name = name
        self.contact = contact
        self.reasons = reasons
        self.evidence = evidence
    }

    public static let nameLimit = 50
    public static let contactLimit = 100
    public static let reasonsMinimum = 10
    public static let textLimit = 2000

    /// The form with its texts trimmed, or the first problem (limits are told, never cut).
    public func checked() throws(ProfileError) -> ObjectionForm {
        func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
        let form = ObjectionForm(name: trimmed(name), contact: trimmed(contact), reasons: trimmed(reasons), evidence: trimmed(evidence))
        let rows: [(String, String, LocalizedText, Int, Int)] = [
            ("name", form.name, LocalizedText(zh: "真实姓名", en: "your real name"), 1, Self.nameLimit),
            ("contact", form.contact, LocalizedText(zh: "联系方式", en: "a way to reach you"), 1, Self.contactLimit),
            ("reasons", form.reasons, LocalizedText(zh: "异议理由", en: "the reasons"), Self.reasonsMinimum, Self.textLimit),
            ("evidence", form.evidence, LocalizedText(zh: "证据或线索", en: "the evidence"), 0, Self.textLimit),
        ]
        for (field, text, what, minimum, limit) in rows {
            if text.isEmpty, minimum > 0 {
                throw ProfileError(code: "\(field)_required", field: field, message: LocalizedText(
                    zh: "请填写\(what.zh)（异议须实名、书面提出）。", en: "Give \(what.en) (objections are made in writing, under a real name)."))
            }
            if text.count < minimum {
                throw ProfileError(code: "\(field)_too_short", field: field, message: LocalizedText(
                    zh: "\(what.zh)至少 \(minimum) 字，现为 \(text.count) 字：请写明具体事实。",
                    en: "Write at least \(minimum) characters for \(what.en) (now \(text.count)): state the facts."))
            }
            if text.count > limit {
                throw ProfileError(code: "\(field)_too_long", field: field, message: LocalizedText(
                    zh: "\(what.zh)不能超过 \(limit) 字，现为 \(text.count) 字。",
                    en: "\(what.en.prefix(1).uppercased() + what.en.dropFirst()) can be at most \(limit) characters; it has \(text.count)."))
            }
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
                throw ProfileError(code: "\(field)_control", field: field, message: LocalizedText(
                    zh: "\(what.zh)含有无法显示的控制字符，请删除后重新提交。",
                    en: "\(what.en.prefix(1).uppercased() + what.en.dropFirst()) holds control characters that cannot be shown; remove them and send it again."))
            }
        }
        return form
    }
}

/// How the bureau ends an objection.
public enum ObjectionOutcome: String, Codable, Sendable, CaseIterable {
    /// 待核实 — not yet looked into; the file's certificate waits.
    case open
    /// 异议不成立 — dismissed, with the reason.
    case dismissed
    /// 异议成立 — upheld: the person leaves the list and the file is not recognised.
    case upheld

    public var name: LocalizedText {
        switch self {
        case .open: LocalizedText(zh: "核实中", en: "Being looked into")
        case .dismissed: LocalizedText(zh: "异议不成立", en: "Dismissed")
        case .upheld: LocalizedText(zh: "异议成立", en: "Upheld")
        }
    }

    public static let reasonLimit = 2000

    /// The bureau's ruling needs its reason: the objector and, when upheld, the applicant read it.
    public static func checkedReason(_ text: String?) throws(ProfileError) -> String {
        let reason = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 5 else {
            throw ProfileError(code: "reason_required", field: "reason", message: LocalizedText(
                zh: "请写明核实结论的理由（至少 5 字）。", en: "Write the reason for the ruling (at least 5 characters)."))
        }
        guard reason.count <= reasonLimit else {
            throw ProfileError(code: "reason_too_long", field: "reason", message: LocalizedText(
                zh: "理由不能超过 \(reasonLimit) 字，现为 \(reason.count) 字。",
                en: "The reason can be at most \(reasonLimit) characters; it has \(reason.count)."))
        }
        return reason
    }
}

/// 异议回执号 — the receipt an objector looks the outcome up with. Random, not counted, so no
/// one can walk through other people's objections: 12 characters of Crockford's base-32
/// (no I, L, O, U), shown in groups of four after `YY-`.
public enum ObjectionReceipt {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A receipt from 12 random bytes (each gives one character).
    public static func make(random bytes: [UInt8]) -> String {
        let characters = bytes.prefix(12).map { alphabet[Int($0) % 32] }
        let text = String(characters)
        return "YY-" + stride(from: 0, to: text.count, by: 4).map { offset in
            let start = text.index(text.startIndex, offsetBy: offset)
            return String(text[start..<text.index(start, offsetBy: min(4, text.count - offset))])
        }.joined(separator: "-")
    }

    /// What a person typed, in the stored form; nil when it cannot be a receipt. Case, spaces
    /// and dashes do not matter, and the letters people confuse with digits are read as them.
    public static func normalised(_ typed: String) -> String? {
        var body = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        if body.hasPrefix("YY") { body.removeFirst(2) }
        let mapped = body.map { character -> Character in
            switch character {
            case "O": "0"
            case "I", "L": "1"
            default: character
            }
        }
        guard mapped.count == 12, mapped.allSatisfy(alphabet.contains) else { return nil }
        return make(random: mapped.compactMap { character in alphabet.firstIndex(of: character).map(UInt8.init) })
    }
}
