/// 职称系列 — the title series a recognition leads to.
public enum TitleSeries: String, CaseIterable, Codable, Sendable {
    /// 工程技术人员
    case engineering
    /// 会计专业人员
    case accounting
    /// 经济专业人员
    case economics
}

/// 职称层级 — the level of a title.
public enum TitleLevel: String, CaseIterable, Codable, Sendable, Comparable {
    /// 初级
    case junior
    /// 中级
    case intermediate
    /// 副高级
    case associateSenior

    public var rank: Int {
        switch self {
        case .junior: 1
        case .intermediate: 2
        case .associateSenior: 3
        }
    }

    public static func < (lhs: TitleLevel, rhs: TitleLevel) -> Bool { lhs.rank < rhs.rank }
}

/// 领域 — the field of a certificate on the recognised list (二).
public enum CertificateField: String, CaseIterable, Codable, Sendable {
    /// 生物医药
    case biomedicine
    /// 信息技术
    case informationTechnology
    /// 工程技术
    case engineeringTechnology
    /// 金融与管理
    case financeManagement
}

/// 学历、学位 — the highest degree an education record gives.
public enum Degree: String, CaseIterable, Codable, Sendable {
    case doctorate
    case master
    /// 第二学士学位
    case secondBachelor
    case bachelor
    /// 大专
    case associate
    case none
}

/// 学科门类 — the discipline of a degree, by the Chinese classification.
public enum Discipline: String, CaseIterable, Codable, Sendable {
    case science, engineering, medicine, agriculture, economics, management, law, literature
    case arts, education, history, philosophy, interdisciplinary
}
