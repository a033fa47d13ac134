/// The words of the bureau's acceptance review: the queue, the checklist, the supplement request and the printed files.
enum AcceptanceText: String, TextArea {
    static let area = "acceptance"

    // MARK: AcceptancePanel
    case acceptanceReview
    case checklistIntro
    case itemHeader
    case systemCheckHeader
    case verdictHeader
    case foundPass
    case foundFail
    case foundReview
    case foundPresent
    case foundMissing
    case notJudgedYet
    case noteLabel
    case dueLabel
    case supplementHeading
    case bracketedNote
    case supplementDueToApplicant
    case supplementDueToStaff
    case acceptanceNumber
    case paperTimeToCome
    case paperTimeNotSet
    case paperReceived
    case printCopies
    case printLabel
    case paperTime

    // MARK: AcceptancePages
    case queueIntro
    case applicantHeader
    case stageHeader
    case reportedHeader
    case numberHeader
    case noCertificate
    case fieldGroup
    case noneReported
    case allOfField
    case allFields
    case paperDeskHeading
    case printedFiles
    case scheduleHeading
    case replacedNote
    case workingDayNote
    case workingDayChangeNote
    case receiptHeading
    case receiptHint
    case dayLabel
    case fromLabel
    case untilLabel
    case placeLabel
    case saveAndNotify
    case recordReceived
    case receivedAt
    case notReceived
}
