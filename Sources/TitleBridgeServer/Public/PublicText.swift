/// The words of the pages anyone may read: the home page, its procedure timeline and the eligibility self-check.
enum PublicText: String, TextArea {
    static let area = "public"

    // MARK: HomePage

    case homeLead
    case noticeBasis
    case today
    case keyDatesHeading
    case verificationCutoff
    case submissionWindow
    case experienceCutoff

    // MARK: TimelineView

    case procedureHeading
    case byDate
    case stepClosed
    case stepOpen
    case stepUpcoming
    case provisionalNote
    case noticeClause
    case yourFileHere
    case thisFileHere

    // MARK: SelfCheckPage

    case selfCheckHeading
    case selfCheckLead
    case targetLabel
    case employerLabel
    case currentTitleLabel
    case certificateLabel
    case fieldLabel
    case seriesLabel
    case verifiedOnLabel
    case educationLabel
    case degreeLabel
    case disciplineLabel
    case awardedOnLabel
    case workLabel
    case fromLabel
    case toLabel
    case inShanghaiLabel
    case relatedLabel
    case attestationsLabel
    case lawAbidingLabel
    case ethicsLabel
    case dutiesLabel
    case checkButton
    case resultHeading
    case enterprise
    case publicInstitution
    case noCurrentTitle
    case notEligible
    case eligibleWithReview
    case eligible
    case clauseMet
    case clauseNotMet
    case clauseReview
    case invalidForm
}
