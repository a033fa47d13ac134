import TitleBridgeCore
import Vapor

/// 网上申报 — the start page of an applicant without a file yet.
struct StartPage: Encodable {
    let chrome: PageChrome
    let heading: String
    let intro: String
    let steps: [String]
    let action: String
    let csrfToken: String
    let startLabel: String
    /// After the window: why no file can be opened, said instead of offering the button.
    let closed: String?

    init(request: Request) {
        let language = request.language
        let w = Words<ApplicationText>(language)
        closed = (try? request.domain.currentPolicy).flatMap {
            ApplicationDesk.openingClosed($0, services: request.domain)
        }?.text(in: language)
        chrome = PageChrome(request: request, title: w[.applyOnline])
        heading = w[.applyOnline]
        intro = w[.startIntro]
        steps = ApplicationStep.allCases.map { $0.name.text(in: language) }
        action = SiteURL.applicationCreate.path
        csrfToken = CSRF.token(for: request)
        startLabel = w[.startButton]
    }
}
