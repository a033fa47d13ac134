/// Dates as people read them: `2024年9月6日` and `6 September 2024`.
public enum DateText {
    private static let months = ["January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December"]
    private static let weekdaysZh = ["一", "二", "三", "四", "五", "六", "日"]
    private static let weekdaysEn = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    public static func long(_ date: LocalDate, in language: Language) -> String {
        switch language {
        case .zh: "\(date.year)年\(date.month)月\(date.day)日"
        case .en: "\(date.day) \(months[date.month - 1]) \(date.year)"
        }
    }

    /// With the weekday: `2024年9月6日（周五）`, `Fri 6 September 2024`.
    public static func withWeekday(_ date: LocalDate, in language: Language) -> String {
        switch language {
        case .zh: "\(long(date, in: .zh))（周\(weekdaysZh[date.isoWeekday - 1])）"
        case .en: "\(weekdaysEn[date.isoWeekday - 1]) \(long(date, in: .en))"
        }
    }

    public static func range(_ from: LocalDate, _ to: LocalDate, in language: Language) -> String {
        switch language {
        case .zh: "\(withWeekday(from, in: .zh)) 至 \(withWeekday(to, in: .zh))"
        case .en: "\(withWeekday(from, in: .en)) to \(withWeekday(to, in: .en))"
        }
    }
}
