/// The words of a unit's junior appointments page: its list and the form for a new appointment.
enum AppointmentText: String, TextArea {
    static let area = "appointments"

    // MARK: AppointmentsPage
    case pageTitle
    case heading
    case intro
    case numberHeader
    case name
    case titleHeader
    case appointedOn
    case noAppointments
    case formLabel
    case newHeading
    case gender
    case birthDate
    case certificateLabel
    case certificateNumber
    case degree
    case discipline
    case school
    case country
    case awardedOn
    case workFrom
    case workTo
    case employer
    case workPosition
    case inShanghai
    case related
    case position
    case termYears
    case basicConditions
    case reviewNote
    case educationLegend
    case workLegend
    case abbreviation
    case noCertificatesNote
    case submit
}
