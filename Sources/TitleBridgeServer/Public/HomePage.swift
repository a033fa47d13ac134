import TitleBridgeCore

/// 首页 view model: the current batch and its procedure as a timeline.
struct HomePage: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
        let citation: String
    }

    let chrome: PageChrome
    let heading: String
    let lead: String
    let notice: String
    let todayLabel: String
    let factsHeading: String
    let facts: [Fact]
    let timeline: TimelineView

    init(policy: BatchPolicy, calendar: WorkingDayCalendar, today: LocalDate, language: Language, chrome: PageChrome) {
        let w = Words<PublicText>(language)
        let timeline = ProcedureTimeline(policy: policy, calendar: calendar, today: today)
        let d = policy.dates

        self.chrome = chrome
        self.heading = policy.name.text(in: language)
        self.lead = w[.homeLead, ["itemClass": policy.certificateList.itemClass]]
        // The notice as each language cites it: its title in 《》, or in English with its issuer.
        let cited = language == .zh ? policy.notice.title.zh : "\(policy.notice.issuer.en)'s \(policy.notice.title.en)"
        self.notice = w[.noticeBasis, ["notice": cited, "document": policy.notice.document,
                                       "date": DateText.long(policy.notice.issuedOn, in: language)]]
        self.todayLabel = w[.today, ["date": DateText.withWeekday(today, in: language)]]
        self.factsHeading = w[.keyDatesHeading]
        self.facts = [
            Fact(label: w[.verificationCutoff],
                 value: DateText.withWeekday(d.verificationCutoff.value, in: language), citation: d.verificationCutoff.citation),
            Fact(label: w[.submissionWindow],
                 value: DateText.range(d.submissionOpens.value, d.submissionCloses.value, in: language), citation: d.submissionCloses.citation),
            Fact(label: w[.experienceCutoff],
                 value: DateText.withWeekday(d.experienceCutoff.value, in: language), citation: d.experienceCutoff.citation),
        ]
        self.timeline = TimelineView(timeline, language: language, here: nil)
    }
}
