/// Days the bureau sets for others — the day a supplement is due (四(五)), the day the printed
/// files are brought — are working days: an applicant told to act on a public holiday or an
/// ordinary weekend finds the office closed. A weekend day made a working day by 调休 counts
/// as a working day, as everywhere in `WorkingDayCalendar`.
extension WorkingDayCalendar {
    /// Why `day` cannot be such a day, naming the holiday it falls in; nil when it is a working day.
    /// `what` names the day in the sentence ("补正截止日" / "the supplement's due day").
    public func notWorkingDayProblem(_ day: LocalDate, what: LocalizedText) -> LocalizedText? {
        guard !isWorkingDay(day).value else { return nil }
        let kind: LocalizedText = holiday(on: day).map {
            LocalizedText(zh: "\($0.name.zh)假期", en: "a public holiday (\($0.name.en))")
        } ?? LocalizedText(zh: "休息日", en: "a weekend day")
        let suggestion = nthWorkingDay(from: day, count: 1).value
        return LocalizedText(
            zh: "\(DateText.withWeekday(day, in: .zh))是\(kind.zh)，不是工作日；\(what.zh)须为工作日（其后第一个工作日为\(DateText.withWeekday(suggestion, in: .zh))）。",
            en: "\(DateText.withWeekday(day, in: .en)) is \(kind.en), not a working day; \(what.en) must be a working day (the next one is \(DateText.withWeekday(suggestion, in: .en))).")
    }

    /// The `count`-th working day after `day` (`day` itself not counted): the default due day
    /// of a request made on `day`.
    public func workingDay(_ count: Int, after day: LocalDate) -> LocalDate {
        nthWorkingDay(from: day.adding(days: 1), count: count).value
    }
}
