import Fluent
import TitleBridgeCore
import TitleBridgeDocuments
import Vapor

/// Fills the 《专业技术职务聘任表》 from a stored appointment.
enum AppointmentFormDocument {
    static func render(_ record: AppointmentRecord, request: Request) async throws -> [UInt8] {
        guard let appointment = record.content, let title = record.title else { throw Abort(.internalServerError) }
        let unit = try await OrganisationRecord.find(record.organisationID, on: request.db)
        let item = try await CertificateItemRecord.find(appointment.certificateCode, on: request.db)
        let policy = try request.domain.currentPolicy
        let sections = [
            AssessmentForm.Section(heading: "一、基本情况", rows: [
                ("姓名", appointment.personName), ("性别", appointment.gender.name.zh),
                ("出生日期", DateText.long(appointment.birthDate, in: .zh)),
            ] + appointment.education.map { entry in
                ("学历学位", "\(entry.degree.name.zh)（\(entry.discipline.name.zh)） \(entry.school)（\(entry.country)） \(DateText.long(entry.awardedOn, in: .zh))")
            }),
            AssessmentForm.Section(heading: "二、工作经历", rows: appointment.work.isEmpty ? [("", "（无）")] : appointment.work.map { entry in
                (DateText.long(entry.from, in: .zh) + " 至 " + (entry.to.map { DateText.long($0, in: .zh) } ?? "今"),
                 "\(entry.employer) \(entry.position)" + (entry.inShanghai ? "（上海）" : "") + (entry.related ? "（相关专业技术工作）" : ""))
            }),
            AssessmentForm.Section(heading: "三、境外职业资格证书", rows: [
                ("证书名称", item.map { $0.nameZh + "（\($0.nameEn)）" } ?? appointment.certificateCode),
                ("证书编号", appointment.certificateNumber),
            ]),
            AssessmentForm.Section(heading: "四、聘任情况", rows: [
                ("聘任职务", title.series.title(at: title.level).zh + "（" + title.level.name.zh + "）"),
                ("专业技术岗位", appointment.position),
                ("聘期", DateText.range(appointment.appointedOn, appointment.termEndsOn, in: .zh) + "（\(appointment.termYears)年）"),
            ]),
        ]
        let kind = unit?.organisationKind?.employerKind ?? .enterprise
        var conditions: [String] = []
        if let certificate = item?.item {
            let decision = JuniorAppointmentRules(policy: policy).decide(appointment, certificate: certificate, employerKind: kind)
            conditions = decision.report.clauses.map { clause in
                let mark = switch clause.outcome { case .pass: "符合"; case .fail: "不符合"; case .review: "单位说明" }
                return "[\(mark)] \(clause.message.zh)（\(clause.citation)）"
            }
        }
        if let note = appointment.reviewNote { conditions.append("单位说明：" + note) }
        let form = AppointmentForm(
            number: record.number, unitName: unit.map { $0.nameZh + ($0.creditCode.map { "（统一社会信用代码 \($0)）" } ?? "") } ?? "—",
            sections: sections, conditions: conditions,
            opinion: "经考核，\(appointment.personName)同志符合\(title.series.title(at: title.level).zh)任职条件（\(policy.notice.document) 三、四；沪人社专〔2017〕109号），同意聘任。",
            printedOn: DateText.long(request.domain.clock.today(), in: .zh))
        return form.render()
    }
}
