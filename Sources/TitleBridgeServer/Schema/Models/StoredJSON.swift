import Foundation

extension JSONEncoder {
    /// Stable output for stored JSON (digests and diffs stay comparable).
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
