/// 资格自查 — checks an applicant against one batch policy, clause by clause (二, 三, 四(一)).
///
/// Hard clauses give `pass` or `fail`; the "原则上" clause on work in Shanghai gives `review`
/// when not met, for a reviewer to accept or refuse with a written reason. The basic
/// conditions of 三(一) are attestations the applicant signs; the engine records them.
public struct EligibilityEngine: Sendable {
    public let policy: BatchPolicy
    private let counter: ExperienceCounter
    private let qualifying: [Discipline]
    private let notQualifying: [Discipline]

    public init(policy: BatchPolicy) {
        self.policy = policy
        self.counter = ExperienceCounter(cutoff: policy.dates.experienceCutoff.value)
        self.qualifying = policy.engineeringDegreeDisciplines.qualifying
        self.notQualifying = policy.engineeringDegreeDisciplines.notQualifying
    }

    /// Ranks degrees for the ladder: a higher degree satisfies a rung asking for a lower one.
    static func rank(_ degree: Degree) -> Int {
        switch degree {
        case .doctorate: 4
        case .master, .secondBachelor: 3
        case .bachelor: 2
        case .associate: 1
        case .none: 0
        }
    }

    public func evaluate(_ profile: ApplicantProfile) -> EligibilityReport {
        var clauses: [EligibilityClause] = []
        clauses.reserveCapacity(12)
        let target = profile.target
        let cutoff = policy.dates.experienceCutoff.value
        // "具备……学位" — a degree counts when it is held while the file can still be reported:
        // awarded on or before the window's last day. The 12-31 cut-off is for work only.
        let heldBy = policy.dates.submissionCloses.value
        let held = profile.education.filter { $0.awardedOn <= heldBy }
        let lateDegree = profile.education.filter { $0.awardedOn > heldBy }.map(\.awardedOn).min()

        // 三(一) 基本条件 — signed attestations.
        let attestations = profile.attestations
        func attest(_ id: ClauseID, _ signed: Bool, _ citation: String) {
            clauses.append(EligibilityClause(id: id, citation: citation, outcome: signed ? .pass : .fail,
                                             facts: .attestation(signed: signed)))
        }
        attest(.lawAbiding, attestations.lawAbiding, "三(一)1")
        attest(.professionalEthics, attestations.professionalEthics, "三(一)2")
        attest(.dutiesFulfilled, attestations.dutiesFulfilled, "三(一)3")

        // 二 — the certificate's field fixes the series; finance & management only 副高.
        let field = profile.certificate.field
        let rule = policy.fields.rule(for: field)
        let seriesOK = profile.certificate.titleSeries == target.series && rule.series.contains(target.series)
        clauses.append(EligibilityClause(
            id: .series, citation: rule.citation, outcome: seriesOK ? .pass : .fail,
            facts: .series(target: target.series, certificate: profile.certificate.titleSeries, field: field, allowed: rule.series)))
        clauses.append(EligibilityClause(
            id: .level, citation: rule.citation, outcome: rule.levels.contains(target.level) ? .pass : .fail,
            facts: .level(target: target.level, field: field, allowed: rule.levels)))

        let excluded = policy.priorParticipation.excludedBatches
        if !excluded.isEmpty {
            let earlier = profile.participatedIn?.first { excluded.contains($0) }
            clauses.append(EligibilityClause(
                id: .priorParticipation, citation: policy.priorParticipation.citation,
                outcome: earlier == nil ? .pass : .fail, facts: .priorParticipation(batch: earlier)))
        }

        // 二 "在本市合法工作" — a hard condition: the applicant works in Shanghai now. Reading: a
        // period in Shanghai (`inShanghai`: for an employer in Shanghai, at a place in Shanghai)
        // that is still going on, or runs at least to the experience cut-off. Work in Shanghai
        // that has ended does not make someone who now works elsewhere eligible; how long the
        // Shanghai work has lasted is the "原则上" clause of 三(二) below.
        let current = profile.work.filter { $0.inShanghai && ($0.to.map { $0 >= cutoff } ?? true) }
        clauses.append(EligibilityClause(
            id: .workingInShanghai, citation: "二", outcome: current.isEmpty ? .fail : .pass,
            facts: .workingInShanghai(since: current.map(\.from).min(), cutoff: cutoff)))

        // 二 "相应层级" — a title is applied for above the one held in the same series. Reading: a
        // title of another series at the same level is a different title (转系列) and is not
        // refused here; 事业单位 staff are held to one level above by the clause further down,
        // which covers this one for them.
        if let current = profile.currentTitle, profile.employer.kind != .publicInstitution,
           current.series == target.series {
            clauses.append(EligibilityClause(
                id: .aboveHeld, citation: "二", outcome: target.level.rank > current.level.rank ? .pass : .fail,
                facts: .aboveHeld(current: current, target: target)))
        }

        // 四 — 初级 is appointed by the employer (聘任); 中级 and 副高 go to the committee.
        clauses.append(EligibilityClause(
            id: .route, citation: policy.committeeLevels.citation, outcome: .pass,
            facts: .route(committee: policy.committeeLevels.levels.contains(target.level))))

        clauses.append(Self.verificationClause(verifiedOn: profile.certificate.verifiedOn, policy: policy))

        // 三(二) — engineering titles need a 理工科 degree. A discipline the policy does not name
        // as 理工科 nor as outside it (交叉学科, or one a later list adds) goes to a reviewer.
        if target.series == .engineering {
            let degrees = held.filter { $0.degree != .none }
            let outcome: ClauseOutcome
            let found: Discipline?
            if let match = degrees.first(where: { qualifying.contains($0.discipline) }) {
                (outcome, found) = (.pass, match.discipline)
            } else if let match = degrees.first(where: { !notQualifying.contains($0.discipline) }) {
                (outcome, found) = (.review, match.discipline)
            } else {
                (outcome, found) = (.fail, degrees.first?.discipline)
            }
            clauses.append(EligibilityClause(id: .engineeringDiscipline, citation: policy.engineeringDegreeDisciplines.citation,
                                             outcome: outcome, facts: .discipline(found: found)))
        }

        // 三(二)1–3 — the education × years ladder.
        let related = counter.merge(profile.work) { $0.related }
        var met: BatchPolicy.LadderRung?
        for rung in policy.ladder.rungs(for: target.level) where met == nil {
            var needed = Int.max
            for degree in rung.degrees { needed = min(needed, Self.rank(degree)) }
            for education in held where Self.rank(education.degree) >= needed {
                if counter.meets(years: rung.years, related, notBefore: education.awardedOn) {
                    met = rung
                    break
                }
            }
        }
        let levelCitation = ladderCitation(for: target.level)
        clauses.append(EligibilityClause(
            id: .ladder, citation: met?.citation ?? levelCitation, outcome: met == nil ? .fail : .pass,
            facts: .ladder(level: target.level, met: met, related: counter.length(related), cutoff: cutoff,
                           degreeAfter: met == nil ? lateDegree.map { _ in heldBy } : nil)))

        // 三(二) — 原则上 ≥ 1 year of related work in Shanghai.
        let shanghai = policy.thresholds.shanghaiRelatedWorkYears
        let inShanghai = counter.merge(profile.work) { $0.related && $0.inShanghai }
        let shanghaiMet = counter.meets(years: shanghai.value, inShanghai)
        clauses.append(EligibilityClause(
            id: .shanghaiExperience, citation: shanghai.citation,
            outcome: shanghaiMet ? .pass : (shanghai.inPrinciple ? .review : .fail),
            facts: .shanghai(length: counter.length(inShanghai), years: shanghai.value, cutoff: cutoff)))

        // 二 — 事业单位 staff: one level above the title held, no more. Reading: "在现有职称基础上
        // 申请高一级" leaves staff without a title only the first level, 初级.
        if profile.employer.kind == .publicInstitution {
            let step = policy.thresholds.publicInstitutionLevelsAboveCurrent
            let held = profile.currentTitle?.level.rank ?? 0
            let ok = target.level.rank > held && target.level.rank <= held + step.value
            clauses.append(EligibilityClause(
                id: .oneLevelUp, citation: step.citation, outcome: ok ? .pass : .fail,
                facts: .oneLevelUp(current: profile.currentTitle, target: target.level)))
        }

        return EligibilityReport(batch: policy.id, clauses: clauses)
    }

    /// `三(二)3` for 副高 when no rung is met: the level's paragraph, from its rungs' citations.
    private func ladderCitation(for level: TitleLevel) -> String {
        guard let first = policy.ladder.rungs(for: level).first?.citation,
              let open = first.lastIndex(of: "(") else { return "三(二)" }
        return String(first[..<open])
    }

    /// 四(一) — 查验 passed on or before the batch's cut-off. Also asked alone, by the
    /// verification pages, to say whether a verification can serve this batch.
    public static func verificationClause(verifiedOn: LocalDate?, policy: BatchPolicy) -> EligibilityClause {
        let cutoff = policy.dates.verificationCutoff
        let verified = verifiedOn.map { $0 <= cutoff.value } ?? false
        return EligibilityClause(id: .verification, citation: cutoff.citation, outcome: verified ? .pass : .fail,
                                 facts: .verification(verifiedOn: verifiedOn, cutoff: cutoff.value))
    }
}
