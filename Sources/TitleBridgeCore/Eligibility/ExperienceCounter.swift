/// Counts work experience the way 三(二) asks for it.
///
/// **How "满 N 年" is counted.** Periods include both their first and last day; an open period
/// (`to == nil`) runs to the experience cut-off (三(二): 计算截至 2024-12-31 for the second
/// batch), and no day after the cut-off counts. Periods that overlap count once: the days
/// covered by their union are added up. N years are met when those days are at least the
/// number of days in the N years that end on the cut-off — for one unbroken period, exactly
/// when it starts on or before the cut-off's day N years earlier plus one day (2015-01-01 for
/// 10 years to 2024-12-31). So 2015-01-01 … 2024-12-31 is 满 10 年 and 2015-01-02 … is not.
///
/// For the education ladder only work from the day the degree was awarded counts (取得学历
/// 后从事相关工作): that is how title rules count 资历, and the careful reading of "具备…学位，
/// 从事相关工作满 N 年".
public struct ExperienceCounter: Sendable {
    public let cutoff: LocalDate

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

    /// Days of merged `spans` on or after `notBefore`.
    public func coveredDays(_ spans: [ClosedRange<Int>], notBefore: LocalDate? = nil) -> Int {
        let floor = notBefore?.dayNumber ?? Int.min
        var total = 0
        for span in spans where span.upperBound >= floor {
            total += span.upperBound - max(span.lowerBound, floor) + 1
        }
        return total
    }

    /// Days covered by the union of `periods`, clipped to `[notBefore, cutoff]`.
    public func coveredDays(_ periods: [ApplicantProfile.WorkPeriod], notBefore: LocalDate? = nil) -> Int {
        coveredDays(merge(periods), notBefore: notBefore)
    }

    /// Days in the `years` years that end on the cut-off.
    public func daysIn(years: Int) -> Int {
        cutoff.dayNumber - cutoff.adding(days: 1).adding(years: -years).dayNumber + 1
    }

    /// Whether merged `spans` reach 满 `years` 年 counting from `notBefore`.
    public func meets(years: Int, _ spans: [ClosedRange<Int>], notBefore: LocalDate? = nil) -> Bool {
        years <= 0 || coveredDays(spans, notBefore: notBefore) >= daysIn(years: years)
    }

    /// Whether the covered days of `periods` reach 满 `years` 年.
    public func meets(years: Int, _ periods: [ApplicantProfile.WorkPeriod], notBefore: LocalDate? = nil) -> Bool {
        meets(years: years, merge(periods), notBefore: notBefore)
    }
}
