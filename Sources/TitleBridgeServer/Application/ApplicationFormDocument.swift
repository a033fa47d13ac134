import Fluent
import TitleBridgeCore
import TitleBridgeDocuments
import Vapor

/// Fills the assessment form (《上海市专业技术人员职称考核认定表》) from an application file.
/// The ID number is printed whole only for those who may see it whole (`ShownIdentityNumber`):
/// the applicant, whose paper the form is, signed and handed in, and the bureau, which matches
/// it against the documents. The employer, the supervising department and the administrator
/// print it masked.
enum ApplicationFormDocument {
    static func render(_ record: ApplicationRecord, request: Request) async throws -> [UInt8] {
        let content = try record.content
        let desk = ApplicationDesk(request: request)
        let policy = try desk.policy(of: record)
        var employerName = "—", supervisingName: String?
        if let id = record.employerID, let unit = try await OrganisationRecord.find(id, on: request.db) {
            employerName = unit.nameZh + (unit.creditCode.map { "（统一社会信用代码 \($0)）" } ?? "")
            if let parent = unit.supervisingID { supervisingName = try await OrganisationRecord.find(parent, on: request.db)?.nameZh }
        }
        var certificateRows: [(String, String)] = [("证书查验", "未关联")]
        if let id = record.verificationID, let verification = try await VerificationRecord.find(id, on: request.db) {
            let item = try await CertificateItemRecord.find(verification.certificateItemID, on: request.db)
            certificateRows = [("证书名称", item.map { $0.nameZh + "（\($0.nameEn)）" } ?? verification.certificateItemID),
                               ("证书编号", verification.certificateNumber), ("持证人（证书所印）", verification.holderName),
                               ("查验编号", verification.verificationNumber ?? "—"),
                               ("查验通过日期", verification.passedDay.map { DateText.long($0, in: .zh) } ?? "—")]
        }
        let idNumber = ShownIdentityNumber.of(record, viewer: try request.requirePrincipal().actor,
                                              cipher: request.security.cipher)?.text ?? "—"
        let personal = content.personal
        let sections = [
            AssessmentForm.Section(heading: "一、基本信息", rows: [
                ("姓名", personal?.name ?? "—"), ("性别", personal?.gender.name.zh ?? "—"),
                ("出生日期", personal.map { DateText.long($0.birthDate, in: .zh) } ?? "—"), ("国籍", personal?.nationality ?? "—"),
                ("证件类型", personal?.idKind.name.zh ?? "—"), ("证件号码", idNumber),
            ]),
            AssessmentForm.Section(heading: "二、工作单位", rows: [("所在单位", employerName)]
                + (supervisingName.map { [("主管部门", $0)] } ?? [])
                + [("现有职称", content.currentTitle.map { $0.series.title(at: $0.level).zh } ?? "无")]),
            AssessmentForm.Section(heading: "三、境外职业资格证书", rows: certificateRows),
            AssessmentForm.Section(heading: "四、学习经历", rows: content.education.map { entry in
                (DateText.long(entry.awardedOn, in: .zh),
                 "\(entry.school)（\(entry.country)） \(entry.degree.name.zh) \(entry.discipline.name.zh)"
                    + (entry.recognitionNumber.map { " 学历认证 \($0)" } ?? ""))
            }),
            AssessmentForm.Section(heading: "五、工作经历", rows: content.work.map { entry in
                (entry.from.iso + " 至 " + (entry.to?.iso ?? "今"),
                 "\(entry.employer) \(entry.position)" + (entry.inShanghai ? "（上海）" : "") + (entry.related ? "（相关专业技术工作）" : ""))
            }),
            AssessmentForm.Section(heading: "六、申报系列与层级", rows: [
                ("申报职称", content.target.map { $0.series.title(at: $0.level).zh + "（" + $0.level.name.zh + "）" } ?? "—"),
            ]),
        ]
        let report = try await desk.report(of: record)
        let eligibility = report?.clauses.map { clause in
            let mark = switch clause.outcome { case .pass: "符合"; case .fail: "不符合"; case .review: "待审核认定" }
            return "[\(mark)] \(clause.message.zh)（\(clause.citation)）"
        } ?? ["资料尚未填写完整，未能核对。"]
        let count = content.summaryCount
        let form = AssessmentForm(
            applicationID: try record.requireID().uuidString.lowercased(), batchName: policy.name.zh,
            sections: sections, eligibility: eligibility, summary: content.summary,
            summaryCount: "共 \(count.zi) 字，其中汉字 \(count.han) 个", printedOn: DateText.long(request.domain.clock.today(), in: .zh),
            acceptanceNumber: try await AcceptanceRecord.query(on: request.db).filter(\.$applicationID == record.requireID()).first()?.number)
        return form.render()
    }
}
