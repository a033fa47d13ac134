import Foundation

/// 清单项目 — one certificate on 《上海市境外职业资格证书认可清单》.
public struct CertificateItem: Codable, Sendable, Equatable, Identifiable {
    /// How the item's entry is known: from the official attachment, or from public reports
    /// only (to be confirmed against the attachment when it is imported).
    public enum Evidence: String, Codable, Sendable {
        case official
        case secondary
    }

    public let id: String
    public let name: LocalizedText
    public let abbreviation: String
    public let issuer: LocalizedText
    public let countryOrRegion: LocalizedText
    public let field: CertificateField
    /// The list classes (A, B, C …) the item is in; only C items lead to a title (二).
    public let classes: [String]
    /// 根据证书项目分别 — the series is a property of the item, not of the applicant's wish.
    public let titleSeries: TitleSeries
    public let levels: [TitleLevel]
    public let evidence: Evidence

    public init(id: String, name: LocalizedText, abbreviation: String, issuer: LocalizedText, countryOrRegion: LocalizedText,
                field: CertificateField, classes: [String], titleSeries: TitleSeries, levels: [TitleLevel], evidence: Evidence) {
        self.id = id
        self.name = name
        self.abbreviation = abbreviation
        self.issuer = issuer
        self.countryOrRegion = countryOrRegion
        self.field = field
        self.classes = classes
        self.titleSeries = titleSeries
        self.levels = levels
        self.evidence = evidence
    }
}

extension CertificateItem {
    /// The certificate as the eligibility engine sees it: its field, its series, and the day
    /// its verification passed (nil when none applies or none passed).
    public func certificate(verifiedOn: LocalDate?) -> ApplicantProfile.Certificate {
        ApplicantProfile.Certificate(field: field, titleSeries: titleSeries, verifiedOn: verifiedOn)
    }
}

/// One version of the recognised list, as far as it is loaded.
public struct CertificateCatalogue: Codable, Sendable, Equatable {
    public let listVersion: String
    public let title: LocalizedText
    public let note: LocalizedText
    public let items: [CertificateItem]

    public static func load(from url: URL) throws -> CertificateCatalogue {
        let file = url.lastPathComponent
        let catalogue = try DataFileError.load(CertificateCatalogue.self, from: url)
        var seen = Set<String>()
        for (index, item) in catalogue.items.enumerated() {
            guard seen.insert(item.id).inserted else {
                throw DataFileError(file: file, key: "items[\(index)].id", problem: "“\(item.id)” appears twice")
            }
            guard !item.levels.isEmpty else {
                throw DataFileError(file: file, key: "items[\(index)].levels", problem: "is empty")
            }
        }
        return catalogue
    }

    /// Every list version shipped with TitleBridge.
    public static func bundled() throws -> [CertificateCatalogue] {
        try ResourceFile.urls(in: "catalogue").map(load(from:))
    }
}
