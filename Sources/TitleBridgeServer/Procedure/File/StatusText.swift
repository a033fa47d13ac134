/// The words of the file's status page: its stage, the conditions, the actions and the upload form.
enum StatusText: String, TextArea {
    static let area = "status"

    // MARK: ApplicationStatusPage

    case title
    case stageLabel
    case fileNumberLabel
    case summaryLine
    case uploaded
    case notUploaded
    case proofState
    case listSeparator
    case proofsToUpload
    case stepsHeading
    case reportHeading
    case met
    case notMet
    case forReview
    case failuresHeadingOne
    case failuresHeading
    case refusedReasonLabel
    case returnedReasonLabel
    case incompleteNote
    case reasonLabel
    case printForm
    case uploadKindLabel
    case uploadFileLabel
    case uploadNote
    case uploadButton
    case reselectFile
}
