/// The words of 证书查验: the requests, the verifier's decision, the imports and the certificate list.
enum VerificationText: String, TextArea {
    static let area = "verification"

    // MARK: VerificationPages

    case title
    case staffHeading
    case holderHeading
    case cutoffNote
    case importedListedHere
    case certificate
    case certificateNoShort
    case holder
    case status
    case verificationNoShort
    case passedOn
    case noVerificationsYet
    case importResults
    case askHeading
    case scanNote
    case certificateItemLabel
    case certificateNumber
    case holderNameLabel
    case issuedOn
    case expiresLabel
    case scanLabel
    case sendForVerification
    case validUntil
    case doesNotExpire
    case source
    case askedByHolder
    case verificationNumber
    case verifierNote
    case comparisonHeading
    case typedHolderName
    case accountName
    case accountIDNumber
    case noIDNumberOnAccount
    case nameMismatch
    case openScan
    case decisionHeading
    case pass
    case fail
    case decisionReasonLabel
    case recordDecision
    case notePrefix
    case backToVerifications

    // MARK: ImportPage

    case importResultsHeading
    case importResultsIntro
    case importCatalogueHeading
    case importCatalogueIntro
    case listVersion
    case csvFile
    case checkAndImport

    // MARK: CataloguePage

    case catalogueTitle
    case catalogueHeading
    case code
    case issuer
    case countryOrRegion
    case field
    case titleSeries
    case levels
    case listSeparator
    case officialList
    case publicReports
    case exportCSV

    // MARK: VerificationController

    case resultsImported
}
