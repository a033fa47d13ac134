import Fluent
import Foundation
import TitleBridgeCore

/// 面谈答辩场次 — one sitting of the committee: day, time, place or video link, and the field
/// whose files it hears. Its panel is in `PanelSeatRecord`, its files in `InterviewFileRecord`.
final class InterviewSessionRecord: Model, @unchecked Sendable {
    static let schema = "interview_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "batch_id") var batchID: String
    @Field(key: "field") var field: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "place") var place: String
    @OptionalField(key: "video_link") var videoLink: String?
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var certificateField: CertificateField? { CertificateField(rawValue: field) }

    /// When and where, as the applicant's message and the pages say it.
    var text: LocalizedText {
        let day = ShanghaiTime.date(of: startsAt)
        let from = String(ShanghaiTime.clockText(startsAt).suffix(5)), until = String(ShanghaiTime.clockText(endsAt).suffix(5))
        let link = videoLink.map { LocalizedText(zh: "（视频链接：\($0)）", en: " (video link: \($0))") } ?? LocalizedText(zh: "", en: "")
        return LocalizedText(zh: "\(DateText.withWeekday(day, in: .zh)) \(from)至\(until)（北京时间），地点：\(place)\(link.zh)",
                             en: "\(DateText.withWeekday(day, in: .en)), \(from)–\(until) (Beijing time), at \(place)\(link.en)")
    }
}
