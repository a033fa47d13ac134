import CGzip
import Foundation

/// W3C Bitstring Status List v1.0: one bit per credential, set when its status (revocation)
/// applies. The list travels as `encodedList` — the bitstring gzip-compressed, in multibase
/// base64url without padding (`u…`). Index 0 is the first byte's most significant bit.
public struct BitstringStatusList: Sendable, Equatable {
    /// The smallest list the specification allows (16 KB), so one entry reveals little about
    /// how many credentials there are (group privacy, §6.1).
    public static let minimumBits = 131_072

    public private(set) var bytes: [UInt8]

    public init(bits: Int = minimumBits) {
        bytes = [UInt8](repeating: 0, count: (max(bits, Self.minimumBits) + 7) / 8)
    }

    public var count: Int { bytes.count * 8 }

    public subscript(index: Int) -> Bool {
        get { bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0 }
        set {
            let mask: UInt8 = 0x80 >> UInt8(index % 8)
            if newValue { bytes[index / 8] |= mask } else { bytes[index / 8] &= ~mask }
        }
    }

    public enum Failure: Error, Equatable, Sendable {
        case notBase64url, notGzip, tooShort, compression
    }

    /// `u` + base64url(gzip(bitstring)), as zlib writes gzip at its default level.
    public func encoded() throws -> String {
        "u" + Self.base64url(try Self.gzip(bytes))
    }

    /// Reads an `encodedList`; refuses another multibase, a broken gzip and a list shorter than 16 KB.
    public init(encoded text: String) throws {
        guard text.first == "u", let compressed = Self.base64urlDecoded(String(text.dropFirst())) else { throw Failure.notBase64url }
        let raw = try Self.gunzip(compressed)
        guard raw.count * 8 >= Self.minimumBits else { throw Failure.tooShort }
        bytes = raw
    }

    // MARK: base64url (RFC 4648 §5, no padding)

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func base64urlDecoded(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map(Array.init)
    }

    // MARK: gzip through zlib

    /// windowBits 15 + 16 asks zlib for the gzip wrapper (no name, no time, OS of the build).
    private static let gzipWindow: Int32 = 15 + 16

    static func gzip(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzipWindow, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Failure.compression }
        defer { deflateEnd(&stream) }
        var source = input
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        let written: Int = try source.withUnsafeMutableBufferPointer { inBuffer in
            try output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { throw Failure.compression }
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(written))
    }

    static func gunzip(_ input: [UInt8]) throws -> [UInt8] {
        guard input.count >= 18, input[0] == 0x1F, input[1] == 0x8B else { throw Failure.notGzip }
        var stream = z_stream()
        guard inflateInit2_(&stream, gzipWindow, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Failure.notGzip }
        defer { inflateEnd(&stream) }
        var source = input
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        try source.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            var status: Int32 = Z_OK
            while status != Z_STREAM_END {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else { throw Failure.notGzip }
                result += chunk.prefix(produced)
                // A status list is kilobytes, never megabytes: stop a compression bomb early.
                guard result.count <= 16 * 1024 * 1024 else { throw Failure.notGzip }
                if status == Z_OK, produced == 0, stream.avail_in == 0 { throw Failure.notGzip }
            }
        }
        return result
    }
}
