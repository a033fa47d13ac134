import Foundation
import Testing
@testable import TitleBridgeServer

/// `seed` and `jobs …` take the rehearsal clock as `serve` does: the demo is seeded as of it,
/// the deadline job judges by it, and neither may go back behind what the database holds.
@Suite("Rehearsal clock — seed and the deadline job on the real binary")
struct RehearsalCommandTests {
    @Test("seed --demo --clock 27 Sep 18:00 leaves applicant10's supplement open; the job at 28 Sep 00:00 withdraws it; an earlier job is refused")
    func seedThenJob() throws {
        try #require(FileManager.default.isExecutableFile(atPath: ServeCommandTests.executable.path),
                     "build the titlebridge product first (swift build)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-jobs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data").path

        var (status, output) = try runTitlebridge(["seed", "--demo", "--data-dir", data, "--clock", "2024-09-27T18:00:00+08:00"])
        #expect(status == 0, "seed: \(output)")
        // The due day (27 September) is not over: nothing to withdraw yet.
        (status, output) = try runTitlebridge(["jobs", "supplement-deadlines", "--data-dir", data, "--clock", "2024-09-27T23:59:00+08:00"])
        #expect(status == 0, "job: \(output)")
        #expect(output.contains("withdrawn: 0"))
        // The first instant after it: the one overdue file is withdrawn, once.
        (status, output) = try runTitlebridge(["jobs", "supplement-deadlines", "--data-dir", data, "--clock", "2024-09-28T00:00:01+08:00"])
        #expect(output.contains("withdrawn: 1"), "job: \(output)")
        (status, output) = try runTitlebridge(["jobs", "supplement-deadlines", "--data-dir", data, "--clock", "2024-09-28T00:05:00+08:00"])
        #expect(output.contains("withdrawn: 0"), "again: \(output)")
        // Behind the withdrawal it recorded: refused, with the reason.
        (status, output) = try runTitlebridge(["jobs", "supplement-deadlines", "--data-dir", data, "--clock", "2024-09-27T23:00:00+08:00"],
                                              stderr: true)
        #expect(status != 0)
        #expect(output.contains("cannot go back"), "\(output)")
        #expect(output.contains("2024-09-27 23:00"))
        // A clock that is not an instant is refused before anything is opened.
        (status, output) = try runTitlebridge(["jobs", "supplement-deadlines", "--data-dir", data, "--clock", "next Tuesday"], stderr: true)
        #expect(status != 0)
        #expect(output.contains("2024-09-10T09:00:00+08:00"), "the refusal shows the form expected: \(output)")
    }
}
