import Foundation

/// 批次政策 — every date and threshold of one batch notice, read from a data file.
///
/// A new batch (第三批 …) is a new file in `Resources/policies`, not new code. Each value
/// carries the clause of the notice it comes from, so pages, reports and the audit log can
/// cite it. Dates are Asia/Shanghai calendar days and windows are whole days: a window that
/// closes on day D is open until 24:00 of D in Shanghai.
public struct BatchPolicy: Codable, Sendable, Equatable {
    /// A date of the notice with the clause it comes from.
    public struct CitedDate: Codable, Sendable, Equatable {
        public let value: LocalDate
        public let citation: String
    }

    /// A number of the notice with its clause; `inPrinciple` marks a "原则上" rule that a
    /// reviewer may waive with a written reason.
    public struct Threshold: Codable, Sendable, Equatable {
        public let value: Int
        public let citation: String
        public let inPrinciple: Bool
    }

    public struct Notice: Codable, Sendable, Equatable {
        /// 文号
        public let document: String
        public let title: LocalizedText
        public let issuer: LocalizedText
        public let issuedOn: LocalDate
    }

    public struct Committee: Codable, Sendable, Equatable {
        public let zh: String
        public let en: String
        public let citation: String
        public var name: LocalizedText { LocalizedText(zh: zh, en: en) }
    }

    public struct CertificateList: Codable, Sendable, Equatable {
        /// Version of 《上海市境外职业资格证书认可清单》 the batch admits.
        public let version: String
        /// The class of items admitted (C 类).
        public let itemClass: String
        public let citation: String
    }

    public struct Dates: Codable, Sendable, Equatable {
        /// 查验 must have passed on or before this day.
        public let verificationCutoff: CitedDate
        /// First day of the submission (上报) window.
        public let submissionOpens: CitedDate
        /// Last day of the submission window; later is 逾期.
        public let submissionCloses: CitedDate
        /// Work experience is counted up to and including this day.
        public internal(set) var experienceCutoff: CitedDate
    }

    public struct Thresholds: Codable, Sendable, Equatable {
        /// 在本市从事相关专业技术工作 1 年以上 (原则上).
        public let shanghaiRelatedWorkYears: Threshold
        /// 公示期不少于 5 个工作日.
        public let unitPublicityWorkingDays: Threshold
        /// 结果公示 (四(七)): 公示期不少于 5 个工作日 (the national rules, FACTS.md §2).
        public let resultPublicityWorkingDays: Threshold
        /// 专业技术工作总结不少于 3000 字.
        public let workSummaryMinimumZi: Threshold
        /// 打印 3 份.
        public let formPrintCopies: Threshold
        /// 事业单位工作人员 may apply this many levels above the title they hold.
        public let publicInstitutionLevelsAboveCurrent: Threshold
    }

    /// One route of the education × years ladder: any of `degrees` plus `years` of related work.
    public struct LadderRung: Codable, Sendable, Equatable {
        public let degrees: [Degree]
        public let years: Int
        public let citation: String
    }

    public struct Ladder: Codable, Sendable, Equatable {
        public let junior: [LadderRung]
        public let intermediate: [LadderRung]
        public let associateSenior: [LadderRung]

        public func rungs(for level: TitleLevel) -> [LadderRung] {
            switch level {
            case .junior: junior
            case .intermediate: intermediate
            case .associateSenior: associateSenior
            }
        }
    }

    /// What a certificate field may lead to.
    public struct FieldRule: Codable, Sendable, Equatable {
        public let series: [TitleSeries]
        public let levels: [TitleLevel]
        public let citation: String
    }

    public struct Fields: Codable, Sendable, Equatable {
        public let biomedicine: FieldRule
        public let informationTechnology: FieldRule
        public let engineeringTechnology: FieldRule
        public let financeManagement: FieldRule

        public func rule(for field: CertificateField) -> FieldRule {
            switch field {
            case .biomedicine: biomedicine
            case .informationTechnology: informationTechnology
            case .engineeringTechnology: engineeringTechnology
            case .financeManagement: financeManagement
            }
        }
    }

    /// Levels decided by the committee; the others are appointed by the employer (聘任).
    public struct CommitteeLevels: Codable, Sendable, Equatable {
        public let levels: [TitleLevel]
        public let citation: String
    }

