import Foundation
import NIOCore
import Vapor
import VaporTesting

/// A multipart/form-data body as a browser sends a form with files.
struct Multipart {
    struct FilePart {
        let name: String
        let data: Data
        var contentType = "application/octet-stream"
    }

    let boundary = "----TitleBridgeTest" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
    var fields: [String: String] = [:]
    var files: [String: FilePart] = [:]

    var body: Data {
        var data = Data()
        func line(_ text: String) { data.append(Data((text + "\r\n").utf8)) }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            line("--" + boundary)
            line("Content-Disposition: form-data; name=\"\(name)\"")
            line("")
            line(value)
        }
        for (name, file) in files.sorted(by: { $0.key < $1.key }) {
            line("--" + boundary)
            line("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(file.name)\"")
            line("Content-Type: \(file.contentType)")
            line("")
            data.append(file.data)
            line("")
        }
        line("--" + boundary + "--")
        return data
    }

    func apply(to request: inout TestingHTTPRequest) {
        request.headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
        request.body = ByteBuffer(data: body)
    }
}

/// Bytes that are what their names say, and one that is not.
enum SampleFiles {
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    /// A whole 1×1 PNG (signature, IHDR, IDAT, IEND).
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
                           0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
                           0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
                           0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
                           0x42, 0x60, 0x82])
    /// An ELF executable's first bytes, uploaded under a `.pdf` name.
    static let executable = Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + Array(repeating: 0, count: 56))
}
