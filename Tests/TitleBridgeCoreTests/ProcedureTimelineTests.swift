import Testing
@testable import TitleBridgeCore

@Suite("Procedure timeline (四)")
struct ProcedureTimelineTests {
    static func timeline(on iso: String) throws -> ProcedureTimeline {
        let policy = try #require(try BatchPolicy.bundled()["shanghai-2024-batch2"])
        return ProcedureTimeline(policy: policy, calendar: try WorkingDayCalendar.bundled(),
                                 today: try #require(LocalDate(iso: iso)))
    }

    @Test("Steps follow the notice's order", arguments: ["2024-09-10"])
    func order(today: String) throws {
        let ids = try Self.timeline(on: today).steps.map(\.id)
        #expect(ids == ["verification", "online-application", "unit-review", "unit-publicity", "submission",
                        "acceptance-review", "interview", "result-publicity", "certificate"])
    }

    @Test("The submission step is upcoming the day before, current on the first and last day, past the day after",
          arguments: [("2024-09-05", ProcedureTimeline.Timing.upcoming), ("2024-09-06", .current),
                      ("2024-09-19", .current), ("2024-09-20", .past)])
    func submissionTiming(today: String, expected: ProcedureTimeline.Timing) throws {
        let step = try #require(try Self.timeline(on: today).steps.first { $0.id == "submission" })
        #expect(step.timing == expected)
    }

    @Test("Verification is current on the cut-off day and past after it",
          arguments: [("2024-08-31", ProcedureTimeline.Timing.current), ("2024-09-01", .past)])
    func verificationTiming(today: String, expected: ProcedureTimeline.Timing) throws {
        let step = try #require(try Self.timeline(on: today).steps.first { $0.id == "verification" })
        #expect(step.timing == expected)
    }

    @Test("Latest publicity start leaves 5 working days before the window closes")
    func publicity() throws {
        let step = try #require(try Self.timeline(on: "2024-09-10").steps.first { $0.id == "unit-publicity" })
        #expect(step.to?.iso == "2024-09-12")
    }

    @Test("Unit publicity is to come before the notice is issued, current from its day to the latest start, past after",
          arguments: [("2024-09-03", ProcedureTimeline.Timing.upcoming), ("2024-09-04", .current),
                      ("2024-09-12", .current), ("2024-09-13", .past)])
    func publicityTiming(today: String, expected: ProcedureTimeline.Timing) throws {
        let step = try #require(try Self.timeline(on: today).steps.first { $0.id == "unit-publicity" })
        #expect(step.timing == expected)
    }
}
