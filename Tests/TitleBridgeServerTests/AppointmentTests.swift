import Fluent
import Foundation
import Testing
import TitleBridgeCore
import TitleBridgeDocuments
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("初级职称聘任 — the employer appoints under the junior ladder; the 聘任表 as PDF")
struct AppointmentTests {
    /// An engineering item of class C that leads to 初级 too, imported as administrators do.
    static let engineeringItem = "ceng-test,特许工程师（测试项目）,Chartered Engineer (test item),CEng,工程理事会,Engineering Council,英国,United Kingdom,engineeringTechnology,engineering,junior;intermediate;associateSenior,C,official"

    static func form(name: String, degree: String, awardedOn: String, workFrom: String) -> [String: String] {
        ["personName": name, "gender": "female", "birthDate": "1998-05-20", "certificateCode": "ceng-test",
         "certificateNumber": "CEng-778812",
         "education[0][degree]": degree, "education[0][discipline]": "engineering", "education[0][school]": "Imperial College London",
         "education[0][country]": "英国", "education[0][awardedOn]": awardedOn,
         "work[0][from]": workFrom, "work[0][employer]": "上海浦江示例科技有限公司", "work[0][position]": "研发工程师",
         "work[0][inShanghai]": "on", "work[0][related]": "on",
         "position": "研发工程师", "appointedOn": "2024-09-10", "termYears": "3", "basicConditionsMet": "on"]
    }

