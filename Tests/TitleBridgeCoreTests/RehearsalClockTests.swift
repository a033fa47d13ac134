import Foundation
import Testing
@testable import TitleBridgeCore

@Suite("Rehearsal clock")
struct RehearsalClockTests {
    struct Row: Sendable, CustomStringConvertible {
        let text: String
        /// Shanghai wall time expected, or nil when the text must be refused.
        let shanghai: String?
        var description: String { text }
    }

    @Test("--clock reads an instant with an offset, or a wall time in Shanghai", arguments: [
        Row(text: "2024-09-10T09:00:00+08:00", shanghai: "2024-09-10 09:00"),
        Row(text: "2024-09-10T01:00:00Z", shanghai: "2024-09-10 09:00"),
        Row(text: "2024-09-19T10:00:00+00:00", shanghai: "2024-09-19 18:00"),
        Row(text: "2024-09-10T09:00", shanghai: "2024-09-10 09:00"),
        Row(text: "2024-09-10 23:59:59", shanghai: "2024-09-10 23:59"),
        Row(text: "2024-09-10", shanghai: "2024-09-10 00:00"),
        Row(text: "2024-09-31T09:00", shanghai: nil),
        Row(text: "2024-09-10T24:00", shanghai: nil),
        Row(text: "yesterday", shanghai: nil),
        Row(text: "", shanghai: nil),
    ])
    func parsing(row: Row) {
        let instant = RehearsalClock.instant(from: row.text)
        #expect(instant.map(ShanghaiTime.clockText) == row.shanghai)
    }

    @Test("The clock header's instant: Shanghai wall time to the second with its offset, as an ISO 8601 formatter writes it",
          arguments: [0.0, 1_725_929_999, 1_725_930_000.75, 1_726_761_599, 1_726_761_600, 1_735_660_799, 4_102_444_800])
    func headerInstant(seconds: Double) {
        let instant = Date(timeIntervalSince1970: seconds)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: ShanghaiTime.secondsEast)
        #expect(ShanghaiTime.iso8601(instant) == formatter.string(from: instant))
    }

    @Test("It starts at the chosen instant and runs on in real time; the real clocks are not rehearsals")
    func runsForward() throws {
        let start = try #require(RehearsalClock.instant(from: "2024-09-19T23:59:59+08:00"))
        let clock = RehearsalClock(startingAt: start, realNow: Date().addingTimeInterval(-2))
        let now = clock.now()
        #expect(now.timeIntervalSince(start) >= 2)
        #expect(now.timeIntervalSince(start) < 60)
        #expect(clock.today().iso == "2024-09-20", "two seconds after 23:59:59 is the next day in Shanghai")
        #expect(clock.rehearsalStart == start)
        #expect(SystemClock().rehearsalStart == nil)
        #expect(FixedClock(start).rehearsalStart == nil)
    }
}
