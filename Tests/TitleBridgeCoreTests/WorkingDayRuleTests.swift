import Testing
@testable import TitleBridgeCore

@Suite("Days the bureau sets are working days")
struct WorkingDayRuleTests {
    static let what = LocalizedText(zh: "补正截止日", en: "the supplement's due day")

    @Test("A National Day holiday is refused by name, with the next working day; a weekend too; a 调休 Sunday is a working day")
    func problems() {
        let calendar = WorkingDayCalendarTests.calendar
        let holiday = calendar.notWorkingDayProblem(WorkingDayCalendarTests.day("2024-10-03"), what: Self.what)
        #expect(holiday?.zh.contains("国庆节") == true)
        #expect(holiday?.zh.contains("10月8日") == true, "the next working day is named")
        #expect(holiday?.en.contains("National Day") == true)
        #expect(calendar.notWorkingDayProblem(WorkingDayCalendarTests.day("2024-09-28"), what: Self.what)?.zh.contains("休息日") == true)
        #expect(calendar.notWorkingDayProblem(WorkingDayCalendarTests.day("2024-09-29"), what: Self.what) == nil)
        #expect(calendar.notWorkingDayProblem(WorkingDayCalendarTests.day("2024-09-30"), what: Self.what) == nil)
    }

    @Test("Ten working days after Monday 23 September 2024 is Friday 11 October, past National Day")
    func defaultDue() {
        let calendar = WorkingDayCalendarTests.calendar
        #expect(calendar.workingDay(10, after: WorkingDayCalendarTests.day("2024-09-23")).iso == "2024-10-11")
        #expect(calendar.workingDay(1, after: WorkingDayCalendarTests.day("2024-09-30")).iso == "2024-10-08")
    }
}
