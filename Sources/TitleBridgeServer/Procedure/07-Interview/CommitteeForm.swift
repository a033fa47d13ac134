import Foundation
import TitleBridgeCore
import Vapor

/// What the committee's forms send, one shape for all of them, so a refused form comes back to
/// its page with everything typed (`FormRefusals`): an opinion of four long answers is never lost.
struct CommitteeForm: Content {
    var field: String?
    var day: String?
    var from: String?
    var until: String?
    var place: String?
    var videoLink: String?
    var panel: [String]?
    var applications: [String]?
    var expert: String?
    var reason: String?
    var present: [String]?
    var academicLevel: String?
    var professionalAbility: String?
    var workResults: String?
    var contribution: String?
    var recommendation: String?
    var choice: String?
    var opinion: String?
    var confirmed: String?

    var session: CommitteeDesk.SessionInput {
        CommitteeDesk.SessionInput(field: field, day: day, from: from, until: until, place: place, videoLink: videoLink,
                                   panel: (panel ?? []).compactMap(UUID.init(uuidString:)))
    }

    func text(_ point: ExpertOpinion.Point) -> String? {
        switch point {
        case .academicLevel: academicLevel
        case .professionalAbility: professionalAbility
        case .workResults: workResults
        case .contribution: contribution
        }
    }

    /// The opinion as typed; an unknown recommendation is refused by name.
    func expertOpinion() throws -> ExpertOpinion {
        let recommendation: ExpertOpinion.Recommendation = try FieldReader.choice(
            recommendation, "recommendation", LocalizedText(zh: "建议", en: "a recommendation"))
        var points: [ExpertOpinion.Point: String] = [:]
        for point in ExpertOpinion.Point.allCases { points[point] = text(point) }
        return ExpertOpinion(points: points, recommendation: recommendation)
    }

    func ballot() throws -> BallotChoice {
        try FieldReader.choice(choice, "choice", LocalizedText(zh: "投票选项", en: "a choice"))
    }

    /// The opinion's answers for a page, from what was typed or from what is stored.
    static func typed(_ opinion: ExpertOpinion?) -> CommitteeForm {
        var form = CommitteeForm()
        form.academicLevel = opinion?.points[.academicLevel]
        form.professionalAbility = opinion?.points[.professionalAbility]
        form.workResults = opinion?.points[.workResults]
        form.contribution = opinion?.points[.contribution]
        form.recommendation = opinion?.recommendation.rawValue
        return form
    }
}
