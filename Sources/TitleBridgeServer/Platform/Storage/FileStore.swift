import Crypto
import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// Uploaded files, content-addressed on disk (`files/ab/abcdef…` by SHA-256): the same bytes
/// are kept once however often they are uploaded. Only PDF, JPEG and PNG are taken, known by
/// their first bytes, never by their name; a file is refused before anything is written.
public struct FileStore: Sendable {
    let root: URL
    let maximumSize: Int

    static let defaultMaximumSize = 10 * 1024 * 1024

    init(dataDirectory: String, maximumSize: Int = FileStore.defaultMaximumSize) {
        root = URL(fileURLWithPath: dataDirectory).appendingPathComponent("files")
        self.maximumSize = maximumSize
    }

    /// The name an upload is shown under: the last part of what the browser sent (a path's
    /// folders, on either kind of system, are dropped), without control characters, at most
    /// 200 characters. Only ever shown; the bytes are stored under their digest.
    static func displayName(_ sent: String) -> String {
        let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { $0.properties.generalCategory != .control }))
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty || clean == "." || clean == ".." ? "upload" : String(clean.prefix(200))
    }

    /// The media type the bytes are, if one we accept.
    static func sniff(_ data: Data) -> String? {
        if data.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    /// Checks and stores an upload; the row is created on `database` (inside the caller's
    /// transaction when there is one).
    func store(_ data: Data, name: String, field: String, owner: UUID, on database: any Database,
               clock: any WallClock) async throws -> UploadedFileRecord {
        guard !data.isEmpty else {
            throw APIProblem.badInput(code: "file_required", field: field, LocalizedText(zh: "请选择要上传的文件。", en: "Choose a file to upload."))
        }
        guard data.count <= maximumSize else {
            throw APIProblem(status: .payloadTooLarge, code: "file_too_large", message: LocalizedText(
                zh: "文件不能超过 \(maximumSize / 1024 / 1024) MB。", en: "A file can be at most \(maximumSize / 1024 / 1024) MB."), field: field)
        }
        guard let mediaType = Self.sniff(data) else {
            throw APIProblem(status: .unsupportedMediaType, code: "file_type", message: LocalizedText(
                zh: "只接受 PDF、JPEG 或 PNG 文件（按文件内容判断，而非文件名）。",
                en: "Only PDF, JPEG or PNG files are accepted (judged by their content, not their name)."), field: field)
        }
        guard Self.isWhole(data, mediaType: mediaType) else {
            throw APIProblem.badInput(code: "file_damaged", field: field, LocalizedText(
                zh: "文件不完整或已损坏（例如下载或扫描中断），请重新导出或扫描后再上传。",
                en: "The file is incomplete or damaged (a download or scan cut short, perhaps); export or scan it again and upload that."))
        }
        let digest = SHA256.hash(data: data).hexString
        let url = path(of: digest)
        if !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        } else {
            // Fresh again: the orphan sweep spares bytes written (or named anew) lately.
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: url.path)
        }
        let record = UploadedFileRecord()
        record.sha256 = digest
        record.mediaType = mediaType
        record.size = data.count
        record.originalName = Self.displayName(name)
        record.ownerID = owner
        record.createdAt = clock.now()
        try await record.create(on: database)
        return record
    }

    /// Whether the file ends as its kind must: a PDF with its `%%EOF` marker, a PNG with its
    /// `IEND` chunk, a JPEG with its end-of-image marker — near the end, where a file cut short
    /// loses them. A reviewer could not open the rest.
    static func isWhole(_ data: Data, mediaType: String) -> Bool {
        let tail = data.suffix(1024)
        switch mediaType {
        case "application/pdf": return tail.range(of: Data("%%EOF".utf8)) != nil
        case "image/png": return data.suffix(12).starts(with: [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44])
        case "image/jpeg": return tail.range(of: Data([0xFF, 0xD9])) != nil
        default: return false
        }
    }

    func path(of digest: String) -> URL {
        root.appendingPathComponent(String(digest.prefix(2))).appendingPathComponent(digest)
    }

    func read(_ record: UploadedFileRecord) throws -> Data {
        try Data(contentsOf: path(of: record.sha256))
    }
}

extension Application {
    private struct FileStoreKey: StorageKey {
        typealias Value = FileStore
    }

    public var files: FileStore {
        get {
            guard let store = storage[FileStoreKey.self] else {
                fatalError("configure(_:config:services:) sets the file store before any route runs")
            }
            return store
        }
        set { storage[FileStoreKey.self] = newValue }
    }
}
