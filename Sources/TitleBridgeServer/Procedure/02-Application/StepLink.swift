import TitleBridgeCore
import Vapor

/// One step link of the form's side list.
struct StepLink: Encodable {
    let label: String
    let href: String
    let current: Bool
    let done: Bool
}

extension StepLink {
    static func all(for record: ApplicationRecord, current: ApplicationStep?, language: Language) throws -> [StepLink] {
        let id = record.id?.uuidString ?? ""
        let content = try record.content
        return ApplicationStep.allCases.map { step in
            let done: Bool = switch step {
            case .personal: content.personal != nil && record.idNumberSealed != nil
            case .employer: record.employerID != nil
            case .certificate: record.verificationID != nil
            case .education: !content.education.isEmpty
            case .work: !content.work.isEmpty
            case .target: content.target != nil
            case .summary: !content.summary.isEmpty
            }
            return StepLink(label: step.name.text(in: language), href: SiteURL.applicationStep.path(id, step.rawValue),
                            current: step == current, done: done)
        }
    }
}
