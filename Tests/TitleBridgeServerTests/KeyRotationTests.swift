import Crypto
import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Personal-data keys: every sealed column rotates, and a value opens only in its own row")
struct KeyRotationTests {
    static let accountNumber = "310104198506123412"
    static let accountPhone = "13700002222"
    static let applicationNumber = "E98765432"
    static let verificationNumber = "G12345678"
    static let password = "Holder-pass-2024"

    /// What `records` made: the new account, its application file and an imported verification result.
    struct Records: Sendable {
        let userID: UUID
        let applicationID: UUID
        let verificationID: UUID
    }

    /// Through the pages, as people do it: the administrator makes an account with an ID number
    /// and a phone, its holder fills in the personal step with a passport number, and the bureau
    /// loads a verification result carrying another number.
    static func records(_ app: Application) async throws -> Records {
        let admin = try await signInBrowser(app, "admin")
        let (created, page) = try await AdminTests.post(app, admin, "/admin/users", [
            "username": "holder9", "displayName": "林晓", "password": password, "roles[]": "applicant",
            "idKind": "residentID", "idNumber": accountNumber, "phone": accountPhone])
        #expect(created == .seeOther, "account creation answered \(created): \(page.prefix(300))")

        let holder = try await signInBrowser(app, "holder9", password: password)
        let (opened, stepURL, _) = try await ApplicationFlowTests.post(app, holder, "/applications", [:])
        #expect(opened == .seeOther)
        let applicationID = try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
        let (saved, body) = try await ApplicationFlowTests.save(app, holder, applicationID, .personal, [
            "name": "林晓", "gender": "female", "birthDate": "1985-06-12", "nationality": "中国",
            "idKind": "passport", "idNumber": applicationNumber])
        #expect(saved == .seeOther, "personal step answered \(saved): \(body.prefix(300))")

        let bureau = try await signInBrowser(app, "bureau1")
        let (loaded, result) = try await VerificationImportTests.upload(app, bureau, [
            VerificationImportTests.header, "CV2024-900001,acca-fcca,FCCA-1,Lin Xiao,\(verificationNumber),2024-08-15"])
        #expect(loaded == .ok, "import answered \(loaded): \(result.prefix(300))")
        let verification = try #require(try await VerificationRecord.query(on: app.db)
            .filter(\.$verificationNumber == "CV2024-900001").first())
        return Records(userID: try await userID(app, "holder9"), applicationID: applicationID,
                       verificationID: try verification.requireID())
    }

    /// Every sealed value the database holds, with the column and row it sits in.
    static func sealedValues(_ app: Application) async throws -> [(column: PersonalDataCipher.Column, row: UUID, sealed: String)] {
        var values: [(column: PersonalDataCipher.Column, row: UUID, sealed: String)] = []
        for user in try await UserRecord.query(on: app.db).all() {
            if let sealed = user.idNumberSealed { values.append((column: .userIDNumber, row: try user.requireID(), sealed: sealed)) }
            if let sealed = user.phoneSealed { values.append((column: .userPhone, row: try user.requireID(), sealed: sealed)) }
        }
        for file in try await ApplicationRecord.query(on: app.db).all() {
            if let sealed = file.idNumberSealed { values.append((column: .applicationIDNumber, row: try file.requireID(), sealed: sealed)) }
        }
        for verification in try await VerificationRecord.query(on: app.db).all() {
            if let sealed = verification.idNumberSealed { values.append((column: .verificationIDNumber, row: try verification.requireID(), sealed: sealed)) }
        }
        for objection in try await ObjectionRecord.query(on: app.db).all() {
            values.append((column: .objectionContact, row: try objection.requireID(), sealed: objection.contactSealed))
        }
        return values
    }

    /// The keyring entry of the key the test application seals with now.
    static func entry(of key: PersonalDataCipher.Key) -> String {
        key.id + ":" + key.key.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Puts a new key first and keeps the old one after it, as the operator does; returns the new entry.
    static func rotate(_ app: Application) throws -> String {
        let newEntry = OperatorTasks.newDataKey(id: "k2")
        app.security = app.security.replacingCipher(try PersonalDataCipher(keyring: newEntry + "," + entry(of: app.security.cipher.keys[0])))
        return newEntry
    }

    /// Reads every number back the way its owner sees it (API and step page) and, for the
    /// verification result no page shows, by opening the stored value in its row.
    static func readBack(_ app: Application, _ records: Records) async throws {
        let session = try await signInAPI(app, "holder9", password: password)
        #expect(session.user.idNumber == accountNumber)
        #expect(session.user.phone == accountPhone)
        #expect(try await signInAPI(app, "applicant1").user.idNumber == "11010519491231002X")

        let holder = try await signInBrowser(app, "holder9", password: password)
        let (status, page) = try await ApplicationFlowTests.get(app, holder, "/applications/\(records.applicationID)/steps/personal")
        #expect(status == .ok)
        #expect(page.contains("value=\"\(applicationNumber)\""), "the personal step shows the file's ID number")

        let verification = try #require(try await VerificationRecord.find(records.verificationID, on: app.db))
        let sealed = try #require(verification.idNumberSealed)
        #expect(try app.security.cipher.open(sealed, in: .verificationIDNumber, row: records.verificationID) == verificationNumber)
    }

    @Test("After a reseal the old key retires and every sealed value — account, file, verification, objector's contact — still reads",
          arguments: DatabaseEngine.available)
    func resealEverything(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let records = try await Self.records(app)
            // An objector's contact, sealed as the objection desk seals it (the result list it
            // belongs to is beside the point here).
            let objection = ObjectionRecord()
            let objectionID = UUID()
            objection.id = objectionID
            (objection.receipt, objection.entryID, objection.applicationID, objection.name) = ("YY-TEST-TEST-TEST", UUID(), records.applicationID, "李明")
            objection.contactSealed = try app.security.cipher.seal("13800000000", in: .objectionContact, row: objectionID)
            (objection.reasons, objection.clientKey, objection.submittedAt, objection.outcome) = ("理由理由理由理由理由", "test", Date(), "open")
            try await objection.create(on: app.db)
            let before = try await Self.sealedValues(app)
            #expect(Set(before.map { $0.column }) == Set(PersonalDataCipher.Column.allCases), "every sealed column holds a value")

            let newEntry = try Self.rotate(app)
            #expect(try await OperatorTasks.resealPersonalData(on: app) == before.count)
            #expect(try await OperatorTasks.resealPersonalData(on: app) == 0, "a second run has nothing left to move")
            for value in try await Self.sealedValues(app) {
                #expect(value.sealed.hasPrefix("k2:v2:"), "\(value.column.rawValue) of \(value.row) is not under the new key")
            }
            let audited = try await AuditEventRecord.query(on: app.db).filter(\.$action == "personalData.reseal").all()
            #expect(audited.contains { $0.recordType == "application" && $0.recordID == records.applicationID.uuidString })
            #expect(audited.contains { $0.recordType == "verification" && $0.recordID == records.verificationID.uuidString })
            #expect(audited.contains { $0.recordType == "user" && $0.recordID == records.userID.uuidString })

            // The old key retired: only the new one is left.
            app.security = app.security.replacingCipher(try PersonalDataCipher(keyring: newEntry))
            try await Self.readBack(app, records)
            let resealed = try #require(try await ObjectionRecord.find(objectionID, on: app.db))
            #expect(try app.security.cipher.open(resealed.contactSealed, in: .objectionContact, row: objectionID) == "13800000000")
        }
    }

    @Test("Values sealed before rows were bound still open, and the reseal binds them to their rows",
          arguments: DatabaseEngine.available)
    func legacyValues(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let records = try await Self.records(app)
            // Every value rewritten in the earlier form: same key, the column's purpose only as associated data.
            let key = app.security.cipher.keys[0]
            for value in try await Self.sealedValues(app) {
                let plain = try app.security.cipher.open(value.sealed, in: value.column, row: value.row)
                let purpose = value.column == .userPhone ? "users.phone" : "users.id_number"
                let box = try AES.GCM.seal(Data(plain.utf8), using: key.key, authenticating: Data(purpose.utf8))
                let combined = try #require(box.combined)
                let legacy = key.id + ":" + combined.base64EncodedString()
                switch value.column {
                case .userIDNumber, .userPhone:
                    let user = try #require(try await UserRecord.find(value.row, on: app.db))
                    if value.column == .userIDNumber { user.idNumberSealed = legacy } else { user.phoneSealed = legacy }
                    try await user.save(on: app.db)
                case .applicationIDNumber:
                    let file = try #require(try await ApplicationRecord.find(value.row, on: app.db))
                    file.idNumberSealed = legacy
                    try await file.save(on: app.db)
                case .verificationIDNumber:
                    let verification = try #require(try await VerificationRecord.find(value.row, on: app.db))
                    verification.idNumberSealed = legacy
                    try await verification.save(on: app.db)
                case .objectionContact:
                    // Objections came after rows were bound: none was ever sealed the earlier way.
                    Issue.record("this test holds no objection")
                }
            }
            let rewritten = try await Self.sealedValues(app)
            let legacyCount = rewritten.filter { !$0.sealed.contains(":v2:") }.count
            #expect(legacyCount == rewritten.count)
            try await Self.readBack(app, records)

            // The reseal binds them even before any key changes; then the key rotates away.
            #expect(try await OperatorTasks.resealPersonalData(on: app) == legacyCount)
            for value in try await Self.sealedValues(app) {
                #expect(value.sealed.hasPrefix(key.id + ":v2:"), "\(value.column.rawValue) of \(value.row) is not bound to its row")
            }
            let newEntry = try Self.rotate(app)
            #expect(try await OperatorTasks.resealPersonalData(on: app) == legacyCount)
            app.security = app.security.replacingCipher(try PersonalDataCipher(keyring: newEntry))
            try await Self.readBack(app, records)
        }
    }

    @Test("A sealed value copied into another row or another table does not open there",
          arguments: DatabaseEngine.available)
    func copiedValues(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let number = "11010519491231002X"
            let first = try await signInBrowser(app, "applicant1")
            let second = try await signInBrowser(app, "applicant2")
            let secondToken = try await signInAPI(app, "applicant2").token
            var files: [UUID] = []
            for browser in [first, second] {
                let (_, stepURL, _) = try await ApplicationFlowTests.post(app, browser, "/applications", [:])
                files.append(try #require(stepURL.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) }))
            }
            let (saved, _) = try await ApplicationFlowTests.save(app, first, files[0], .personal, [
                "name": "陈思远", "gender": "male", "birthDate": "1949-12-31", "nationality": "中国",
                "idKind": "residentID", "idNumber": number])
            #expect(saved == .seeOther)

            // applicant1's account number copied onto applicant2's account.
            let owner = try #require(try await UserRecord.query(on: app.db).filter(\.$username == "applicant1").first())
            let other = try #require(try await UserRecord.query(on: app.db).filter(\.$username == "applicant2").first())
            let copied = try #require(owner.idNumberSealed)
            other.idNumberSealed = copied
            try await other.save(on: app.db)
            #expect(throws: (any Error).self) { try app.security.cipher.open(copied, in: .userIDNumber, row: try other.requireID()) }
            let (_, account) = try await ReviewFixture.api(app, .GET, "/api/v1/users/\(try other.requireID())", token: secondToken)
            #expect(!account.contains(number), "applicant2 is shown applicant1's ID number")

            // applicant1's file number copied onto applicant2's file, and the account number onto it too.
            let source = try #require(try await ApplicationRecord.find(files[0], on: app.db))
            let target = try #require(try await ApplicationRecord.find(files[1], on: app.db))
            let fileSealed = try #require(source.idNumberSealed)
            for value in [fileSealed, copied] {
                target.idNumberSealed = value
                try await target.save(on: app.db)
                #expect(throws: (any Error).self) { try app.security.cipher.open(value, in: .applicationIDNumber, row: files[1]) }
                let (status, page) = try await ApplicationFlowTests.get(app, second, "/applications/\(files[1])/steps/personal")
                #expect(status == .ok)
                #expect(!page.contains(number), "applicant2's file shows a number sealed for another row")
            }
            // In their own rows both still open.
            #expect(try app.security.cipher.open(copied, in: .userIDNumber, row: try owner.requireID()) == number)
            let (_, own) = try await ApplicationFlowTests.get(app, first, "/applications/\(files[0])/steps/personal")
            #expect(own.contains("value=\"\(number)\""))
        }
    }
}
