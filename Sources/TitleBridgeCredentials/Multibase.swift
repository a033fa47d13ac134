/// Multibase base58-btc (`z…`), the encoding Data Integrity proofs and did:key use for keys
/// and signatures.
public enum Multibase {
    private static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let values: [UInt8: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    /// `z` followed by the base58-btc form of `bytes`.
    public static func encodeBase58btc(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        var digits: [Int] = []
        for byte in bytes.dropFirst(zeros) {
            var carry = Int(byte)
            for index in digits.indices {
                carry += digits[index] << 8
                digits[index] = carry % 58
                carry /= 58
            }
            while carry > 0 {
                digits.append(carry % 58)
                carry /= 58
            }
        }
        let text = String(repeating: "1", count: zeros) + String(decoding: digits.reversed().map { alphabet[$0] }, as: UTF8.self)
        return "z" + text
    }

    /// The bytes of a `z…` string; nil for another base or a character outside the alphabet.
    public static func decodeBase58btc(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.first == UInt8(ascii: "z") else { return nil }
        let body = utf8.dropFirst()
        let zeros = body.prefix { $0 == UInt8(ascii: "1") }.count
        var bytes: [UInt8] = []
        for character in body.dropFirst(zeros) {
            guard var carry = values[character] else { return nil }
            for index in bytes.indices {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xff))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }
}
