import Foundation
import Testing
import TitleBridgeCore

/// 回避 and attendance (四(六); 人社部令第40号): who of the committee reads a file and who judges it.
@Suite("Committee seat — who reads a file and who gives an opinion and votes")
struct CommitteeSeatTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let seat: CommitteeSeat
        let reads: Bool
        let judges: Bool

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "the secretary reads every accepted file and never judges", seat: .secretary, reads: true, judges: false),
        Row(name: "a member off the file's panel neither reads nor judges (封闭管理)", seat: .offPanel, reads: false, judges: false),
        Row(name: "a panel expert reads before the interview, judges only after it",
            seat: .panel(recused: false, attendance: .notRecorded), reads: true, judges: false),
        Row(name: "a panel expert present at the interview reads and judges", seat: .panel(recused: false, attendance: .present),
            reads: true, judges: true),
        Row(name: "a panel expert absent from the interview neither reads nor judges (不得补充投票)",
            seat: .panel(recused: false, attendance: .absent), reads: false, judges: false),
        Row(name: "a recused expert reads nothing, even if recorded present", seat: .panel(recused: true, attendance: .present),
            reads: false, judges: false),
        Row(name: "a recused expert reads nothing before the interview", seat: .panel(recused: true, attendance: .notRecorded),
            reads: false, judges: false),
    ]

    @Test("Reading and judging", arguments: rows)
    func seat(_ row: Row) {
        #expect(row.seat.mayRead == row.reads)
        #expect(row.seat.mayJudge == row.judges)
        // Whoever may not judge is told why, in both languages; whoever may is told nothing.
        if row.judges {
            #expect(row.seat.judgingRefusal == nil)
        } else {
            let why = row.seat.judgingRefusal
            #expect(why?.zh.isEmpty == false && why?.en.isEmpty == false)
        }
    }

    @Test("An opinion leaves no point of 四(六) blank and none over-long")
    func opinionPoints() throws {
        let full = Dictionary(uniqueKeysWithValues: ExpertOpinion.Point.allCases.map { ($0, "评议。") })
        try ExpertOpinion(points: full, recommendation: .recognise).validate()
        for point in ExpertOpinion.Point.allCases {
            var missing = full
            missing[point] = "  "
            #expect(throws: ProfileError.self) { try ExpertOpinion(points: missing, recommendation: .recognise).validate() }
            var long = full
            long[point] = String(repeating: "字", count: ExpertOpinion.maximumLength + 1)
            #expect(throws: ProfileError.self) { try ExpertOpinion(points: long, recommendation: .recognise).validate() }
            long[point] = String(repeating: "字", count: ExpertOpinion.maximumLength)
            try ExpertOpinion(points: long, recommendation: .recognise).validate()
        }
    }
}
