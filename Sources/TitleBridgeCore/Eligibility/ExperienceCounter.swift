/// 工作年限 — a length of work in whole months and the days left over, as 三(二) counts "满 N 年".
public struct WorkLength: Sendable, Equatable, Comparable {
    public let months: Int
    public let days: Int

    public init(months: Int, days: Int) {
        self.months = months
        self.days = days
    }

    public static let zero = WorkLength(months: 0, days: 0)

    public var years: Int { months / 12 }

    public static func < (lhs: WorkLength, rhs: WorkLength) -> Bool {
        (lhs.months, lhs.days) < (rhs.months, rhs.days)
    }
}

/// Counts work experience the way 三(二) asks for it.
///
/// **How "满 N 年" is counted** — in calendar years, months and days, never in a number of
/// days, so that N years of work are N years whatever leap days they hold:
///
/// - A period includes its first and last day. An open period (`to == nil`) runs to the
///   experience cut-off (三(二): 计算截至 2024-12-31 for the second batch); no day after the
///   cut-off counts. Overlapping or touching periods are merged first: a day counts once.
/// - One unbroken span from D1 to D2 holds m whole months when D2 is on or after
///   D1 + m months − 1 day. A day with no counterpart in the target month (31 January + 1 month,
///   29 February + 1 year) ends the period on that month's last day — 民法典 第二百零二条:
///   "没有对应日的，月末日为期间的最后一日". So 2015-01-01 … 2024-12-31 and 2005-01-01 …
///   2014-12-31 are both 满 10 年, and 2016-02-29 … 2017-02-28 is 满 1 年. The days after the
///   last whole month are the span's remaining days.
/// - Several spans add up by whole months; their remaining days are added and every 30 of them
///   make one more month (a month is 30 days when a period does not start on its first day —
///   the civil-law convention of 《民法通则意见》第198条). One span alone is counted by the
///   calendar only: 2024-01-01 … 2024-01-30 is 30 days, not a month.
/// - 满 N 年 is met when the months reach 12 × N.
///
/// For the education ladder only work from the day the degree was awarded counts (取得学历
/// 后从事相关工作): that is how title rules count 资历, and the careful reading of "具备…学位，
/// 从事相关工作满 N 年".
public struct ExperienceCounter: Sendable {
    public let cutoff: LocalDate

    /// Remaining days that make one month when spans are added up.
    public static let daysPerMonth = 30

    public init(cutoff: LocalDate) {
        self.cutoff = cutoff
    }

    /// The union of the periods that `include` keeps, clipped to the cut-off, as sorted
    /// disjoint day-number spans. Merge once, then count as often as needed.
    public func merge(_ periods: [ApplicantProfile.WorkPeriod],
                      where include: (ApplicantProfile.WorkPeriod) -> Bool = { _ in true }) -> [ClosedRange<Int>] {
        let end = cutoff.dayNumber
        var spans: [ClosedRange<Int>] = []
        spans.reserveCapacity(periods.count)
        for period in periods where include(period) {
            let from = period.from.dayNumber, to = min(period.to?.dayNumber ?? end, end)
            if from <= to { spans.append(from...to) }
        }
        guard spans.count > 1 else { return spans }
        spans.sort { $0.lowerBound < $1.lowerBound }
        var merged = 0
        for index in 1..<spans.count {
            if spans[index].lowerBound <= spans[merged].upperBound + 1 {
                spans[merged] = spans[merged].lowerBound...max(spans[merged].upperBound, spans[index].upperBound)
            } else {
                merged += 1
                spans[merged] = spans[index]
            }
        }
        spans.removeLast(spans.count - merged - 1)
        return spans
    }

    /// The length of merged `spans` counted from `notBefore` (work before it is left out).
    public func length(_ spans: [ClosedRange<Int>], notBefore: LocalDate? = nil) -> WorkLength {
        let floor = notBefore?.dayNumber ?? Int.min
        var months = 0, days = 0, pieces = 0
        for span in spans where span.upperBound >= floor {
            let piece = Self.length(from: LocalDate(dayNumber: max(span.lowerBound, floor)),
                                    to: LocalDate(dayNumber: span.upperBound))
            months += piece.months
            days += piece.days
            pieces += 1
        }
        // One span is counted by the calendar alone (its 30 remaining days in a 31-day month
        // are not a month); only days left over from several spans make months of 30 days.
        guard pieces > 1 else { return WorkLength(months: months, days: days) }
        return WorkLength(months: months + days / Self.daysPerMonth, days: days % Self.daysPerMonth)
    }

    /// The length of the union of `periods`, clipped to `[notBefore, cutoff]`.
    public func length(_ periods: [ApplicantProfile.WorkPeriod], notBefore: LocalDate? = nil) -> WorkLength {
        length(merge(periods), notBefore: notBefore)
    }

    /// Whole months and remaining days of one unbroken span, both ends included.
    public static func length(from start: LocalDate, to end: LocalDate) -> WorkLength {
        guard start <= end else { return .zero }
        var months = (end.year - start.year) * 12 + (end.month - start.month)
        while months > 0 && lastDay(from: start, months: months) > end { months -= 1 }
        while lastDay(from: start, months: months + 1) <= end { months += 1 }
        return WorkLength(months: months, days: end.dayNumber - lastDay(from: start, months: months).dayNumber)
    }

    /// The last day of `months` whole months that start on `start`: the day before the
    /// counterpart day, or the target month's last day when it has no counterpart.
    static func lastDay(from start: LocalDate, months: Int) -> LocalDate {
        guard months > 0 else { return start.adding(days: -1) }
        let index = start.year * 12 + (start.month - 1) + months
        let (year, month) = (index / 12, index % 12 + 1)
        let length = LocalDate.daysIn(month: month, year: year)
        guard start.day <= length, let counterpart = LocalDate(year: year, month: month, day: start.day) else {
            return LocalDate(year: year, month: month, day: length) ?? start
        }
        return counterpart.adding(days: -1)
    }

    /// Whether merged `spans` reach 满 `years` 年 counting from `notBefore`.
    public func meets(years: Int, _ spans: [ClosedRange<Int>], notBefore: LocalDate? = nil) -> Bool {
        years <= 0 || length(spans, notBefore: notBefore).months >= years * 12
    }

    /// Whether the periods reach 满 `years` 年.
    public func meets(years: Int, _ periods: [ApplicantProfile.WorkPeriod], notBefore: LocalDate? = nil) -> Bool {
        meets(years: years, merge(periods), notBefore: notBefore)
    }
}
