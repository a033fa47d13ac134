import TitleBridgeCore
import Vapor

/// 系统管理 · 证书清单: the items, their source, the import form and the export link.
struct CataloguePage: Encodable {
    struct Row: Encodable {
        let code: String
        let name: String
        let issuer: String
        let country: String
        let field: String
        let series: String
        let levels: String
        let evidence: String
    }

    let chrome: PageChrome
    let admin: AdminChrome
    let heading: String
    let headers: [String]
    let rows: [Row]
    let importForm: ImportPage
    let exportHref: String
    let exportLabel: String

    init(request: Request, items: [CertificateItem], problem: String?, done: String?) {
        let language = request.language
        let w = Words<VerificationText>(language)
        chrome = PageChrome(request: request, title: w[.catalogueTitle])
        admin = AdminChrome(request: request, current: .adminCatalogue)
        let admitted = (try? request.domain.currentPolicy.certificateList.itemClass) ?? ""
        heading = w[.catalogueHeading, ["itemClass": admitted]]
        headers = [w[.code], w[.certificate], w[.issuer], w[.countryOrRegion],
                   w[.field], w[.titleSeries], w[.levels], w[.source]]
        rows = items.map { item in
            Row(code: item.id, name: item.displayName(in: language),
                issuer: item.issuer.text(in: language), country: item.countryOrRegion.text(in: language),
                field: item.field.name.label(in: language), series: item.titleSeries.name.label(in: language),
                levels: item.levels.map { $0.name.text(in: language) }.joined(separator: w[.listSeparator]).capitalisedFirst,
                evidence: item.evidence == .official ? w[.officialList] : w[.publicReports])
        }
        importForm = ImportPage(request: request, kind: .catalogue, problem: problem, done: done)
        exportHref = SiteURL.adminCatalogueExport.path
        exportLabel = w[.exportCSV]
    }
}

extension CertificateItem {
    /// The name with its abbreviation, unless the name already carries it.
    func displayName(in language: Language) -> String {
        let text = name.text(in: language)
        return abbreviation.isEmpty || text.contains(abbreviation) ? text : text + " (\(abbreviation))"
    }
}