    /// 理工科: disciplines that satisfy the degree condition for engineering titles outright,
    /// those that plainly do not, and — everything else — those a reviewer must judge.
    ///
    /// Reading: 理工科 is 理学 and 工学. 医学 and 农学 are often grouped with them (理工农医) but are
    /// separate 学科门类, and 交叉学科 (a 门类 since 2021) may be either, so the second batch sends
    /// them to a reviewer rather than passing or failing them. Only the disciplines listed as
    /// `notQualifying` fail outright: a discipline the list does not classify is judged by a
    /// person, never refused by default.
    public struct EngineeringDisciplines: Codable, Sendable, Equatable {
        public let qualifying: [Discipline]
        /// Named for readers of the policy; any discipline in neither list goes to review.
        public let forReview: [Discipline]
        public let notQualifying: [Discipline]
        public let citation: String
    }

    public struct PriorParticipation: Codable, Sendable, Equatable {
        public let excludedBatches: [String]
        public let citation: String
    }

    public internal(set) var id: String
    public internal(set) var name: LocalizedText
    /// The batch's part of its 受理号 (`2024B2` in `2024B2-FM-0001`): letters and digits, unique
    /// among the batches, so numbers of two batches never meet.
    public internal(set) var acceptanceBatchCode: String
    public internal(set) var notice: Notice
    public let committee: Committee
    public internal(set) var certificateList: CertificateList
    public internal(set) var dates: Dates
    public internal(set) var thresholds: Thresholds
    public let ladder: Ladder
    public let fields: Fields
    public let committeeLevels: CommitteeLevels
    /// 投票表决: quorum and pass rule of the committee (四(六)).
    public let voting: VotingRules
    /// 三(三): what the committee judges each level against.
    public let assessment: AssessmentCriteria
    public let engineeringDegreeDisciplines: EngineeringDisciplines
    /// Batches whose participants may not apply again (batch 3 excludes batches 1 and 2).
    public let priorParticipation: PriorParticipation
    /// 联系方式 of the notice (五).
    public let contacts: [String]
}

extension BatchPolicy {
    /// Loads one policy file and checks it; errors name the file, the key and the problem.
    public static func load(from url: URL) throws -> BatchPolicy {
        let file = url.lastPathComponent
        let policy = try DataFileError.load(BatchPolicy.self, from: url)
        try policy.validate(file: file)
        return policy
    }

    /// Every policy shipped with TitleBridge, by id.
    public static func bundled() throws -> [String: BatchPolicy] {
        try load(files: try ResourceFile.urls(in: "policies"))
    }

