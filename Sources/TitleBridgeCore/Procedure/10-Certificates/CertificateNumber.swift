/// 证书编号 — the number of an electronic title certificate: `SHZC-2024B2-00001` (上海职称, the
/// batch, the order of issue). Drawn from a gap-free sequence of the batch inside the
/// transaction that issues the certificate, so a number is never given twice, and a revoked
/// certificate keeps its number for ever.
public enum CertificateNumber {
    public static func format(batchCode: String, sequence: Int) -> String {
        let digits = String(sequence)
        return "SHZC-\(batchCode)-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    public static func sequenceName(batchCode: String) -> String { "certificate-\(batchCode)" }

    /// What a person typed, as stored (case and spaces do not matter); nil when it cannot be one.
    public static func normalised(_ typed: String) -> String? {
        let text = typed.uppercased().filter { !$0.isWhitespace }
        guard text.count <= 40, text.hasPrefix("SHZC-"),
              text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        return text
    }
}
