import Foundation

/// An answer of the working-day calendar, and whether it rests on a year without official data.
public struct CalendarAnswer<Value: Sendable & Equatable>: Sendable, Equatable {
    public let value: Value
    /// True when a day the answer depends on lies in a year for which no State Council notice
    /// is loaded: that year is counted Monday–Friday and the answer may change once it is.
    public let provisional: Bool
}

/// China's working days (工作日): Monday to Friday, less public holidays, plus the weekend days
/// made working days by 调休, from the yearly State Council notices.
///
/// "N 个工作日" periods such as the unit publicity of 四(四) count the start day itself when
/// it is a working day: a publicity posted on the morning of a working day runs that day.
public struct WorkingDayCalendar: Sendable {
    public let years: [Int: HolidayYear]
    private let holidays: Set<Int>
    private let workingWeekends: Set<Int>

    public init(years: [HolidayYear]) {
        var byYear: [Int: HolidayYear] = [:]
        var holidays = Set<Int>(), workingWeekends = Set<Int>()
        for year in years {
            byYear[year.year] = year
            for holiday in year.holidays {
                for day in holiday.from.dayNumber...holiday.to.dayNumber { holidays.insert(day) }
            }
            for day in year.adjustedWorkingDays { workingWeekends.insert(day.dayNumber) }
        }
        self.years = byYear
        self.holidays = holidays
        self.workingWeekends = workingWeekends
    }

    /// The calendar of every year file shipped with TitleBridge.
    public static func bundled() throws -> WorkingDayCalendar {
        WorkingDayCalendar(years: try ResourceFile.urls(in: "calendar").map(HolidayYear.load(from:)))
    }

    public func hasData(for year: Int) -> Bool { years[year] != nil }

    public func isWorkingDay(_ day: LocalDate) -> CalendarAnswer<Bool> {
        CalendarAnswer(value: isWorking(day.dayNumber), provisional: !hasData(for: day.year))
    }

    /// The holiday a day falls in, if any.
    public func holiday(on day: LocalDate) -> HolidayYear.Holiday? {
        years[day.year]?.holidays.first { $0.from <= day && day <= $0.to }
    }

    /// The day of the `count`-th working day counted from `start` (itself included when it is
    /// a working day). `count` must be at least 1.
    public func nthWorkingDay(from start: LocalDate, count: Int) -> CalendarAnswer<LocalDate> {
        precondition(count >= 1, "count starts at 1")
        var day = start.dayNumber, seen = 0, provisional = false
        while true {
            provisional = provisional || !hasData(for: LocalDate(dayNumber: day).year)
            if isWorking(day) {
                seen += 1
                if seen == count { return CalendarAnswer(value: LocalDate(dayNumber: day), provisional: provisional) }
            }
            day += 1
        }
    }

    /// Working days from `start` through `end`, both included; 0 when `end` is before `start`.
    public func workingDays(from start: LocalDate, through end: LocalDate) -> CalendarAnswer<Int> {
        guard start <= end else { return CalendarAnswer(value: 0, provisional: false) }
        var count = 0
        for day in start.dayNumber...end.dayNumber where isWorking(day) { count += 1 }
        let provisional = (start.year...end.year).contains { !hasData(for: $0) }
        return CalendarAnswer(value: count, provisional: provisional)
    }

    /// The latest day a period of `count` working days can start and still end on or before
    /// `end`.
    public func latestStart(endingBy end: LocalDate, count: Int) -> CalendarAnswer<LocalDate> {
        precondition(count >= 1, "count starts at 1")
        var day = end.dayNumber, seen = 0, provisional = false
        while true {
            provisional = provisional || !hasData(for: LocalDate(dayNumber: day).year)
            if isWorking(day) {
                seen += 1
                if seen == count { return CalendarAnswer(value: LocalDate(dayNumber: day), provisional: provisional) }
            }
            day -= 1
        }
    }

    private func isWorking(_ dayNumber: Int) -> Bool {
        if holidays.contains(dayNumber) { return false }
        if workingWeekends.contains(dayNumber) { return true }
        let r = (dayNumber + 3) % 7
        return (r < 0 ? r + 7 : r) < 5
    }
}
