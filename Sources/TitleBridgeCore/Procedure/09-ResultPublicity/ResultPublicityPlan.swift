/// 结果公示 (四(七)): "通过认定的人员名单将在系统中公示". The national rules put the period at
/// 不少于 5 个工作日 (FACTS.md §2); the batch policy holds the number.
///
/// Readings, the stricter where the texts are silent:
/// - the period starts on the day the bureau names, which must be a working day and not
///   before the day it publishes (a list cannot have been public before it was published);
/// - the start counts as the first working day, as in the unit publicity (`WorkingDayCalendar`);
/// - objections are taken through the whole last day (Asia/Shanghai), and a certificate only
///   from the next day on (`TransitionTable.resultPublicityOver`).
public struct ResultPublicityPlan: Sendable {
    public let policy: BatchPolicy
    public let calendar: WorkingDayCalendar

    public init(policy: BatchPolicy, calendar: WorkingDayCalendar) {
        self.policy = policy
        self.calendar = calendar
    }

    public var workingDays: Int { policy.thresholds.resultPublicityWorkingDays.value }
    public var citation: String { policy.thresholds.resultPublicityWorkingDays.citation }

    public struct Period: Sendable, Equatable {
        public let starts: LocalDate
        public let ends: LocalDate

        public init(starts: LocalDate, ends: LocalDate) {
            self.starts = starts
            self.ends = ends
        }

        /// Objections are taken on these days.
        public func isOpen(on day: LocalDate) -> Bool { starts <= day && day <= ends }
        /// Certificates may be issued from the day after the last.
        public func isOver(on day: LocalDate) -> Bool { day > ends }

        public var text: LocalizedText {
            LocalizedText(zh: DateText.range(starts, ends, in: .zh), en: DateText.range(starts, ends, in: .en))
        }
    }

    /// The period of a list published on `today` to start on `start`.
    public func period(startingOn start: LocalDate, today: LocalDate) throws(ProfileError) -> Period {
        guard start >= today else {
            throw ProfileError(code: "start_in_past", field: "startsOn", message: LocalizedText(
                zh: "公示开始日期不能早于今天（\(DateText.long(today, in: .zh))）。",
                en: "The publicity cannot start before today (\(DateText.long(today, in: .en)))."))
        }
        if let problem = calendar.notWorkingDayProblem(start, what: LocalizedText(zh: "公示开始日", en: "the first day of the publicity")) {
            throw ProfileError(code: "start_not_working_day", field: "startsOn", message: problem)
        }
        return Period(starts: start, ends: calendar.nthWorkingDay(from: start, count: workingDays).value)
    }

    /// What the bureau reads before it publishes.
    public func guidance(today: LocalDate) -> LocalizedText {
        let start = calendar.nthWorkingDay(from: today, count: 1).value
        let ends = calendar.nthWorkingDay(from: start, count: workingDays).value
        return LocalizedText(
            zh: "结果公示期不少于\(workingDays)个工作日（\(citation)）。自\(DateText.long(start, in: .zh))起公示的，至\(DateText.long(ends, in: .zh))结束；公示期间可提出异议，期满无异议方可发证。",
            en: "The result publicity runs at least \(workingDays) working days (\(citation)). Published from \(DateText.long(start, in: .en)) it ends on \(DateText.long(ends, in: .en)); objections are taken while it runs, and certificates are issued only after it ends with none open.")
    }
}
