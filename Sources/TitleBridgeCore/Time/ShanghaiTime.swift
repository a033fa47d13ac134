import Foundation

/// Turns instants into the Asia/Shanghai calendar days the notice speaks in.
///
/// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for
/// every date this system handles and does not depend on the host's time-zone database.
public enum ShanghaiTime {
    public static let secondsEast = 8 * 3600
    public static let identifier = "Asia/Shanghai"

    public static func date(of instant: Date) -> LocalDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + secondsEast
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return LocalDate(dayNumber: days)
    }

    /// The first instant of `day` in Shanghai (00:00:00 +08:00).
    public static func startOfDay(_ day: LocalDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 - secondsEast))
    }

    /// The first instant after `day` ends in Shanghai: a deadline "on day D" is kept while
    /// `now < endOfDay(D)`.
    public static func endOfDay(_ day: LocalDate) -> Date {
        startOfDay(day.adding(days: 1))
    }

    /// `2024-09-10T12:15:30+08:00`: the instant in Shanghai to the second, as RFC 3339 writes it.
    /// Counted out here rather than through a date formatter, which costs more than a whole
    /// request when made anew for every one.
    public static func iso8601(_ instant: Date) -> String {
        let day = date(of: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + secondsEast - day.dayNumber * 86_400
        func two(_ value: Int) -> String { (value < 10 ? "0" : "") + String(value) }
        return day.iso + "T" + two(seconds / 3600) + ":" + two(seconds % 3600 / 60) + ":" + two(seconds % 60) + "+08:00"
    }

    /// `2024-09-10 12:15` in Shanghai, as a time is shown to a person.
    public static func clockText(_ instant: Date) -> String {
        let day = date(of: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + secondsEast - day.dayNumber * 86_400
        let hour = seconds / 3600, minute = seconds % 3600 / 60
        return day.iso + " " + (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }
}
