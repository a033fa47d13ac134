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

    /// Days covered by the union of `periods`, clipped to `[notBefore, cutoff]`.
    public func coveredDays(_ periods: [ApplicantProfile.WorkPeriod], notBefore: LocalDate? = nil) -> Int {
        let end = cutoff.dayNumber
        let floor = notBefore?.dayNumber ?? Int.min
        var spans: [(Int, Int)] = []
        spans.reserveCapacity(periods.count)
        for period in periods {
            let from = max(period.from.dayNumber, floor)
            let to = min(period.to?.dayNumber ?? end, end)
            if from <= to { spans.append((from, to)) }
        }
        guard !spans.isEmpty else { return 0 }
        if spans.count > 1 { spans.sort { $0.0 < $1.0 } }
        var total = 0
        var (start, stop) = spans[0]
        for (from, to) in spans.dropFirst() {
            if from <= stop + 1 {
                stop = max(stop, to)
            } else {
                total += stop - start + 1
                (start, stop) = (from, to)
            }
        }
        return total + stop - start + 1
    }

    /// Days in the `years` years that end on the cut-off.
    public func daysIn(years: Int) -> Int {
        cutoff.dayNumber - cutoff.adding(days: 1).adding(years: -years).dayNumber + 1
    }

    /// Whether the covered days reach 满 `years` 年.
    public func meets(years: Int, _ periods: [ApplicantProfile.WorkPeriod], notBefore: LocalDate? = nil) -> Bool {
        years <= 0 || coveredDays(periods, notBefore: notBefore) >= daysIn(years: years)
    }
}
