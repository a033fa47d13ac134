/// The words of the application file as read back on its page: its sections and its attachments.
enum FileText: String, TextArea {
    static let area = "file"

    // MARK: FileView
    case yes
    case no
    case notFilled
    case heading
    case intro
    case name
    case gender
    case birthDate
    case nationality
    case idKind
    case idNumber
    case partlyHidden
    case employer
    case unitKind
    case creditCode
    case titleHeld
    case noTitle
    case noEmployerYet
    case certificate
    case certificateNumber
    case verificationNumber
    case verificationPassedOn
    case noVerificationYet
    case degree
    case discipline
    case school
    case country
    case awardedOn
    case recognitionNumber
    case present
    case workFrom
    case workTo
    case employerAndDepartment
    case position
    case inShanghai
    case relatedToCertificate
    case titleAppliedFor
    case summaryCount
    case attachmentsHeading
    case attachmentKind
    case fileName
    case size
    case uploadedOn
    case noAttachments
    case remove
}
