import Crypto
import Fluent
import Foundation
import SQLKit
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Personal data: sealed at rest, masked in views")
struct PersonalDataTests {
    /// The demo applicants' numbers, as typed.
    static let secrets = ["11010519491231002X", "931840198506150015", "13800001234", "13900005678"]

    /// Every byte the database holds: the SQLite file and its write-ahead log, or every row of
    /// every table of the test schema on PostgreSQL, as text.
    static func rawContent(_ app: Application, engine: DatabaseEngine) async throws -> String {
        let sql = try #require(app.db as? any SQLDatabase)
        switch engine {
        case .sqlite:
            try await sql.raw("PRAGMA wal_checkpoint(FULL)").run()
            guard case .sqlite(let path) = app.testStorage else { return "" }
            var bytes = Data()
            for file in [path, path + "-wal"] {
                if let data = FileManager.default.contents(atPath: file) { bytes.append(data) }
            }
            return String(decoding: bytes, as: UTF8.self)
        case .postgres:
            let tables = try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()").all()
            var text = ""
            for table in tables {
                let name = try table.decode(column: "name", as: String.self)
                for row in try await sql.raw("SELECT row_to_json(t)::text AS j FROM \(ident: name) t").all() {
                    text += try row.decode(column: "j", as: String.self) + "\n"
                }
            }
            return text
        }
    }

    @Test("The raw database holds no ID or phone number in plain text", arguments: DatabaseEngine.available)
    func nothingInPlainText(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let raw = try await Self.rawContent(app, engine: engine)
            #expect(raw.contains("applicant1"), "the scan must see the users table at all")
            for secret in Self.secrets {
                #expect(!raw.contains(secret), "\(secret) is stored in plain text")
            }
            let users = try await UserRecord.query(on: app.db).filter(\.$username == "applicant1").all()
            let user = try #require(users.first)
            #expect(user.idNumberSealed?.hasPrefix("k1:") == true)
        }
    }

    @Test("Whole to the owner and the bureau, masked to the administrator", arguments: DatabaseEngine.available)
    func masking(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let target = try await userID(app, "applicant1")
            for (viewer, idNumber, phone) in [("applicant1", "11010519491231002X", "13800001234"),
                                              ("bureau1", "11010519491231002X", "13800001234"),
                                              ("admin", "1101**********002X", "138****1234")] {
                let session = try await signInAPI(app, viewer)
                try await app.testing().test(.GET, "/api/v1/users/\(target)", beforeRequest: { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: session.token)
                }) { res in
                    #expect(res.status == .ok)
                    let view = try res.content.decode(AccountView.self)
                    #expect(view.idNumber == idNumber, "as \(viewer)")
                    #expect(view.phone == phone, "as \(viewer)")
                    #expect(view.personalDataMasked == idNumber.contains("*"))
                }
            }
            // The account page shows the owner its own number.
            let browser = try await signInBrowser(app, "applicant1")
            try await app.testing().test(.GET, "/account", beforeRequest: { browser.prepare(&$0) }) { res in
                #expect(res.body.string.contains("11010519491231002X"))
                #expect(res.headers.first(name: .cacheControl) == "no-store")
            }
        }
    }

    @Test("Keys rotate: a new first key, reseal, the old key retired", arguments: DatabaseEngine.available)
    func rotation(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let old = app.security.cipher
            let newKey = OperatorTasks.newDataKey(id: "k2")
            let oldEntry = "k1:" + old.keys[0].key.withUnsafeBytes { Data($0).base64EncodedString() }
            app.security = app.security.replacingCipher(try PersonalDataCipher(keyring: newKey + "," + oldEntry))
            // Every sealed ID and phone number of the demo accounts moves, each row audited once.
            let sealed = DemoSeed.people.map { ($0.idNumber == nil ? 0 : 1) + ($0.phone == nil ? 0 : 1) }
            #expect(try await OperatorTasks.resealPersonalData(on: app) == sealed.reduce(0, +))
            #expect(try await OperatorTasks.resealPersonalData(on: app) == 0, "a second run has nothing left to move")

            app.security = app.security.replacingCipher(try PersonalDataCipher(keyring: newKey))
            let session = try await signInAPI(app, "applicant1")
            #expect(session.user.idNumber == "11010519491231002X")
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "personalData.reseal").count() == sealed.filter { $0 > 0 }.count)
        }
    }

    @Test("A sealed value opens only for its own column and only with the right key")
    func sealing() throws {
        let cipher = try PersonalDataCipher(keyring: OperatorTasks.newDataKey(id: "a"))
        let row = UUID()
        let sealed = try cipher.seal("11010519491231002X", in: .userIDNumber, row: row)
        #expect(!sealed.contains("11010519491231002X"))
        #expect(try cipher.open(sealed, in: .userIDNumber, row: row) == "11010519491231002X")
        #expect(throws: (any Error).self) { try cipher.open(sealed, in: .userPhone, row: row) }
        let stranger = try PersonalDataCipher(keyring: OperatorTasks.newDataKey(id: "a"))
        #expect(throws: (any Error).self) { try stranger.open(sealed, in: .userIDNumber, row: row) }
        #expect(throws: (any Error).self) { try PersonalDataCipher(keyring: "a:c2hvcnQ=") }
    }
}
