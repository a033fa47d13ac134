import Fluent
import Foundation
import TitleBridgeCore
import TitleBridgeDocuments
import Vapor

/// Fills the assessment form (《上海市专业技术人员职称考核认定表》) from an application file.
/// The ID number is printed whole only for those who may see it whole (`ShownIdentityNumber`):
/// the applicant, whose paper the form is, signed and handed in, and the bureau, which matches
/// it against the documents. The employer, the supervising department and the administrator
/// print it masked. What the reviewers recorded online — the employer's opinion, the
/// supervising department's confirmation, the unit publicity — prints in their boxes, so the
/// paper that is signed and stamped says what the file says.
enum ApplicationFormDocument {
    static func render(_ record: ApplicationRecord, request: Request) async throws -> [UInt8] {
        let content = try record.content
        // The form prints what the page shows: the same read of the file (`ApplicationFiles`).
        let file = try await ApplicationFiles.load(for: [record], on: request.db).file(record, domain: request.domain)
        let policy = file.policy
        let principal = try request.requirePrincipal()
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
        let idNumber = ShownIdentityNumber.of(record, viewer: principal.actor, cipher: request.security.cipher)?.text ?? "—"
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
                (DateText.long(entry.from, in: .zh) + " 至 " + (entry.to.map { DateText.long($0, in: .zh) } ?? "今"),
                 "\(entry.employer) \(entry.position)" + (entry.inShanghai ? "（上海）" : "") + (entry.related ? "（相关专业技术工作）" : ""))
            }),
            AssessmentForm.Section(heading: "六、申报系列与层级", rows: [
                ("申报职称", content.target.map { $0.series.title(at: $0.level).zh + "（" + $0.level.name.zh + "）" } ?? "—"),
            ]),
        ]
        let eligibility = file.report?.clauses.map { clause in
            let mark = switch clause.outcome { case .pass: "符合"; case .fail: "不符合"; case .review: "待审核认定" }
            return "[\(mark)] \(clause.message.zh)（\(clause.citation)）"
        } ?? ["资料尚未填写完整，未能核对。"]
        let count = content.summaryCount
        let (opinion, post) = standingStatements(in: file.reviews)
        let publicity = file.publicity
        let form = AssessmentForm(
            fileNumber: try await ApplicationNumber.ensure(record, actor: principal.auditActor, app: request.application, on: request.db),
            batchName: policy.name.zh, sections: sections, eligibility: eligibility, summary: content.summary,
            summaryCount: "共 \(count.zi) 字，其中汉字 \(count.han) 个", printedOn: DateText.long(request.domain.clock.today(), in: .zh),
            acceptanceNumber: file.acceptance?.number,
            unitOpinion: opinion.map { opinionStatement($0) }, supervisingDepartment: supervisingName ?? (post == nil ? nil : "主管部门"),
            postConfirmation: post.map { postStatement($0.0, recordedAt: $0.1) }, publicity: publicity.map { publicityStatement($0) })
        return form.render()
    }

    /// The employer's opinion and the supervising department's confirmation that stand: those
    /// recorded since the file last went back to the applicant, whose next submission is
    /// reviewed afresh. Each with the time it was recorded.
    static func standingStatements(in history: [ReviewRecord]) -> (opinion: UnitOpinion?, post: (PostConfirmation, Date)?) {
        var opinion: UnitOpinion?, post: (PostConfirmation, Date)?
        for entry in history {
            if entry.toStage == Stage.draft.rawValue { (opinion, post) = (nil, nil) }
            switch entry.detail {
            case .opinion(let value)?: opinion = value
            case .post(let value)?: post = (value, entry.createdAt)
            default: break
            }
        }
        return (opinion, post)
    }

    /// 所在单位核实意见 as the employer stated it when approving.
    static func opinionStatement(_ opinion: UnitOpinion) -> AssessmentForm.Statement {
        var lines = [
            "申报人履行岗位职责情况：" + (opinion.dutiesPerformed ? "经核实，履行岗位职责情况属实。" : "未确认。"),
            "申报材料是否真实：" + (opinion.materialsTrue ? "经核实，申报材料真实。" : "未确认。"),
            "是否同意申报：" + (opinion.agrees ? "同意申报。" : "不同意。"),
        ]
        if let remarks = opinion.remarks?.trimmingCharacters(in: .whitespacesAndNewlines), !remarks.isEmpty {
            lines.append("其他意见：" + remarks)
        }
        return AssessmentForm.Statement(lines: lines,
                                        signedBy: "审核人：\(opinion.reviewer)    审核日期：\(DateText.long(opinion.reviewedOn, in: .zh))")
    }

    /// 岗位情况确认 as the supervising department stated it, dated the day it was recorded.
    static func postStatement(_ confirmation: PostConfirmation, recordedAt: Date) -> AssessmentForm.Statement {
        AssessmentForm.Statement(lines: [
            "是否在专业技术岗位数量和结构比例内：" + (confirmation.withinQuota ? "是。" : "否。"),
            "是否同意在现有职称基础上申请高一级职称：" + (confirmation.consentsOneLevelUp ? "同意。" : "不同意。"),
        ], signedBy: "审核人：\(confirmation.reviewer)    确认日期：\(DateText.long(ShanghaiTime.date(of: recordedAt), in: .zh))")
    }

    /// 单位公示: when and where, and how it ended once the employer recorded it.
    static func publicityStatement(_ publicity: PublicityRecord) -> AssessmentForm.Statement {
        let day = { (iso: String, date: LocalDate?) in date.map { DateText.long($0, in: .zh) } ?? iso }
        let outcome = publicity.outcome
        return AssessmentForm.Statement(lines: [
            "公示时间：\(day(publicity.startsOn, publicity.startDay))至\(day(publicity.endsOn, publicity.endDay))",
            "公示地点：\(publicity.place)",
            "公示结果：" + (outcome?.summary.zh ?? "尚未登记（公示期满后由单位登记）"),
        ], signedBy: outcome.map { "登记人：\($0.recordedBy)    登记日期：\(DateText.long($0.recordedOn, in: .zh))" } ?? "")
    }
}
