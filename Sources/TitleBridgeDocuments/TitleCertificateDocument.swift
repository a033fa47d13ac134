/// 职称电子证书 — the print-ready A4 form of the electronic title certificate (四(八)), in
/// Chinese and English, with a QR code holding its public verification address: whoever holds
/// the paper can check the signed credential behind it.
public struct TitleCertificateDocument: Sendable {
    public static let title = "职称电子证书"
    public static let englishTitle = "Electronic Professional Title Certificate"

    /// Each line: the label in Chinese and English, and the value.
    public let rows: [(label: String, value: String)]
    public let number: String
    public let verificationURL: String
    public let issuer: String

    public init(rows: [(label: String, value: String)], number: String, verificationURL: String, issuer: String) {
        self.rows = rows
        self.number = number
        self.verificationURL = verificationURL
        self.issuer = issuer
    }

    public func render() -> [UInt8] {
        var layout = FlowLayout()
        if let code = try? QRCode(verificationURL) {
            layout.qrCode(code, right: PDFWriter.a4Width - FlowLayout.margin, top: PDFWriter.a4Height - 40, module: 2.6)
        }
        layout.space(30)
        layout.title(Self.title, size: 24)
        layout.title(Self.englishTitle, size: 13)
        layout.space(18)
        layout.table(rows.map { ($0.label, $0.value) }, size: 11, labelWidth: 170, leading: 1.7, padding: 6)
        layout.space(18)
        layout.paragraph("本证书为电子证书，与纸质证书具有同等效力。扫描右上角二维码或访问以下网址查验：", size: 9.5)
        layout.paragraph("This electronic certificate has the same force as a paper one. Scan the code at the top right, or open this address, to verify it:",
                         size: 9.5)
        layout.paragraph(verificationURL, size: 9.5, indent: 6)
        layout.space(24)
        layout.paragraph(issuer, size: 11)
        return layout.finish { page, pages in "证书编号 Certificate No. \(number)    第 \(page) 页 / 共 \(pages) 页" }.render()
    }
}
