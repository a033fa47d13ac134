import Foundation
import Testing
@testable import TitleBridgeCore

@Suite("LocalDate and Shanghai time")
struct LocalDateTests {
    @Test("ISO dates parse only when they name a real day", arguments: [
        ("2024-02-29", true), ("2023-02-29", false), ("2024-09-31", false), ("2024-13-01", false),
        ("2024-9-6", false), ("2024-09-06T00:00", false), ("２０２４-09-06", false), ("2024-09-06", true),
    ])
    func parsing(text: String, valid: Bool) {
        #expect((LocalDate(iso: text) != nil) == valid)
        if valid { #expect(LocalDate(iso: text)?.iso == text) }
    }

    @Test("Weekdays of the notice's dates")
    func weekdays() throws {
        // 2024-09-04 (signed) is a Wednesday, 08-31 a Saturday, 09-06 a Friday, 12-31 a Tuesday.
        let cases: [(String, Int)] = [("2024-09-04", 3), ("2024-08-31", 6), ("2024-09-06", 5), ("2024-12-31", 2), ("1970-01-01", 4)]
        for (text, weekday) in cases {
            #expect(try #require(LocalDate(iso: text)).isoWeekday == weekday, "\(text)")
        }
    }

    @Test("Day numbers round-trip across centuries")
    func dayNumbers() {
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: number).dayNumber == number)
        }
    }

    @Test("Adding months keeps the day or clamps to the month's end")
    func addingMonths() throws {
        let leap = try #require(LocalDate(iso: "2024-02-29"))
        #expect(leap.adding(years: 1).iso == "2025-02-28")
        #expect(leap.adding(years: 4).iso == "2028-02-29")
        #expect(try #require(LocalDate(iso: "2024-01-31")).adding(months: 1).iso == "2024-02-29")
        #expect(try #require(LocalDate(iso: "2014-07-01")).adding(years: 10).iso == "2024-07-01")
        #expect(try #require(LocalDate(iso: "2024-12-31")).adding(days: 1).iso == "2025-01-01")
    }

    @Test("Shanghai days start at 16:00 UTC the day before")
    func shanghaiDays() throws {
        let close = try #require(LocalDate(iso: "2024-09-19"))
        let lastSecond = ShanghaiTime.endOfDay(close).addingTimeInterval(-1)
        #expect(ShanghaiTime.date(of: lastSecond) == close)
        #expect(ShanghaiTime.date(of: ShanghaiTime.endOfDay(close)).iso == "2024-09-20")
        // 2024-09-19T16:00:00Z is midnight in Shanghai.
        #expect(ShanghaiTime.endOfDay(close) == Date(timeIntervalSince1970: 1_726_761_600))
        #expect(FixedClock(shanghai: close, hour: 23).today() == close)
        #expect(FixedClock(shanghai: close, hour: 0).today() == close)
    }
}
