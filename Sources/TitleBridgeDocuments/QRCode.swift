/// A QR code (ISO/IEC 18004) of a short text, byte mode, error correction level M, the
/// smallest version from 1 to 6 that holds it — enough for an acceptance number, which the
/// bureau scans when the printed files arrive. Written out here because the form is drawn
/// by this package's own PDF writer and needs only the module matrix.
public struct QRCode: Sendable, Equatable {
    /// Modules per side (21 for version 1, +4 per version).
    public let size: Int
    public let version: Int
    /// Row-major: `modules[row][column]`, true is dark.
    public let modules: [[Bool]]

    public enum Failure: Error, Equatable {
        case tooLong(bytes: Int)
    }

    /// Level M: error-correction codewords per block, and the data codewords of each block.
    static let blocks: [(ec: Int, data: [Int])] = [
        (10, [16]), (16, [28]), (26, [44]), (18, [32, 32]), (24, [43, 43]), (16, [27, 27, 27, 27]),
    ]

    public init(_ text: String) throws(Failure) {
        let bytes = Array(text.utf8)
        guard let version = (1...Self.blocks.count).first(where: { Self.capacity($0) >= Self.bitsNeeded(bytes) }) else {
            throw .tooLong(bytes: bytes.count)
        }
        self.version = version
        size = version * 4 + 17
        var matrix = Matrix(size: size)
        matrix.drawFunctionPatterns(version: version)
        let codewords = Self.codewords(bytes, version: version)
        matrix.place(codewords)
        // Every mask gives a valid code; the standard's penalty picks the easiest to read.
        var best: (penalty: Int, matrix: Matrix)?
        for mask in 0..<8 {
            var candidate = matrix
            candidate.apply(mask: mask)
            candidate.drawFormat(mask: mask)
            let penalty = candidate.penalty()
            if best == nil || penalty < best?.penalty ?? Int.max { best = (penalty, candidate) }
        }
        modules = best?.matrix.dark ?? matrix.dark
    }

    /// Text beyond ASCII is declared UTF-8 by an ECI header (designator 26), so scanners do not
    /// guess another encoding.
    static func needsECI(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 >= 0x80 } }

    static func bitsNeeded(_ bytes: [UInt8]) -> Int { (needsECI(bytes) ? 12 : 0) + 4 + 8 + bytes.count * 8 }
    static func capacity(_ version: Int) -> Int { blocks[version - 1].data.reduce(0, +) * 8 }

    /// Mode, count, data, terminator and padding, split into blocks with their error
    /// correction, interleaved as the standard orders them.
    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
        }
        if needsECI(bytes) {
            append(0b0111, 4)
            append(26, 8)
        }
        append(0b0100, 4)
        append(bytes.count, 8)
        for byte in bytes { append(Int(byte), 8) }
        let capacity = capacity(version)
        append(0, min(4, capacity - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { ($0 << 1) | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count * 8 < capacity {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        let layout = blocks[version - 1]
        let divisor = ReedSolomon.divisor(degree: layout.ec)
        var offset = 0
        var dataBlocks: [[UInt8]] = [], ecBlocks: [[UInt8]] = []
        for length in layout.data {
            let block = Array(data[offset..<offset + length])
            offset += length
            dataBlocks.append(block)
            ecBlocks.append(ReedSolomon.remainder(block, divisor: divisor))
        }
        var result: [UInt8] = []
        for index in 0..<(layout.data.max() ?? 0) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.ec {
            for block in ecBlocks { result.append(block[index]) }
        }
        return result
    }
}

/// Reed–Solomon over GF(2⁸) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for shift in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> shift) & 1) * Int(x)
        }
        return UInt8(z & 0xFF)
    }

    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}

/// The module grid while it is drawn: which modules are dark, which belong to function patterns.
struct Matrix {
    let size: Int
    var dark: [[Bool]]
    var function: [[Bool]]

    init(size: Int) {
        self.size = size
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        function = dark
    }

    mutating func set(row: Int, column: Int, _ value: Bool) {
        dark[row][column] = value
        function[row][column] = true
    }

