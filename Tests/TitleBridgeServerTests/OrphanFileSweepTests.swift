import Fluent
import Foundation
import Testing
@testable import TitleBridgeServer
import Vapor

@Suite("Orphan files: bytes of an upload cut off before its record are swept, nothing else")
struct OrphanFileSweepTests {
    @Test("The sweep removes unnamed bytes older than its grace, and spares named and recent ones", arguments: DatabaseEngine.available)
    func sweep(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demoFiles: true) { app in
            let named = try await UploadedFileRecord.query(on: app.db).filter(\.$size > 1).first()
            let record = try #require(named)
            let namedPath = app.files.path(of: record.sha256).path
            let old = Date().addingTimeInterval(-7200)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: namedPath)
            let cutOff = app.files.path(of: String(repeating: "ab", count: 32)), recent = app.files.path(of: String(repeating: "cd", count: 32))
            for url in [cutOff, recent] {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("%PDF-1.4 cut off".utf8).write(to: url)
            }
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: cutOff.path)

            #expect(try await OrphanFileSweep.run(on: app) == 1)
            #expect(!FileManager.default.fileExists(atPath: cutOff.path))
            #expect(FileManager.default.fileExists(atPath: recent.path), "an upload in flight elsewhere is younger than the grace")
            #expect(FileManager.default.fileExists(atPath: namedPath))
            #expect(try await OrphanFileSweep.run(on: app, grace: .zero) == 1, "with no server running, any age goes")
            #expect(!FileManager.default.fileExists(atPath: recent.path))
            let permissions = try FileManager.default.attributesOfItem(atPath: namedPath)[.posixPermissions] as? Int
            #expect(permissions == 0o600, "uploaded bytes are the owner's alone")
        }
    }
}
