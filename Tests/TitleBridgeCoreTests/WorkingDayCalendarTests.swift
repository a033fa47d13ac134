import Testing
@testable import TitleBridgeCore

@Suite("Working-day calendar")
struct WorkingDayCalendarTests {
    static let calendar: WorkingDayCalendar = {
        do { return try WorkingDayCalendar.bundled() } catch { fatalError("bundled calendar: \(error)") }
    }()

    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError("\(iso) is not a date") }
        return date
    }

    @Test("2024 has 251 working days")
    func year2024() {
        let answer = Self.calendar.workingDays(from: Self.day("2024-01-01"), through: Self.day("2024-12-31"))
        #expect(answer == CalendarAnswer(value: 251, provisional: false))
    }

    @Test("The submission window 2024-09-06 … 09-19 holds 9 working days")
    func window() {
        #expect(Self.calendar.workingDays(from: Self.day("2024-09-06"), through: Self.day("2024-09-19")).value == 9)
        #expect(Self.calendar.isWorkingDay(Self.day("2024-09-14")).value, "Saturday 9/14 was worked for Mid-Autumn")
        #expect(!Self.calendar.isWorkingDay(Self.day("2024-09-16")).value, "Monday 9/16 was Mid-Autumn")
    }

    @Test("N-th working day and latest start, as the API examples give them")
    func counting() {
        #expect(Self.calendar.nthWorkingDay(from: Self.day("2024-09-13"), count: 5).value.iso == "2024-09-20")
        #expect(Self.calendar.latestStart(endingBy: Self.day("2024-09-19"), count: 5).value.iso == "2024-09-12")
    }

    @Test("A year without a notice counts Monday to Friday and says so")
    func provisional() {
        let answer = Self.calendar.isWorkingDay(Self.day("2027-01-01"))
        #expect(answer.value == true)
        #expect(answer.provisional)
        #expect(Self.calendar.isWorkingDay(Self.day("2026-01-01")) == CalendarAnswer(value: false, provisional: false))
    }

    @Test("A weekday listed as an adjusted working day is refused")
    func validation() throws {
        let year = HolidayYear(year: 2024,
                               source: .init(title: "t", document: nil, issuedOn: Self.day("2023-10-25")),
                               holidays: [], adjustedWorkingDays: [Self.day("2024-09-13")])
        #expect(throws: DataFileError.self) { try year.validate(file: "x.json") }
    }
}

@Suite("Working-day calendar: holiday weeks, day by day")
struct HolidayWeekTests {
    /// 2024-09-09 … 10-13: Mid-Autumn (9/15–17, Saturday 9/14 worked) and National Day
    /// (10/1–7, Sunday 9/29 and Saturday 10/12 worked), per 国办发明电〔2023〕7号.
    @Test("2024 Mid-Autumn and National Day weeks", arguments: [
        ("2024-09-13", true), ("2024-09-14", true), ("2024-09-15", false), ("2024-09-16", false),
        ("2024-09-17", false), ("2024-09-18", true), ("2024-09-21", false), ("2024-09-22", false),
        ("2024-09-28", false), ("2024-09-29", true), ("2024-09-30", true), ("2024-10-01", false),
        ("2024-10-04", false), ("2024-10-07", false), ("2024-10-08", true), ("2024-10-12", true),
        ("2024-10-13", false),
    ])
    func autumn2024(day: String, working: Bool) {
        #expect(WorkingDayCalendarTests.calendar.isWorkingDay(WorkingDayCalendarTests.day(day)) == CalendarAnswer(value: working, provisional: false))
    }

    @Test("2025 Spring Festival (1/28–2/4; Sunday 1/26 and Saturday 2/8 worked)", arguments: [
        ("2025-01-25", false), ("2025-01-26", true), ("2025-01-27", true), ("2025-01-28", false),
        ("2025-02-04", false), ("2025-02-05", true), ("2025-02-08", true), ("2025-02-09", false),
    ])
    func spring2025(day: String, working: Bool) {
        #expect(WorkingDayCalendarTests.calendar.isWorkingDay(WorkingDayCalendarTests.day(day)).value == working)
    }

    @Test("2026 Spring Festival (2/15–2/23; Saturdays 2/14 and 2/28 worked)", arguments: [
        ("2026-02-13", true), ("2026-02-14", true), ("2026-02-15", false), ("2026-02-20", false),
        ("2026-02-23", false), ("2026-02-24", true), ("2026-02-28", true), ("2026-03-01", false),
    ])
    func spring2026(day: String, working: Bool) {
        #expect(WorkingDayCalendarTests.calendar.isWorkingDay(WorkingDayCalendarTests.day(day)).value == working)
    }

    @Test("Counting across National Day 2024")
    func acrossNationalDay() {
        let calendar = WorkingDayCalendarTests.calendar
        // Publicity from Monday 9/30 for 5 working days: 9/30, 10/8, 10/9, 10/10, 10/11.
        #expect(calendar.nthWorkingDay(from: WorkingDayCalendarTests.day("2024-09-30"), count: 5).value.iso == "2024-10-11")
        // A start on a holiday counts from the next working day.
        #expect(calendar.nthWorkingDay(from: WorkingDayCalendarTests.day("2024-10-01"), count: 1).value.iso == "2024-10-08")
        #expect(calendar.latestStart(endingBy: WorkingDayCalendarTests.day("2024-10-07"), count: 1).value.iso == "2024-09-30")
        #expect(calendar.workingDays(from: WorkingDayCalendarTests.day("2024-09-28"), through: WorkingDayCalendarTests.day("2024-10-13")).value == 7)
        // Crossing into a year without a notice makes the answer provisional.
        #expect(calendar.nthWorkingDay(from: WorkingDayCalendarTests.day("2026-12-30"), count: 5).provisional)
    }
}
