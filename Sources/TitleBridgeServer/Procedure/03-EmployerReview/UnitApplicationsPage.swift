import TitleBridgeCore
import Vapor

/// 单位审核: the unit's files with their stage and what to do.
struct UnitApplicationsPage: Encodable {
    struct Row: Encodable {
        let name: String
        let submitted: String
        let href: String
        let formHref: String
    }

    /// The files at one stage, in the procedure's order, so what waits for the unit is on top.
    struct Group: Encodable {
        let title: String
        let rows: [Row]
    }

    let chrome: PageChrome
    let heading: String
    let headers: [String]
    let groups: [Group]
    let hasRows: Bool
    let emptyNote: String
    let formLabel: String
    let pager: Pager?

    init(request: Request, records: [ApplicationRecord], names: [UUID: String], pager: Pager?) {
        self.pager = pager
        let language = request.language
        let w = Words<EmployerReviewText>(language)
        chrome = PageChrome(request: request, title: Words<ChromeText>(language)[.unitReview])
        heading = w[.listHeading]
        headers = [w[.listApplicant], w[.listSubmitted], w[.listForm]]
        let byStage = Dictionary(grouping: records, by: \.currentStage)
        groups = Stage.allCases.compactMap { stage in
            let rows = (byStage[stage] ?? []).compactMap { record -> Row? in
                guard let id = record.id?.uuidString else { return nil }
                return Row(name: names[record.applicantID] ?? "—", submitted: record.submittedAt.map(ShanghaiTime.clockText) ?? "—",
                           href: SiteURL.application.path(id), formHref: SiteURL.applicationForm.path(id))
            }
            guard !rows.isEmpty else { return nil }
            let name = stage.name.text(in: language)
            return Group(title: w[.listGroup, ["stage": name, "count": "\(rows.count)"]], rows: rows)
        }
        hasRows = !groups.isEmpty
        emptyNote = w[.listEmpty]
        formLabel = "PDF"
    }
}
