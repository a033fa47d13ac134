import Foundation
import TitleBridgeCore
import TitleBridgeCredentials
import TitleBridgeDocuments

// Issuing certificates end to end on one core, as the bureau's run does for each file: the
// credential built and signed (eddsa-jcs-2022: RFC 8785 canonical JSON, SHA-256, Ed25519), its
// status entry, and the A4 PDF with the QR code of its verification address. The database
// write is not counted (the server's run measures that); the crypto and the documents are.
//   swift run -c release certificate-benchmark [certificates]

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 10_000
let issuer = TitleCredential.Issuer(id: "https://titlebridge.example/credentials/issuer", keyID: "key-20241104-bench",
                                    key: Ed25519Multikey().privateKey)
let names = ["王嘉怡 WANG Jiayi", "陈思远 CHEN Siyuan", "Müller, Anna", "O'Brien, Seán", "李娜 LI Na"]
let titles: [(TitleSeries, TitleLevel)] = [(.accounting, .associateSenior), (.engineering, .intermediate), (.economics, .associateSenior)]
let committee = LocalizedText(zh: "上海市专业技术人才职称考核认定委员会（境外职业资格）",
                              en: "Shanghai Professional Title Recognition Committee (Overseas Professional Qualifications)")

var bytes = 0
var checksum: UInt64 = 0
var signing = Duration.zero
var printing = Duration.zero
let clock = ContinuousClock()
let started = clock.now
for index in 1...count {
    let number = CertificateNumber.format(batchCode: "2024B2", sequence: index)
    let (series, level) = titles[index % titles.count]
    let certificate = TitleCertificate(number: number, holderName: names[index % names.count], maskedIDNumber: "3101**********2423",
                                       series: series.name, title: series.title(at: level), specialty: LocalizedText(zh: "财务管理", en: "Financial management"),
                                       committee: committee, approvedOn: "2024-11-04", documentNumber: "沪人社专〔2024〕412号")
    let url = "https://titlebridge.example/certificates/" + number
    let signStart = clock.now
    let credential = try TitleCredential.issue(certificate, id: url, validFrom: "2024-11-04T02:00:00Z",
                                               status: .init(listCredential: "https://titlebridge.example/credentials/status/revocation",
                                                             index: (index * 7919) % BitstringStatusList.minimumBits),
                                               by: issuer)
    let stored = CanonicalJSON.serialize(credential)
    let printStart = clock.now
    signing += printStart - signStart
    let pdf = TitleCertificateDocument(rows: certificate.printedRows, number: number, verificationURL: url,
                                       issuer: TitleCertificate.issuerName.zh + " " + TitleCertificate.issuerName.en).render()
    printing += clock.now - printStart
    bytes += pdf.count + stored.utf8.count
    checksum &+= UInt64(pdf.count) &* UInt64(index)
}
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
let total = seconds(clock.now - started)
print("\(count) certificates (sign + PDF + QR) in \(String(format: "%.2f", total)) s: \(String(format: "%.0f", Double(count) / total))/s"
      + " — signing \(String(format: "%.2f", seconds(signing))) s, PDF and QR \(String(format: "%.2f", seconds(printing))) s;"
      + " \(bytes / count) bytes each (checksum \(checksum % 1000))")