    @Test("A master is appointed, a bachelor with 6 months of related work is refused with 三(二)1; the 聘任表 renders",
          arguments: DatabaseEngine.available)
    func appoint(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, clock: shanghaiNoon("2024-09-10"), demo: true) { app in
            // Until the list holds an engineering item, the page says why no appointment can be made.
            let early = try await signInBrowser(app, "employer1")
            let (_, empty) = try await ApplicationFlowTests.get(app, early, "/unit-appointments")
            #expect(empty.contains("暂不能聘任初级职称"))
            #expect(!empty.contains("name=\"personName\""))
            let admin = try await signInBrowser(app, "admin")
            let csv = Data([CatalogueImportTests.header, Self.engineeringItem].joined(separator: "\n").utf8)
            #expect(try await CatalogueImportTests.upload(app, admin, csv).0 == .ok)

            let employer = try await signInBrowser(app, "employer1")
            var (status, _, page) = try await ApplicationFlowTests.post(app, employer, "/unit-appointments", Self.form(
                name: "周文静", degree: "bachelor", awardedOn: "2020-06-30", workFrom: "2024-03-10"))
            #expect(status == .unprocessableEntity)
            #expect(page.contains("不符合初级职称聘任条件（三(二)1）"))
            #expect(page.contains("value=\"周文静\""), "what was typed stays in the form")
            #expect(try await AppointmentRecord.query(on: app.db).count() == 0)

            (status, _, page) = try await ApplicationFlowTests.post(app, employer, "/unit-appointments", Self.form(
                name: "林雨桐", degree: "master", awardedOn: "2023-06-30", workFrom: "2023-07-15"))
            #expect(status == .created, "\(page.prefix(500))")
            #expect(page.contains("PR2024-000001"))
            let record = try #require(try await AppointmentRecord.query(on: app.db).first())
            #expect(record.title == ApplicantProfile.Title(series: .engineering, level: .junior), "the title held from now on")
            #expect(try await AuditEventRecord.query(on: app.db).filter(\.$action == "appointment.create").count() == 1)

            // The API takes the same, as JSON, and numbers on without gaps.
            let api = try await signInAPI(app, "employer1")
            var json = Self.form(name: "高远", degree: "secondBachelor", awardedOn: "2022-06-30", workFrom: "2022-07-01")
            json.removeValue(forKey: "basicConditionsMet")
            struct Body: Encodable {
                let fields: [String: String]
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: Key.self)
                    for (key, value) in fields where !key.contains("[") && key != "termYears" { try container.encode(value, forKey: Key(key)) }
                    try container.encode(3, forKey: Key("termYears"))
                    try container.encode(true, forKey: Key("basicConditionsMet"))
                    try container.encode([["degree": fields["education[0][degree]"], "discipline": "engineering", "school": "同济大学",
                                           "country": "中国", "awardedOn": fields["education[0][awardedOn]"]]], forKey: Key("education"))
                    try container.encode([["from": fields["work[0][from]"], "employer": "上海浦江示例科技有限公司", "position": "工程师",
                                           "inShanghai": "true", "related": "true"]], forKey: Key("work"))
                }
                struct Key: CodingKey {
                    var stringValue: String
                    var intValue: Int? { nil }
                    init(_ string: String) { stringValue = string }
                    init?(stringValue: String) { self.stringValue = stringValue }
                    init?(intValue: Int) { nil }
                }
            }
            let (apiStatus, body) = try await ReviewFixture.api(app, .POST, "/api/v1/appointments", token: api.token, json: Body(fields: json))
            #expect(apiStatus == .created, "\(body.prefix(400))")
            #expect(try ReviewFixture.decode(AppointmentController.AppointmentAnswer.self, body).number == "PR2024-000002")

            // The form: the PDF of the first appointment, read back and rendered.
            let id = try record.requireID()
            var pdf = Data()
            try await app.testing().test(.GET, "/unit-appointments/\(id)/form.pdf", beforeRequest: { employer.prepare(&$0) }) { res in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "application/pdf")
                pdf = Data(buffer: res.body)
            }
            #expect(pdf.starts(with: Array("%PDF-".utf8)))
            // CI installs poppler and Ghostscript; a machine without them skips the read-back rather than failing.
            if AssessmentFormTests.readers || ProcessInfo.processInfo.environment["CI"] != nil {
                let read = try AssessmentFormTests.read(pdf)
                #expect(read.pages == 1, "the 聘任表 fits one page, its opinion with the signature and stamp")
                #expect(read.popplerImages == 1 && read.ghostscriptImages == 1, "both render it")
                let text = read.poppler.filter { !$0.isWhitespace }
                for expected in [AppointmentForm.title, "林雨桐", "助理工程师", "PR2024-000001", "上海浦江示例科技有限公司", "2027年9月9日（周四）（3年）", "经考核，林雨桐同志符合助理工程师任职条件", "同意聘任。", "计算截至2024年9月10日"] {
                    #expect(text.contains(expected), "the form lacks \(expected)")
                }
                for expected in ["Imperial College London", "CEng-778812", "PR2024-000001"] {
                    #expect(read.poppler.contains(expected), "poppler does not find \(expected)")
                    #expect(read.ghostscript.contains(expected), "Ghostscript does not find \(expected)")
                }
                // The opinion sits between its heading and the signature line of its box.
                let heading = try #require(text.range(of: "单位意见经考核"), "the opinion follows its heading")
                let signature = try #require(text.range(of: "单位负责人签字"))
                #expect(heading.upperBound < signature.lowerBound)
            }

            // Another unit sees none of it; the bureau sees all.
            let stranger = try await signInBrowser(app, "employer2")
            #expect(try await ApplicationFlowTests.get(app, stranger, "/unit-appointments/\(id)/form.pdf").0 == .notFound)
            #expect(!(try await ApplicationFlowTests.get(app, stranger, "/unit-appointments").1.contains("林雨桐")))
            let strangerAPI = try await signInAPI(app, "employer2")
            #expect(!(try await ReviewFixture.api(app, .GET, "/api/v1/appointments", token: strangerAPI.token).1.contains("林雨桐")))
            let bureau = try await signInAPI(app, "bureau1")
            #expect(try await ReviewFixture.api(app, .GET, "/api/v1/appointments", token: bureau.token).1.contains("林雨桐"))
        }
    }
}