    /// The policy files of a folder (`*.json`), by id: how an installation adds the next batch
    /// without a new build (`TITLEBRIDGE_POLICY_DIR`).
    public static func load(folder: URL) throws -> [String: BatchPolicy] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try load(files: names.map { folder.appendingPathComponent($0) })
    }

    static func load(files: [URL]) throws -> [String: BatchPolicy] {
        var policies: [String: BatchPolicy] = [:]
        for url in files {
            let policy = try load(from: url)
            guard url.deletingPathExtension().lastPathComponent == policy.id else {
                throw DataFileError(file: url.lastPathComponent, key: "id",
                                    problem: "is “\(policy.id)” but the file name says otherwise")
            }
            policies[policy.id] = policy
        }
        return policies
    }

    /// Checks the dates against the working-day calendar: the unit publicity (四(四)) has to fit
    /// between the window's first and last day — a publicity starts no earlier than the file's
    /// submission, which is inside the window — and the calendar must know the window's years,
    /// or every working-day count of the batch would be a guess.
    public func validate(against calendar: WorkingDayCalendar, file: String) throws {
        let opens = dates.submissionOpens.value, closes = dates.submissionCloses.value
        for year in opens.year...closes.year where calendar.years[year] == nil {
            throw DataFileError(file: file, key: "dates.submissionCloses",
                                problem: "falls in \(year), for which no holiday calendar is loaded")
        }
        let days = thresholds.unitPublicityWorkingDays.value
        let fits = calendar.workingDays(from: opens, through: closes).value
        guard fits >= days else {
            throw DataFileError(file: file, key: "thresholds.unitPublicityWorkingDays",
                                problem: "asks for \(days) working days of publicity, but the window \(opens.iso)–\(closes.iso) holds only \(fits)")
        }
    }

    /// Checks what the types alone cannot: the order of the dates and the sense of the numbers.
    public func validate(file: String) throws {
        func fail(_ key: String, _ problem: String) -> DataFileError {
            DataFileError(file: file, key: key, problem: problem)
        }
        guard !id.isEmpty else { throw fail("id", "is empty") }
        guard !acceptanceBatchCode.isEmpty,
              acceptanceBatchCode.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) else {
            throw fail("acceptanceBatchCode", "must be capital letters and digits, found “\(acceptanceBatchCode)”")
        }
        guard !certificateList.itemClass.isEmpty else { throw fail("certificateList.itemClass", "is empty") }
        guard dates.submissionOpens.value <= dates.submissionCloses.value else {
            throw fail("dates.submissionCloses", "is before dates.submissionOpens")
        }
        guard dates.verificationCutoff.value < dates.submissionOpens.value else {
            throw fail("dates.verificationCutoff", "must fall before the submission window opens")
        }
        guard notice.issuedOn <= dates.submissionOpens.value else {
            throw fail("notice.issuedOn", "is after the submission window opens")
        }
        // A share above one could never be reached; one of nothing would pass anything.
        for (key, share) in [("voting.quorum", voting.quorum), ("voting.pass", voting.pass)] {
            guard share.denominator > 0, share.numerator > 0, share.numerator <= share.denominator else {
                throw fail(key, "must be a share between 0 (excluded) and 1, found \(share.numerator)/\(share.denominator)")
            }
        }
        guard voting.panelMinimum >= 1 else { throw fail("voting.panelMinimum", "must be at least 1, found \(voting.panelMinimum)") }
        for level in committeeLevels.levels where assessment.criteria(for: level).isEmpty {
            throw fail("assessment", "lists no criteria for \(level.rawValue), a level the committee decides")
        }
        let positive: [(String, Threshold)] = [
            ("thresholds.unitPublicityWorkingDays", thresholds.unitPublicityWorkingDays),
            ("thresholds.resultPublicityWorkingDays", thresholds.resultPublicityWorkingDays),
            ("thresholds.workSummaryMinimumZi", thresholds.workSummaryMinimumZi),
            ("thresholds.formPrintCopies", thresholds.formPrintCopies),
            ("thresholds.publicInstitutionLevelsAboveCurrent", thresholds.publicInstitutionLevelsAboveCurrent),
        ]
        for (key, threshold) in positive where threshold.value < 1 {
            throw fail("\(key).value", "must be at least 1, found \(threshold.value)")
        }
        guard thresholds.shanghaiRelatedWorkYears.value >= 0 else {
            throw fail("thresholds.shanghaiRelatedWorkYears.value", "must not be negative")
        }
        for level in TitleLevel.allCases {
            for (index, rung) in ladder.rungs(for: level).enumerated() {
                let key = "ladder.\(level.rawValue)[\(index)]"
                guard !rung.degrees.isEmpty else { throw fail("\(key).degrees", "is empty") }
                guard rung.years >= 0 else { throw fail("\(key).years", "must not be negative") }
            }
        }
        for field in CertificateField.allCases {
            let rule = fields.rule(for: field)
            guard !rule.series.isEmpty else { throw fail("fields.\(field.rawValue).series", "is empty") }
            guard !rule.levels.isEmpty else { throw fail("fields.\(field.rawValue).levels", "is empty") }
        }
        let disciplines = engineeringDegreeDisciplines
        let lists = [("qualifying", disciplines.qualifying), ("for review", disciplines.forReview), ("not qualifying", disciplines.notQualifying)]
        for (i, first) in lists.enumerated() {
            for second in lists[(i + 1)...] {
                let overlap = Set(first.1).intersection(second.1)
                guard overlap.isEmpty else {
                    throw fail("engineeringDegreeDisciplines", "lists \(overlap.map(\.rawValue).sorted()) both as \(first.0) and \(second.0)")
                }
            }
        }
    }

    /// Whether `now` lies inside the submission window, in Shanghai whole days.
    public func isSubmissionOpen(at now: Date) -> Bool {
        let today = ShanghaiTime.date(of: now)
        return dates.submissionOpens.value <= today && today <= dates.submissionCloses.value
    }
}
