import Foundation
import Testing
import TitleBridgeDocuments

/// The printed electronic certificate: an A4 page that renders, whose text holds the holder and
/// the title, and whose QR code a scanner reads back as the verification address.
@Suite("Title certificate PDF — renders, reads, scans")
struct TitleCertificateDocumentTests {
    static let tools = ["pdftoppm", "pdftotext", "zbarimg"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) }
    static let url = "https://titlebridge.example/certificates/SH-ZC-2024-000001"

    static let document = TitleCertificateDocument(rows: [
        ("证书编号 Certificate No.", "SH-ZC-2024-000001"),
        ("姓名 Name", "王嘉怡 WANG Jiayi"),
        ("证件号码 ID number", "3101**********2423"),
        ("系列 Series", "会计 Accounting"),
        ("职称 Title", "高级会计师 Senior Accountant"),
        ("专业 Specialty", "财务管理 Financial management"),
        ("认定委员会 Committee", "上海市专业技术人才职称考核认定委员会（境外职业资格） Shanghai Professional Title Recognition Committee (Overseas Professional Qualifications)"),
        ("批准日期 Approved on", "2024年10月28日 28 October 2024"),
        ("文号 Document No.", "沪人社专〔2024〕999号"),
    ], number: "SH-ZC-2024-000001", verificationURL: url, issuer: "上海市人力资源和社会保障局 Shanghai Municipal Human Resources and Social Security Bureau")

    @Test("pdftoppm renders one A4 page; pdftotext finds the holder and the title; zbarimg reads the verification address",
          .enabled(if: tools || ProcessInfo.processInfo.environment["CI"] != nil))
    func renderReadScan() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-certificate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("certificate.pdf")
        let bytes = Self.document.render()
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        try Data(bytes).write(to: file)

        #expect(try QRCodeTests.run("pdftoppm", ["-r", "150", "-png", file.path, folder.appendingPathComponent("page").path]).0 == 0)
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
        #expect(pages.count == 1)

        let (status, text) = try QRCodeTests.run("pdftotext", ["-layout", file.path, "-"])
        #expect(status == 0)
        for expected in ["王嘉怡", "高级会计师", "Senior Accountant", "职称电子证书", "SH-ZC-2024-000001"] {
            #expect(text.contains(expected), "pdftotext does not find \(expected)")
        }

        let page = try #require(pages.first)
        let (scanned, output) = try QRCodeTests.run("zbarimg", ["--quiet", "--raw", folder.appendingPathComponent(page).path])
        #expect(scanned == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == Self.url)
    }
}
