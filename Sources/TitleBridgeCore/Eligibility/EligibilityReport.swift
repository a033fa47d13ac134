/// The outcome of one clause.
public enum ClauseOutcome: String, Codable, Sendable {
    case pass
    case fail
    /// A "原则上" (in principle) clause not met: a reviewer may accept with a written reason.
    case review
}

/// 条款 — the conditions of the notice the engine checks, each with a stable id.
public enum ClauseID: String, Codable, Sendable, CaseIterable {
    case lawAbiding = "basic.lawAbiding"
    case professionalEthics = "basic.professionalEthics"
    case dutiesFulfilled = "basic.dutiesFulfilled"
    case series = "scope.series"
    case level = "scope.level"
    case priorParticipation = "scope.priorParticipation"
    case workingInShanghai = "scope.workingInShanghai"
    case aboveHeld = "scope.aboveHeld"
    case route = "procedure.route"
    case verification = "verification.cutoff"
    case engineeringDiscipline = "education.engineeringDiscipline"
    case ladder = "experience.ladder"
    case shanghaiExperience = "experience.shanghai"
    case oneLevelUp = "publicInstitution.oneLevelUp"
}

/// One checked clause: its outcome, the notice clause it cites, and the facts behind it. The
/// sentence shown to people is made from these only when asked for (`message`), so
/// evaluating stays cheap.
public struct EligibilityClause: Sendable, Equatable {
    public enum Facts: Sendable, Equatable {
        case attestation(signed: Bool)
        case series(target: TitleSeries, certificate: TitleSeries, field: CertificateField, allowed: [TitleSeries])
        case level(target: TitleLevel, field: CertificateField, allowed: [TitleLevel])
        case priorParticipation(batch: String?)
        /// The first day of the current work in Shanghai, nil when there is none.
        case workingInShanghai(since: LocalDate?, cutoff: LocalDate)
        case aboveHeld(current: ApplicantProfile.Title, target: ApplicantProfile.Title)
        case route(committee: Bool)
        case verification(verifiedOn: LocalDate?, cutoff: LocalDate)
        case discipline(found: Discipline?)
        /// `degreeAfter`: a degree awarded after this day was left out of a rung not met.
        case ladder(level: TitleLevel, met: BatchPolicy.LadderRung?, related: WorkLength, cutoff: LocalDate, degreeAfter: LocalDate?)
        case shanghai(length: WorkLength, years: Int, cutoff: LocalDate)
        case oneLevelUp(current: ApplicantProfile.Title?, target: TitleLevel)
    }

    public let id: ClauseID
    public let citation: String
    public let outcome: ClauseOutcome
    public let facts: Facts

    public init(id: ClauseID, citation: String, outcome: ClauseOutcome, facts: Facts) {
        self.id = id
        self.citation = citation
        self.outcome = outcome
        self.facts = facts
    }
}

/// The engine's answer: every clause checked, in the order of the notice.
public struct EligibilityReport: Sendable, Equatable {
    public let batch: String
    public let clauses: [EligibilityClause]

    public init(batch: String, clauses: [EligibilityClause]) {
        self.batch = batch
        self.clauses = clauses
    }

    /// No clause failed.
    public var eligible: Bool { !clauses.contains { $0.outcome == .fail } }
    /// Some clause needs a reviewer's judgement.
    public var needsReview: Bool { clauses.contains { $0.outcome == .review } }

    public func clause(_ id: ClauseID) -> EligibilityClause? { clauses.first { $0.id == id } }
}
