import Crypto
import Foundation
import Testing
import TitleBridgeCore
import TitleBridgeCredentials
import TitleBridgeServer

/// The built `titlebridge` on the command line: a certificate checked offline with the public
/// key (and the revocation list when given), and the signing keys made, listed and retired in a
/// data folder — the private key never printed.
@Suite("titlebridge verify and keys signing — the command line")
struct CertificateCommandTests {
    /// Runs the binary; answers its exit status and what it printed.
    static func run(_ arguments: [String], in folder: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = ServeCommandTests.executable
        process.currentDirectoryURL = folder
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["DATABASE_URL", "TITLEBRIDGE_SIGNING_KEY", "TITLEBRIDGE_CLOCK", "TITLEBRIDGE_DATA_KEYS"] { environment[name] = nil }
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("verify: valid with the key, not valid when one character is changed, revoked with a list that has its bit set, and a list signed by someone else is not believed")
    func verifyOffline() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeCommandTests.executable.path), "build the titlebridge product first")
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = Ed25519Multikey()
        let issuer = TitleCredential.Issuer(id: "https://titlebridge.example/credentials/issuer", keyID: "key-20241028-test", key: key.privateKey)
        let certificate = TitleCertificate(
            number: "SHZC-2024B2-00001", holderName: "王嘉怡", maskedIDNumber: "3101**********2423",
            series: LocalizedText(zh: "会计", en: "accounting"), title: LocalizedText(zh: "高级会计师", en: "senior accountant"),
            specialty: nil, committee: LocalizedText(zh: "认定委员会", en: "Committee"), approvedOn: "2024-10-28", documentNumber: "沪人社专〔2024〕412号")
        let listID = "https://titlebridge.example/credentials/status/revocation"
        let credential = try TitleCredential.issue(certificate, id: "https://titlebridge.example/certificates/SHZC-2024B2-00001",
                                                   validFrom: "2024-10-28T02:00:00Z", status: .init(listCredential: listID, index: 4242), by: issuer)
        let file = folder.appendingPathComponent("certificate.json")
        try Data(CanonicalJSON.serialize(credential).utf8).write(to: file)

        let (valid, validText) = try Self.run(["verify", file.path, "--key", key.publicKeyMultibase], in: folder)
        #expect(valid == 0 && validText.contains("signature: passed") && validText.contains("VALID (status not checked)"))

        let tampered = folder.appendingPathComponent("tampered.json")
        try Data(CanonicalJSON.serialize(credential).replacingOccurrences(of: "王嘉怡", with: "王嘉仪").utf8).write(to: tampered)
        let (changed, changedText) = try Self.run(["verify", tampered.path, "--key", key.publicKeyMultibase], in: folder)
        #expect(changed == 1 && changedText.contains("signature: failed") && changedText.contains("NOT VALID"))

        var list = BitstringStatusList()
        list[4242] = true
        let revocations = folder.appendingPathComponent("status.json")
        try Data(CanonicalJSON.serialize(try TitleCredential.statusListCredential(list, id: listID, validFrom: "2024-11-20T02:00:00Z",
                                                                                   by: issuer)).utf8).write(to: revocations)
        let (revoked, revokedText) = try Self.run(["verify", file.path, "--key", key.publicKeyMultibase, "--status-list", revocations.path], in: folder)
        #expect(revoked == 1 && revokedText.contains("status: revoked") && revokedText.contains("REVOKED"))

        let stranger = TitleCredential.Issuer(id: issuer.id, keyID: issuer.keyID, key: Curve25519.Signing.PrivateKey())
        let forged = folder.appendingPathComponent("forged-status.json")
        try Data(CanonicalJSON.serialize(try TitleCredential.statusListCredential(BitstringStatusList(), id: listID,
                                                                                   validFrom: "2024-11-21T02:00:00Z", by: stranger)).utf8).write(to: forged)
        let (unbelieved, unbelievedText) = try Self.run(["verify", file.path, "--key", key.publicKeyMultibase, "--status-list", forged.path], in: folder)
        #expect(unbelieved == 0 && unbelievedText.contains("status list: not used"), "a list the issuer did not sign says nothing")
    }

    @Test("keys signing: new writes the private key owner-only in the data folder, list shows only public keys, retire marks it")
    func signingKeys() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeCommandTests.executable.path), "build the titlebridge product first")
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path
        let (made, madeText) = try Self.run(["keys", "signing", "new", "--data-dir", data], in: folder)
        #expect(made == 0 && madeText.contains("new signing key: key-"))
        let keyID = try #require(madeText.split(separator: " ").first { $0.hasPrefix("key-") }.map(String.init))
        let keyFile = folder.appendingPathComponent("data/signing-keys/\(keyID).key").path
        let permissions = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let secret = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("z") && !madeText.contains(secret))

        let (listed, listText) = try Self.run(["keys", "signing", "list", "--data-dir", data], in: folder)
        #expect(listed == 0 && listText.contains(keyID) && listText.contains("active") && !listText.contains(secret))
        let (retired, _) = try Self.run(["keys", "signing", "retire", keyID, "--data-dir", data], in: folder)
        #expect(retired == 0)
        let (_, afterText) = try Self.run(["keys", "signing", "list", "--data-dir", data], in: folder)
        #expect(afterText.contains("retired"))
    }
}
