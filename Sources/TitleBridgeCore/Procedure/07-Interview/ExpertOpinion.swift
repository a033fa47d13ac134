import Foundation

/// 考核认定意见 of one expert on one file: the four points 四(六) names — 学术技术水平, 业务能力,
/// 工作成果, 业绩贡献 — each judged against the criteria of 三(三) for the applicant's level, and
/// what the expert recommends.
public struct ExpertOpinion: Codable, Sendable, Equatable {
    public enum Point: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
        case academicLevel, professionalAbility, workResults, contribution

        public var name: LocalizedText {
            switch self {
            case .academicLevel: LocalizedText(zh: "学术技术水平", en: "Academic and technical level")
            case .professionalAbility: LocalizedText(zh: "业务能力", en: "Professional ability")
            case .workResults: LocalizedText(zh: "工作成果", en: "Results of work")
            case .contribution: LocalizedText(zh: "业绩贡献", en: "Achievements and contribution")
            }
        }
    }

    public enum Recommendation: String, Codable, Sendable, CaseIterable {
        case recognise, notRecognise

        public var name: LocalizedText {
            switch self {
            case .recognise: LocalizedText(zh: "建议认定", en: "Recommend recognition")
            case .notRecognise: LocalizedText(zh: "建议不予认定", en: "Recommend against recognition")
            }
        }
    }

    /// What the expert wrote on each point.
    public var points: [Point: String]
    public var recommendation: Recommendation

    public init(points: [Point: String], recommendation: Recommendation) {
        self.points = points
        self.recommendation = recommendation
    }

    /// Longest text on one point: a page of remarks, not a report.
    public static let maximumLength = 2000

    /// Every point written (not blank) and none longer than the limit: an opinion that leaves a
    /// point out is not an opinion on the four points.
    public func validate() throws {
        for point in Point.allCases {
            let text = points[point]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !text.isEmpty else {
                throw ProfileError(code: "opinion_point_missing", field: point.rawValue, message: LocalizedText(
                    zh: "请填写“\(point.name.zh)”的评议意见。", en: "Write your opinion on “\(point.name.en)”."))
            }
            guard text.count <= Self.maximumLength else {
                throw ProfileError(code: "opinion_point_too_long", field: point.rawValue, message: LocalizedText(
                    zh: "“\(point.name.zh)”的评议意见不能超过 \(Self.maximumLength) 字，现为 \(text.count) 字。",
                    en: "The opinion on “\(point.name.en)” can be at most \(Self.maximumLength) characters; it has \(text.count)."))
            }
        }
    }
}

/// The criteria of 三(三) the committee judges a level against, as the batch policy lists them
/// (shown beside the opinion form).
public struct AssessmentCriteria: Codable, Sendable, Equatable {
    public let intermediate: [LocalizedText]
    public let associateSenior: [LocalizedText]
    public let citation: String

    public func criteria(for level: TitleLevel) -> [LocalizedText] {
        switch level {
        case .junior: []
        case .intermediate: intermediate
        case .associateSenior: associateSenior
        }
    }
}
