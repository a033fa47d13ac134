import Crypto
import Foundation
import Testing
@testable import TitleBridgeServer

/// A landed migration has run on databases that will never run it again, so editing it would
/// leave those databases and new ones different. Each landed file is pinned here by its
/// SHA-256: a change is a new numbered migration, added to this table when it lands.
@Suite("Migrations — landed files never change")
struct MigrationPinTests {
    static let landed: [String: String] = [
        "001/CreateReferenceData.swift": "d86dd5142b33119dc9c90b55b51d7e503550eb2d4458cd20599c2745814c4721",
        "002/CreateAccounts.swift": "e969c94f7824797259b75493423aabf30ef5eff90f218ea0fe20067399ec292b",
        "003/CreateVerifications.swift": "18c466cab524119cbcc281fe9447c16135116e37007efd7d22806b4720865e67",
        "004/CreateApplications.swift": "ddd79471ea3f9a197d3b17ede1e766c9556106c64a7655bf5965ca173c80fab2",
        "005/CreateApplicationUploads.swift": "a25c6b073268be1e5c0b5728a0e8574b6987837f0af4cfd05589d9b4826f1e4e",
        "006/CreateUnitReview.swift": "ae9c931a84020d0cbe707a81043ae84563bf8da5b5b21eb2f946c007c239b689",
        "007/CreateAcceptance.swift": "75cee53ce80d398a85a950326fba89130280343447f87e03e4ca63d78f829447",
        "008/AddPublicityOutcome.swift": "85e428069229d116f9f058ecaf966a41130a65a645c9951ef2707051b6a95426",
        "008/AddSignInChecks.swift": "0e868e44f33995e846150c0b56694d53f10933c99fd3b91a03ba7b9cb4aea4f3",
        "009/AddApplicationNumbers.swift": "e7393536c9b99c29426c899d1734bf4efa3c1ce33f44a3f9812bc1afa596d81b",
        "010/CreateFormRefusals.swift": "5c7b1cc66d5fd596622cab1bea5508fe0a9e941156070b8295fe17aed7c04853",
        "011/AddListIndexes.swift": "e21821bd7d673ef768999156bb9875798457ea1339ef98fd2002de62f549dff9",
        "012/CreateCommittee.swift": "a42da5575f508c91c8f9044312efe843cc62c9e36d08faaea94bc72427aac557",
        "013/CreateResultsAndCertificates.swift": "b6846928b758d18ba1146b3eac567adbe7ad540e69b01704147ee413708ba21e",
        "014/AddBatchAdministration.swift": "5ff77fa42dd31d7746a3f47f0b55ccedb0e3f39438e8d45b355ed5e284321183",
        "015/AddReportedAt.swift": "d741d28b9fcd96d888f94359b6622a56a333e2cb7d5084c775e87ed819b81c8f",
        "016/RateLimitsAndSessionActivity.swift": "c50dfc8880ce844094c81002b44205a325a38b2295a121e6babf10a21168626a",
    ]

    /// `Sources/TitleBridgeServer/Schema/Migrations`, found from this file in the checkout.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/TitleBridgeServer/Schema/Migrations")

    /// Every `NNN/Name.swift` under the migrations folder, with its SHA-256.
    static func files() throws -> [String: String] {
        var found: [String: String] = [:]
        for number in try FileManager.default.contentsOfDirectory(atPath: folder.path) where number.allSatisfy(\.isNumber) {
            let numbered = folder.appendingPathComponent(number)
            for name in try FileManager.default.contentsOfDirectory(atPath: numbered.path) where name.hasSuffix(".swift") {
                let data = try Data(contentsOf: numbered.appendingPathComponent(name))
                found["\(number)/\(name)"] = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            }
        }
        return found
    }

    @Test("Every landed migration file has the content it landed with, and none was removed")
    func pinned() throws {
        let files = try Self.files()
        for (path, hash) in Self.landed.sorted(by: { $0.key < $1.key }) {
            #expect(files[path] == hash, "\(path) was edited after it landed (or removed): write a new numbered migration instead")
        }
        for (path, hash) in files.sorted(by: { $0.key < $1.key }) where Self.landed[path] == nil {
            Issue.record("\(path) is not pinned yet: when it lands, add \"\(path)\": \"\(hash)\" to MigrationPinTests.landed")
        }
    }

    @Test("The migrations run are the pinned files, one each, in their numbers' order")
    func registered() throws {
        #expect(AppMigrations.all.count == Self.landed.count)
        // The folder number of each registered migration, found by its file name.
        var number: [String: String] = [:]
        for path in Self.landed.keys { number[String(path.dropFirst(4).dropLast(6))] = String(path.prefix(3)) }
        let typeNames = AppMigrations.all.map { String(describing: type(of: $0)) }
        let order = typeNames.map { number[$0] ?? "?" }
        #expect(!order.contains("?"), "each migration type lives in the file named after it: \(typeNames)")
        #expect(order == order.sorted(), "registered out of their numbers' order: \(zip(typeNames, order).map { "\($1) \($0)" })")
    }
}
