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

// Names as pages show them.
extension TitleSeries {
    public var name: LocalizedText {
        switch self {
        case .engineering: LocalizedText(zh: "工程技术", en: "engineering")
        case .accounting: LocalizedText(zh: "会计", en: "accounting")
        case .economics: LocalizedText(zh: "经济", en: "economics")
        }
    }

    /// The title of this series at `level`, e.g. 高级工程师 / senior engineer.
    public func title(at level: TitleLevel) -> LocalizedText {
        switch (self, level) {
        case (.engineering, .junior): LocalizedText(zh: "助理工程师", en: "assistant engineer")
        case (.engineering, .intermediate): LocalizedText(zh: "工程师", en: "engineer")
        case (.engineering, .associateSenior): LocalizedText(zh: "高级工程师", en: "senior engineer")
        case (.accounting, .junior): LocalizedText(zh: "助理会计师", en: "assistant accountant")
        case (.accounting, .intermediate): LocalizedText(zh: "会计师", en: "accountant")
        case (.accounting, .associateSenior): LocalizedText(zh: "高级会计师", en: "senior accountant")
        case (.economics, .junior): LocalizedText(zh: "助理经济师", en: "assistant economist")
        case (.economics, .intermediate): LocalizedText(zh: "经济师", en: "economist")
        case (.economics, .associateSenior): LocalizedText(zh: "高级经济师", en: "senior economist")
        }
    }
}

extension TitleLevel {
    public var name: LocalizedText {
        switch self {
        case .junior: LocalizedText(zh: "初级", en: "junior")
        case .intermediate: LocalizedText(zh: "中级", en: "intermediate")
        case .associateSenior: LocalizedText(zh: "副高级", en: "associate senior")
        }
    }
}

extension CertificateField {
    public var name: LocalizedText {
        switch self {
        case .biomedicine: LocalizedText(zh: "生物医药", en: "biomedicine")
        case .informationTechnology: LocalizedText(zh: "信息技术", en: "information technology")
        case .engineeringTechnology: LocalizedText(zh: "工程技术", en: "engineering technology")
        case .financeManagement: LocalizedText(zh: "金融与管理", en: "finance and management")
        }
    }
}

extension Degree {
    public var name: LocalizedText {
        switch self {
        case .doctorate: LocalizedText(zh: "博士学位", en: "doctorate")
        case .master: LocalizedText(zh: "硕士学位", en: "master's degree")
        case .secondBachelor: LocalizedText(zh: "第二学士学位", en: "second bachelor's degree")
        case .bachelor: LocalizedText(zh: "大学本科学历或学士学位", en: "bachelor's degree")
        case .associate: LocalizedText(zh: "大专学历", en: "associate degree")
        case .none: LocalizedText(zh: "无学历", en: "no degree")
        }
    }
}

extension Discipline {
    public var name: LocalizedText {
        switch self {
        case .science: LocalizedText(zh: "理学", en: "science")
        case .engineering: LocalizedText(zh: "工学", en: "engineering")
        case .medicine: LocalizedText(zh: "医学", en: "medicine")
        case .agriculture: LocalizedText(zh: "农学", en: "agriculture")
        case .economics: LocalizedText(zh: "经济学", en: "economics")
        case .management: LocalizedText(zh: "管理学", en: "management")
        case .law: LocalizedText(zh: "法学", en: "law")
        case .literature: LocalizedText(zh: "文学", en: "literature")
        case .arts: LocalizedText(zh: "艺术学", en: "arts")
        case .education: LocalizedText(zh: "教育学", en: "education")
        case .history: LocalizedText(zh: "历史学", en: "history")
        case .philosophy: LocalizedText(zh: "哲学", en: "philosophy")
        case .interdisciplinary: LocalizedText(zh: "交叉学科", en: "interdisciplinary studies")
        }
    }
}
