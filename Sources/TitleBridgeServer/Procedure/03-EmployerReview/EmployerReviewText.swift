/// The words of the unit page and of the employer and supervising department review on a file: opinion, post, unit publicity.
enum EmployerReviewText: String, TextArea {
    static let area = "employerReview"

    // MARK: UnitPage
    case kind
    case creditCode
    case supervisingDepartment
    case field
    case telephone
    case address
    case unitAccounts
    case name
    case username
    case supervisedInstitutions
    case updateContact
    case save

    // MARK: UnitReviewPanel
    case historyHeading
    case separator
    case opinionRecorded
    case reviewedByOn
    case remarks
    case postRecorded
    case reviewedBy
    case allInOrder
    case bracketedNote
    case supplementDue
    case opinionHeading
    case dutiesPerformed
    case materialsTrue
    case agreesToApply
    case reviewer
    case reviewDate
    case remarksOptional
    case postHeading
    case withinQuota
    case consentsOneLevelUp
    case publicityStarts
    case publicityEnds
    case publicityPlace
    case publicityEvidence
    case view
    case publicityOutcome
    case outcomeRecorded
    case startLabel
    case placeLabel
    case placeHint
    case evidenceLabel
    case recordPublicity
    case correctPublicity
    case missLabel
    case outcomeHeading
    case outcomeNote
    case objectionsLabel
    case findingsLabel
    case decisionLabel
    case recordedByLabel
    case recordedOnLabel
    case recordOutcome
    case correctOutcome
    case publicityHeading
    case checklistHeading
    case missNote

    // MARK: UnitApplicationsPage
    case listHeading
    case listApplicant
    case listSubmitted
    case listForm
    case listGroup
    case listEmpty
}
