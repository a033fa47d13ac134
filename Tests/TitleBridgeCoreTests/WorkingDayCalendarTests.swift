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
