/// The words of 网上申报: the start page, the steps of the form and the message centre.
enum ApplicationText: String, TextArea {
    static let area = "application"

    // MARK: StartPage

    case applyOnline
    case startIntro
    case startButton

    // MARK: StepPage

    case juniorByEmployer
    case earlierStepsFirst
    case stepsHeading
    case stepNotSaved
    case saveAndContinue
    case backToFile
    case name
    case gender
    case birthDate
    case nationality
    case idKind
    case idNumber
    case employer
    case currentTitle
    case currentSeries
    case currentLevel
    case verification
    case noVerification
    case toVerifications
    case degree
    case discipline
    case school
    case country
    case awardedOn
    case recognitionNumber
    case from
    case to
    case workEmployer
    case position
    case inShanghai
    case related
    case target
    case attest
    case summary
    case counter
    case unit
    case minimum
    case neededBefore
    case neededAfter
    case ziRule

    // MARK: MessagesPage

    case messagesHeading
    case noMessages
}
