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
