import Fluent
import Foundation
import Vapor

/// Uploaded bytes that no record names: what a server stopped between writing an upload's
/// bytes and committing its record leaves behind. `serve` sweeps those older than an hour
/// every hour (`ScheduledJobs`; an upload in flight on another instance is younger);
/// `titlebridge jobs sweep-files` does it once, with any grace when no server runs.
public enum OrphanFileSweep {
    public static let defaultGrace: Duration = .seconds(3600)

    /// Removes the unnamed bytes last written more than `grace` ago; returns how many.
    @discardableResult
    public static func run(on app: Application, grace: Duration = defaultGrace) async throws -> Int {
        let removed = try await app.files.sweep(writtenBefore: Date().addingTimeInterval(-Double(grace.components.seconds)), on: app.db)
        if removed > 0 { app.logger.notice("orphan files swept", metadata: ["count": "\(removed)"]) }
        return removed
    }
}

extension FileStore {
    /// Removes the bytes no record names and that were last written before `cutoff`: an
    /// upload's bytes reach the disk before its record is committed, so a server stopped
    /// between the two leaves them behind. The cutoff spares uploads in flight on other
    /// instances; with no server running, any cutoff up to now is safe. Returns how many went.
    public func sweep(writtenBefore cutoff: Date, on database: any Database) async throws -> Int {
        guard FileManager.default.fileExists(atPath: root.path) else { return 0 }
        var candidates: [(digest: String, url: URL)] = []
        for relative in try Backup.regularFiles(under: root) {
            let url = root.appendingPathComponent(relative)
            let written = try url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate ?? .distantFuture
            if written < cutoff { candidates.append((String(relative.split(separator: "/").last ?? ""), url)) }
        }
        var removed = 0
        for chunk in stride(from: 0, to: candidates.count, by: 500).map({ candidates[$0..<min($0 + 500, candidates.count)] }) {
            let named = Set(try await UploadedFileRecord.query(on: database).filter(\.$sha256 ~~ chunk.map(\.digest))
                .field(\.$sha256).all().map(\.sha256))
            for candidate in chunk where !named.contains(candidate.digest) {
                try FileManager.default.removeItem(at: candidate.url)
                removed += 1
            }
        }
        return removed
    }
}
