/// The parties of the procedure (see the design's role table).
public enum Role: String, CaseIterable, Codable, Sendable {
    /// 申报人 / 持证人
    case applicant
    /// 查验平台
    case verifier
    /// 用人单位
    case employer
    /// 主管部门
    case supervisor
    /// 市人社局 + 行业主管部门
    case bureau
    /// 认定委员会委员
    case expert
    /// 委员会秘书
    case secretary
    /// 系统管理员
    case admin
}

extension Role {
    public var name: LocalizedText {
        switch self {
        case .applicant: LocalizedText(zh: "申报人", en: "Applicant")
        case .verifier: LocalizedText(zh: "查验人员", en: "Verifier")
        case .employer: LocalizedText(zh: "用人单位", en: "Employer")
        case .supervisor: LocalizedText(zh: "主管部门", en: "Supervising department")
        case .bureau: LocalizedText(zh: "人社局 / 行业主管部门", en: "HR bureau / industry authority")
        case .expert: LocalizedText(zh: "认定委员会委员", en: "Committee expert")
        case .secretary: LocalizedText(zh: "委员会秘书", en: "Committee secretary")
        case .admin: LocalizedText(zh: "系统管理员", en: "Administrator")
        }
    }
}
