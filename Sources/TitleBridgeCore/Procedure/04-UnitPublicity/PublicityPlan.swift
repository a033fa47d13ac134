/// 申报公示 — the unit publicity of 四(四): at least N working days inside the unit, over
/// before the file is reported, which must happen within the batch's window. The plan works
/// both ways from the working-day calendar: when a publicity starting on a day ends, and the
/// latest day it can start and still end by the window's last day.
public struct PublicityPlan: Sendable {
    public let policy: BatchPolicy
    public let calendar: WorkingDayCalendar

    public init(policy: BatchPolicy, calendar: WorkingDayCalendar) {
        self.policy = policy
        self.calendar = calendar
    }

    /// 公示期不少于 N 个工作日.
    public var workingDays: Int { policy.thresholds.unitPublicityWorkingDays.value }
    public var citation: String { policy.thresholds.unitPublicityWorkingDays.citation }

    /// The last day of a publicity that starts on `start` (the start counts when it is a
    /// working day — `WorkingDayCalendar` explains the reading).
    public func earliestEnd(startingOn start: LocalDate) -> CalendarAnswer<LocalDate> {
        calendar.nthWorkingDay(from: start, count: workingDays)
    }

    /// The latest start whose publicity still ends on the window's last day.
    public var latestStart: CalendarAnswer<LocalDate> {
        calendar.latestStart(endingBy: policy.dates.submissionCloses.value, count: workingDays)
    }

    /// The last day a file submitted to the employer can still finish its publicity inside the
    /// window. Reading: the employer may check, approve and start the publicity on the day the
    /// file reaches it, so for an enterprise it is the latest start; a public institution's
    /// supervising department confirms the post before the publicity, and is given one working
    /// day for it, so its staff submit one working day earlier.
    public func lastUsefulSubmission(employerKind: ApplicantProfile.EmployerKind) -> CalendarAnswer<LocalDate> {
        let extra = employerKind == .publicInstitution ? 1 : 0
        return calendar.latestStart(endingBy: policy.dates.submissionCloses.value, count: workingDays + extra)
    }

    /// What a submission on `day` is told when it comes after the last useful day: the file
    /// goes to the employer, but its publicity can no longer end inside the window.
    public func lateSubmissionWarning(on day: LocalDate, employerKind: ApplicantProfile.EmployerKind) -> LocalizedText? {
        let last = lastUsefulSubmission(employerKind: employerKind).value
        guard day > last else { return nil }
        let closes = policy.dates.submissionCloses.value
        return LocalizedText(
            zh: "注意：提交所在单位审核的最后有效日为\(DateText.long(last, in: .zh))。此后提交的，单位公示（不少于\(workingDays)个工作日）无法在上报截止日\(DateText.long(closes, in: .zh))前结束，本件很可能无法参加本批次考核认定。",
            en: "Note: the last useful day to submit the file to the employer was \(DateText.long(last, in: .en)). Submitted later, the unit publicity (at least \(workingDays) working days) cannot end by the last reporting day, \(DateText.long(closes, in: .en)), so this file will most likely miss this batch.")
    }

    /// A publicity follows the unit's approval of a submitted file and cannot start after the
    /// last reporting day; a start that ends after it is accepted (the unit did post it) and
    /// `assess` says the file misses the batch.
    public func checkStart(_ start: LocalDate, submittedOn: LocalDate?) throws(ProfileError) {
        let earliest = submittedOn ?? policy.dates.submissionOpens.value
        let closes = policy.dates.submissionCloses.value
        guard start >= earliest, start <= closes else {
            throw ProfileError(code: "date_range", field: "startsOn", message: LocalizedText(
                zh: "公示开始日期须在\(DateText.range(earliest, closes, in: .zh))之间（提交之日至上报截止日）。",
                en: "The publicity must start on a day from \(DateText.range(earliest, closes, in: .en)) (from submission to the last reporting day)."))
        }
    }

    /// What a start on `start` means for this batch.
    public struct Assessment: Sendable, Equatable {
        public let start: LocalDate
        public let ends: LocalDate
        /// The publicity ends on or before the window's last day, so the file can be reported.
        public let fitsWindow: Bool
        /// The calendar of a year it runs into is not yet published (dates may move).
        public let provisional: Bool
        public let message: LocalizedText
    }

    public func assess(startingOn start: LocalDate) -> Assessment {
        let end = earliestEnd(startingOn: start)
        let closes = policy.dates.submissionCloses.value
        let fits = end.value <= closes
        let zhEnd = DateText.long(end.value, in: .zh), enEnd = DateText.long(end.value, in: .en)
        let message: LocalizedText = fits
            ? LocalizedText(zh: "公示自\(DateText.long(start, in: .zh))起不少于\(workingDays)个工作日，最早于\(zhEnd)结束；结束后即可上报。",
                            en: "A publicity from \(DateText.long(start, in: .en)) runs at least \(workingDays) working days and ends on \(enEnd) at the earliest; the file can be reported from then.")
            : LocalizedText(zh: "公示自\(DateText.long(start, in: .zh))起最早于\(zhEnd)结束，晚于本批次上报截止日\(DateText.long(closes, in: .zh))，本件将无法参加本批次考核认定。",
                            en: "A publicity from \(DateText.long(start, in: .en)) ends on \(enEnd) at the earliest, after the batch's last reporting day (\(DateText.long(closes, in: .en))); the file will not be able to take part in this batch.")
        return Assessment(start: start, ends: end.value, fitsWindow: fits, provisional: end.provisional, message: message)
    }

    /// What the employer reads before it starts: how long, and the last day to start.
    public func guidance(today: LocalDate) -> LocalizedText {
        let latest = latestStart.value
        let fromToday = earliestEnd(startingOn: today).value
        return LocalizedText(
            zh: "公示期不少于\(workingDays)个工作日（\(citation)）。今天开始的公示最早于\(DateText.long(fromToday, in: .zh))结束；要在\(DateText.long(policy.dates.submissionCloses.value, in: .zh))前上报，最迟须于\(DateText.long(latest, in: .zh))开始公示。",
            en: "The publicity runs at least \(workingDays) working days (\(citation)). Started today it ends on \(DateText.long(fromToday, in: .en)) at the earliest; to report by \(DateText.long(policy.dates.submissionCloses.value, in: .en)) it must start on \(DateText.long(latest, in: .en)) at the latest.")
    }
}

extension PublicityPlan {
    /// The stages a file passes before it is reported (上报): the bureau's deadline view counts
    /// these as the window closes.
    public static let unreportedStages: [Stage] = [.draft, .employerReview, .supervisorReview, .unitPublicity]

    /// Whether a file not yet reported can no longer be reported inside the window (四(四)): a
    /// publicity that ends after the window's last day, or — once the latest start has passed —
    /// a file whose publicity has not begun. Reading: the latest start is counted without the
    /// supervising department's extra day, so only files that surely cannot make it are counted.
    public func cannotEndInTime(stage: Stage, publicityEndsOn: LocalDate?, today: LocalDate) -> Bool {
        switch stage {
        case .unitPublicity: (publicityEndsOn ?? today) > policy.dates.submissionCloses.value
        case .draft, .employerReview, .supervisorReview: today > latestStart.value
        default: false
        }
    }
}