    mutating func drawFunctionPatterns(version: Int) {
        for index in 0..<size {
            set(row: 6, column: index, index % 2 == 0)
            set(row: index, column: 6, index % 2 == 0)
        }
        for (row, column) in [(3, 3), (3, size - 4), (size - 4, 3)] {
            for dy in -4...4 {
                for dx in -4...4 where (0..<size).contains(row + dy) && (0..<size).contains(column + dx) {
                    let distance = max(abs(dx), abs(dy))
                    set(row: row + dy, column: column + dx, distance != 2 && distance != 4)
                }
            }
        }
        // Versions 2–6 have one alignment pattern, at the bottom-right.
        if version >= 2 {
            let centre = size - 7
            for dy in -2...2 {
                for dx in -2...2 { set(row: centre + dy, column: centre + dx, max(abs(dx), abs(dy)) != 1) }
            }
        }
        drawFormat(mask: 0)
    }

    /// Format information (level M and the mask) in its two copies, and the dark module.
    mutating func drawFormat(mask: Int) {
        let data = (0b00 << 3) | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = ((data << 10) | remainder) ^ 0x5412
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { set(row: index, column: 8, bit(index)) }
        set(row: 7, column: 8, bit(6))
        set(row: 8, column: 8, bit(7))
        set(row: 8, column: 7, bit(8))
        for index in 9..<15 { set(row: 8, column: 14 - index, bit(index)) }
        for index in 0..<8 { set(row: 8, column: size - 1 - index, bit(index)) }
        for index in 8..<15 { set(row: size - 15 + index, column: 8, bit(index)) }
        set(row: size - 8, column: 8, true)
    }

    /// The codewords in the standard's zigzag, two columns at a time from the bottom right.
    mutating func place(_ codewords: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                for offset in 0..<2 {
                    let column = right - offset
                    let upward = (right + 1) & 2 == 0
                    let row = upward ? size - 1 - step : step
                    guard !function[row][column], index < codewords.count * 8 else { continue }
                    dark[row][column] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                    index += 1
                }
            }
            right -= 2
        }
    }

    mutating func apply(mask: Int) {
        for row in 0..<size {
            for column in 0..<size where !function[row][column] {
                let flip: Bool = switch mask {
                case 0: (row + column) % 2 == 0
                case 1: row % 2 == 0
                case 2: column % 3 == 0
                case 3: (row + column) % 3 == 0
                case 4: (row / 2 + column / 3) % 2 == 0
                case 5: (row * column) % 2 + (row * column) % 3 == 0
                case 6: ((row * column) % 2 + (row * column) % 3) % 2 == 0
                default: ((row + column) % 2 + (row * column) % 3) % 2 == 0
                }
                if flip { dark[row][column].toggle() }
            }
        }
    }

    /// The standard's four penalty rules: runs, blocks, finder-like patterns, balance.
    func penalty() -> Int {
        // Runs for every mask of every code: one flat copy of the modules, read in place.
        let flat = dark.flatMap { $0 }
        return flat.withUnsafeBufferPointer { modules in
            var total = 0
            // A finder-like run with four light modules on either side (1:1:3:1:1 and 4 light), as
            // the last 11 modules of a line read as bits: 10111010000 and 00001011101.
            let finderThenLight: UInt16 = 0b101_1101_0000, lightThenFinder: UInt16 = 0b000_0101_1101
            // Rows (step 1 along a row) then columns (step `size` down a column).
            for (lineStep, moduleStep) in [(size, 1), (1, size)] {
                for line in 0..<size {
                    let origin = line * lineStep
                    var run = 1
                    var window: UInt16 = modules[origin] ? 1 : 0
                    for index in 1..<size {
                        let value = modules[origin + index * moduleStep]
                        if value == modules[origin + (index - 1) * moduleStep] {
                            run += 1
                        } else {
                            if run >= 5 { total += run - 2 }
                            run = 1
                        }
                        window = ((window << 1) | (value ? 1 : 0)) & 0x7FF
                        if index >= 10, window == finderThenLight || window == lightThenFinder { total += 40 }
                    }
                    if run >= 5 { total += run - 2 }
                }
            }
            var darkCount = 0
            for row in 0..<size {
                for column in 0..<size {
                    let value = modules[row * size + column]
                    if value { darkCount += 1 }
                    if row < size - 1, column < size - 1, modules[row * size + column + 1] == value,
                       modules[(row + 1) * size + column] == value, modules[(row + 1) * size + column + 1] == value { total += 3 }
                }
            }
            let percent = darkCount * 100 / (size * size)
            total += abs(percent - 50) / 5 * 10
            return total
        }
    }
}
