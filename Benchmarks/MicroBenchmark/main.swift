import Foundation
import TitleBridgeCore
import TitleBridgeDocuments

// The small pieces every request of the rush leans on, each timed alone on one core (release):
// the working-day calendar (the window's deadlines, every page's timeline), the 字 count of a
// 10,000-字 work summary (every save of the summary step, every status page), and the printed
// 《考核认定表》 with a whole file and its QR code. Each is run until a second has passed, three
// times; the best of the three is printed with the other two.
//   swift run -c release micro-benchmark

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs `body` in rounds until a second is spent; the time of one call.
func measure(_ name: String, unit: String = "µs", scale: Double = 1e6, _ body: () -> Int) {
    var results: [Double] = []
    var sink = 0
    for _ in 0..<3 {
        let clock = ContinuousClock()
        let start = clock.now
        var calls = 0
        while seconds(clock.now - start) < 1 {
            for _ in 0..<16 { sink &+= body() }
            calls += 16
        }
        results.append(seconds(clock.now - start) / Double(calls))
    }
    let shown = results.sorted().map { String(format: "%.2f", $0 * scale) }
    print("\(name): \(shown[0]) \(unit) (then \(shown[1]), \(shown[2]))\(sink == 42 ? " " : "")")
}

let calendar = try WorkingDayCalendar.bundled()
guard let start = LocalDate(iso: "2024-09-02"), let end = LocalDate(iso: "2024-10-31") else { exit(1) }
var offset = 0
measure("working day: the 9th working day from a date (2024, across 国庆)") {
    offset = (offset + 1) % 40
    return calendar.nthWorkingDay(from: start.adding(days: offset), count: 9).value.dayNumber
}
measure("working day: the latest start of 5 working days ending by a date") {
    offset = (offset + 1) % 40
    return calendar.latestStart(endingBy: end.adding(days: -offset), count: 5).value.dayNumber
}

// A summary as people write them: Chinese prose with Latin terms, figures and punctuation.
let sentence = "本人自2012年起从事财务管理工作，主持完成IFRS 9金融工具准则的实施项目，负责年度预算编制与成本控制，带领团队8人。"
var summary = ""
while ZiCount(summary).zi < 10_000 { summary += sentence }
let counted = ZiCount(summary).zi
measure("字 count of a \(counted)-字 summary") { ZiCount(summary).zi }

let rows: [(String, String)] = [("姓名 Name", "陈思远 CHEN Siyuan"), ("性别 Gender", "男 Male"), ("出生日期 Date of birth", "1986年4月12日"),
                                ("国籍 Nationality", "中国"), ("证件号码 ID number", "1101**********002X"),
                                ("工作单位 Employer", "上海浦江示例科技有限公司"), ("申报系列 Series", "会计 Accounting"),
                                ("申报级别 Level", "副高级 Associate senior")]
let sections = [AssessmentForm.Section(heading: "一、基本情况 Personal details", rows: rows),
                AssessmentForm.Section(heading: "二、学历与工作经历 Education and work", rows: Array(rows.prefix(5))),
                AssessmentForm.Section(heading: "三、境外职业资格 Overseas qualification", rows: Array(rows.suffix(4)))]
let statement = AssessmentForm.Statement(lines: ["经审核，申报人所填信息真实，同意推荐。", "The information given is true; we recommend the applicant."],
                                         signedBy: "上海浦江示例科技有限公司（盖章）")
let form = AssessmentForm(fileNumber: "SB2024-000042", batchName: "2024年第二批", sections: sections,
                          eligibility: ["三(一) 遵纪守法 — 符合", "三(三) 境外职业资格 — 符合", "三(四) 工作年限 — 符合"],
                          summary: String(summary.prefix(3_500)), summaryCount: "3500", printedOn: "2024年9月25日",
                          acceptanceNumber: "2024B2-FM-0001", unitOpinion: statement, publicity: statement)
measure("《考核认定表》 PDF (a whole file, 3,500-字 summary, QR code)", unit: "ms", scale: 1e3) { form.render().count }
