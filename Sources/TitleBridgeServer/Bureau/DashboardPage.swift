import Foundation
import TitleBridgeCore
import Vapor

func bureauWords(_ language: Language) -> [String: String] {
    Words<BureauText>(language).all
}

/// 数据概览: the current batch at a glance — files per stage, field, level and unit; the units
/// still to report as the window closes; the rates; the certificates. Every chart has its
/// numbers in a table beside it.
struct DashboardPage: Encodable {
    /// A part of the page: its heading, its sentences, its charts.
    struct Section: Encodable {
        let heading: String?
        let lines: [String]
        let charts: [BarChart]
    }

    let chrome: PageChrome
    let w: [String: String]
    let heading: String
    let asOf: String
    let sections: [Section]
    let exportsHref: String

    /// Units shown one by one in the deadline view.
    static let deadlineUnits = 15

    init(request: Request, policy: BatchPolicy, figures: DashboardFigures, countedAt: Date) {
        let language = request.language
        let words = Words<BureauText>(language)
        chrome = PageChrome(request: request, title: words[.dashboard])
        w = bureauWords(language)
        heading = words[.dashboardHeading, ["batch": policy.name.text(in: language)]]
        asOf = words[.asOf, ["time": ShanghaiTime.clockText(countedAt), "count": "\(figures.files)"]]
        let count = words[.countHeader]
        let notChosen = words[.notChosen]
        func bars<Key>(_ counts: [Key: Int], order: [Key], name: (Key) -> String) -> [BarChart.Bar] {
            order.compactMap { key in counts[key].map { BarChart.Bar(label: name(key), value: $0, cells: ["\($0)"]) } }
        }
        let stages = bars(figures.byStage, order: Stage.allCases) { $0.name.text(in: language) }
        let fields = bars(figures.byField, order: CertificateField.allCases.map(Optional.some) + [nil]) {
            $0?.name.text(in: language) ?? notChosen
        }
        let levels = bars(figures.byLevel, order: TitleLevel.allCases.map(Optional.some) + [nil]) { $0?.name.text(in: language) ?? notChosen }
        let employers = figures.byEmployer.map { BarChart.Bar(label: $0.name?.text(in: language) ?? "—", value: $0.files, cells: ["\($0.files)"]) }
        let charts = [
            BarChart(id: "chart-stage", title: words[.byStage], headers: [words[.stageHeader], count], bars: stages),
            BarChart(id: "chart-field", title: words[.byField], headers: [words[.fieldHeader], count], bars: fields),
            BarChart(id: "chart-level", title: words[.byLevel], headers: [words[.levelHeader], count], bars: levels),
            BarChart(id: "chart-unit", title: words[.byEmployer], headers: [words[.unitHeader], count], bars: employers),
        ].filter { !$0.rows.isEmpty }

        let plan = PublicityPlan(policy: policy, calendar: request.domain.calendar)
        // The units most behind, one by one; the others summed in a sentence, so the page stays
        // one screen with four hundred units.
        let units = figures.deadline.prefix(Self.deadlineUnits).map { unit in
            BarChart.Bar(label: unit.name?.text(in: language) ?? words[.noUnit], value: unit.unreported,
                         cells: ["\(unit.unreported)", "\(unit.cannotEndInTime)"], alert: unit.cannotEndInTime > 0)
        }
        let deadline = Section(
            heading: words[.deadlineHeading],
            lines: [words[.deadlineIntro, ["closes": DateText.long(policy.dates.submissionCloses.value, in: language),
                                           "days": "\(plan.workingDays)", "latest": DateText.long(plan.latestStart.value, in: language)]],
                    units.isEmpty ? words[.deadlineNone]
                        : words[.deadlineSummary, ["unreported": "\(figures.unreported)", "late": "\(figures.cannotEndInTime)"]]]
                + (figures.deadline.count > Self.deadlineUnits ? [words[.deadlineOthers, [
                    "units": "\(figures.deadline.count - Self.deadlineUnits)",
                    "unreported": "\(figures.deadline.dropFirst(Self.deadlineUnits).reduce(0) { $0 + $1.unreported })",
                    "late": "\(figures.deadline.dropFirst(Self.deadlineUnits).reduce(0) { $0 + $1.cannotEndInTime })"]]] : []),
            charts: units.isEmpty ? [] : [BarChart(id: "chart-deadline", title: words[.deadlineChart],
                                                   headers: [words[.unitHeader], words[.unreportedHeader], words[.lateHeader]], bars: units)])

        func rate(_ label: BureauText, _ rate: DashboardFigures.Rate, _ basis: String) -> BarChart.Bar {
            BarChart.Bar(label: words[label], value: rate.percent ?? 0, cells: [rate.percent.map { "\($0)%" } ?? words[.noRate], basis])
        }
        let rates = BarChart(id: "chart-rates", title: words[.ratesChart], headers: [words[.measureHeader], words[.rateHeader], words[.basisHeader]], bars: [
            rate(.acceptanceRate, figures.acceptance, words[.acceptanceBasis, ["count": "\(figures.acceptance.count)", "of": "\(figures.acceptance.of)"]]),
            rate(.passRate, figures.pass, words[.passBasis, ["count": "\(figures.pass.count)", "of": "\(figures.pass.of)"]]),
            rate(.objectionRate, figures.objection, words[.objectionBasis, ["count": "\(figures.objection.count)", "of": "\(figures.objection.of)",
                                                                            "upheld": "\(figures.objectionsUpheld)"]]),
        ], scale: 100)
        let certificates = words[.certificatesIssued, ["issued": "\(figures.certificatesIssued)", "revoked": "\(figures.certificatesRevoked)"]]
        sections = [deadline, Section(heading: nil, lines: [], charts: charts),
                    Section(heading: words[.ratesHeading], lines: [], charts: [rates]),
                    Section(heading: words[.certificatesHeading], lines: [certificates], charts: [])]
        exportsHref = SiteURL.bureauExports.path
    }
}

/// 导出: each list with its number of rows and its two downloads.
struct ExportsPage: Encodable {
    struct Row: Encodable {
        let title: String
        let rows: Int
        let csvHref: String
        let xlsxHref: String
    }

    let chrome: PageChrome
    let w: [String: String]
    let heading: String
    let lists: [Row]
    let dashboardHref: String

    init(request: Request, policy: BatchPolicy, counts: [ExportKind: Int]) {
        let language = request.language
        let words = Words<BureauText>(language)
        chrome = PageChrome(request: request, title: words[.exports])
        w = bureauWords(language)
        heading = words[.exportsHeading, ["batch": policy.name.text(in: language)]]
        lists = ExportKind.allCases.map { kind in
            Row(title: kind.title.text(in: language), rows: counts[kind] ?? 0,
                csvHref: SiteURL.bureauExport.path(kind.rawValue, ExportFormat.csv.rawValue),
                xlsxHref: SiteURL.bureauExport.path(kind.rawValue, ExportFormat.xlsx.rawValue))
        }
        dashboardHref = SiteURL.bureauDashboard.path
    }
}
