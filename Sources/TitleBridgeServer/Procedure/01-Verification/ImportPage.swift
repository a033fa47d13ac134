import TitleBridgeCore
import Vapor

/// An import page: a CSV file, what it must hold, and what came of the last try.
struct ImportPage: Encodable {
    enum Kind {
        case verifications
        case catalogue
    }

    let chrome: PageChrome
    let heading: String
    let intro: String
    let columns: String
    let action: String
    let csrfToken: String
    let fileLabel: String
    let submitLabel: String
    let problem: String?
    let done: String?
    /// The catalogue's list version, prefilled with the one the current batch policy names.
    let listVersion: ListVersion?

    struct ListVersion: Encodable {
        let label: String
        let value: String
    }

    init(request: Request, kind: Kind, problem: String?, done: String?) {
        let language = request.language
        let w = Words<VerificationText>(language)
        switch kind {
        case .verifications:
            heading = w[.importResultsHeading]
            intro = w[.importResultsIntro]
            columns = VerificationResultsTable.columns.joined(separator: ",")
            action = SiteURL.verificationImportSubmit.path
            listVersion = nil
        case .catalogue:
            heading = w[.importCatalogueHeading]
            intro = w[.importCatalogueIntro]
            columns = CatalogueTable.columns.joined(separator: ",")
            action = SiteURL.adminCatalogueImport.path
            listVersion = ListVersion(label: w[.listVersion],
                                      value: (try? request.domain.currentPolicy.certificateList.version) ?? "")
        }
        chrome = PageChrome(request: request, title: heading)
        csrfToken = CSRF.token(for: request)
        fileLabel = w[.csvFile]
        submitLabel = w[.checkAndImport]
        self.problem = problem
        self.done = done
    }
}

/// The import page on its own: the layout's chrome and the shared import form.
struct ImportScreen: Encodable {
    let chrome: PageChrome
    let importForm: ImportPage

    init(_ form: ImportPage) {
        chrome = form.chrome
        importForm = form
    }
}
