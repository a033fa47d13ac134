/// What an event carries besides its reason: a statement, checked before the table is asked
/// and kept with the stage change in the file's history.
public enum StageStatement: String, Sendable {
    /// 所在单位核实意见 (四(三)).
    case unitOpinion
    /// The supervising department's confirmation of the post (四(三)).
    case postConfirmation
    /// The bureau's acceptance checklist, item by item (四(五)).
    case acceptanceChecklist
    /// The interview session the file is placed on (四(六)).
    case interviewPlacement
    /// That the interview took place, with the panel's attendance (四(六)).
    case interviewHeld
    /// The committee's 考核认定意见 and the closed tally (四(六)).
    case committeeDecision
}

/// What a stage change leaves besides the stage itself, which every change leaves alike: one
/// history row, one audit row and one message to the applicant.
public enum StageEffect: String, Sendable {
    /// 受理号, drawn inside the change so a rolled-back acceptance gives it back (四(五)).
    case drawAcceptanceNumber
    /// The one supplement request: the flagged items and the due day (四(五)).
    case openSupplement
    /// The supplement answered: when the file came back.
    case answerSupplement
    /// A returned file is publicised afresh after its next approval (四(四)).
    case clearPublicity
    /// The file joins its session; experts of the applicant's employer are recused from it.
    case placeOnSession
    /// Who of the panel was present; opinions and ballots open.
    case recordAttendance
    /// The vote is closed with its tally, for good.
    case closeVote
}

extension StageEvent {
    /// The statement the event needs; nil for those that carry only a reason (or nothing).
    public var statement: StageStatement? {
        switch self {
        case .approve: .unitOpinion
        case .confirmPost: .postConfirmation
        case .accept, .requestSupplement: .acceptanceChecklist
        case .scheduleInterview: .interviewPlacement
        case .recordInterview: .interviewHeld
        case .recordPass, .recordFail: .committeeDecision
        default: nil
        }
    }

    /// The effects the server runs with the stage change, in this order, in its transaction.
    public var effects: [StageEffect] {
        switch self {
        case .accept: [.drawAcceptanceNumber]
        case .requestSupplement: [.openSupplement]
        case .resubmit: [.answerSupplement]
        case .returnToApplicant, .refusePost: [.clearPublicity]
        case .scheduleInterview: [.placeOnSession]
        case .recordInterview: [.recordAttendance]
        case .recordPass, .recordFail: [.closeVote]
        default: []
        }
    }
}
