/// The words of the layout every page shares: menu, header, footer, rehearsal banner.
enum ChromeText: String, TextArea {
    static let area = "chrome"

    case procedure
    case selfCheck
    case results
    case verifyCertificate
    case resultsDesk
    case dashboard
    case myUnit
    case verification
    case unitReview
    case acceptance
    case committee
    case juniorAppointments
    case apply
    case administration
    case signOut
    case signIn
    case messages
    case menu
    case account
    case siteName
    case skipToContent
    case enquiries
    case enquiriesNote
    case rehearsal
    case siteTagline

    // MARK: ConfirmationPage

    case confirmHeading
    case confirmButton
    case goBackUnchanged

    // MARK: Pager
    case pageNumber
    case previousPage
    case nextPage

    // MARK: History
    case system
}
