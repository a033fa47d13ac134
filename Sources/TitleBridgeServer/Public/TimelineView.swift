import TitleBridgeCore

/// The procedure of 四 as the timeline partial shows it: on the home page for everyone, and
/// on a file's status page with the file's own step marked.
struct TimelineView: Encodable {
    struct Step: Encodable {
        let number: Int
        let id: String
        let title: String
        let detail: String
        let citation: String
        let when: String?
        let timing: String
        let timingLabel: String?
        /// The file shown is at this step.
        let here: Bool
    }

    let heading: String
    let steps: [Step]
    let provisionalNote: String?
    let citationLabel: String
    let hereLabel: String

    /// `applicantViews`: the applicant reads its own file ("your file is here"); staff read the
    /// same mark about the file, not words addressed to the applicant.
    init(_ timeline: ProcedureTimeline, language: Language, here: String?, applicantViews: Bool = true) {
        let w = Words<PublicText>(language)
        heading = w[.procedureHeading]
        steps = timeline.steps.enumerated().map { index, step in
            let when: String? = switch (step.from, step.to) {
            case let (from?, to?): DateText.range(from, to, in: language)
            case let (nil, to?): w[.byDate, ["date": DateText.withWeekday(to, in: language)]]
            default: nil
            }
            let label: String? = switch step.timing {
            case .past: w[.stepClosed]
            case .current: w[.stepOpen]
            case .upcoming: w[.stepUpcoming]
            case .undated: nil
            }
            return Step(number: index + 1, id: step.id, title: step.title.text(in: language),
                        detail: step.detail.text(in: language), citation: step.citation, when: when,
                        timing: step.timing.rawValue, timingLabel: label, here: step.id == here)
        }
        provisionalNote = timeline.provisional
            ? w[.provisionalNote]
            : nil
        citationLabel = w[.noticeClause]
        hereLabel = applicantViews ? w[.yourFileHere] : w[.thisFileHere]
    }
}
