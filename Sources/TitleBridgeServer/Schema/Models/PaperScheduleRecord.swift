import Fluent
import Foundation
import TitleBridgeCore

/// 纸质材料报送 — when and where accepted applicants bring their printed files (one per batch).
final class PaperScheduleRecord: Model, @unchecked Sendable {
    static let schema = "paper_schedules"

    @ID(key: .id) var id: UUID?
    @Field(key: "batch_id") var batchID: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "place") var place: String
    @Field(key: "set_by") var setBy: UUID
    @Field(key: "set_at") var setAt: Date

    init() {}

    var text: LocalizedText {
        let day = ShanghaiTime.date(of: startsAt)
        let from = String(ShanghaiTime.clockText(startsAt).suffix(5)), until = String(ShanghaiTime.clockText(endsAt).suffix(5))
        return LocalizedText(zh: "请于\(DateText.withWeekday(day, in: .zh)) \(from)至\(until)（北京时间），携带打印的申报材料和受理号到\(place)报送纸质材料。",
                             en: "Bring the printed files with your acceptance number to \(place) on \(DateText.withWeekday(day, in: .en)), \(from)–\(until) (Beijing time).")
    }
}
