import Foundation

/// 新批次 — the next batch as the administrator types it: a copy of an existing policy with
/// its dates, window, thresholds, certificate list version and batch code changed. Everything
/// else (the ladder, the fields, the committee's rules, the citations) is copied unchanged,
/// because those come from standing regulations rather than from the batch notice.
///
/// The values are kept as typed, so a refused draft comes back to the form unchanged.
public struct BatchDraft: Sendable, Equatable, Codable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    /// 受理号 batch code (`2025B1`).
    public var batchCode: String
    /// 文号 of the batch notice.
    public var noticeDocument: String
    public var noticeIssuedOn: String
    public var certificateListVersion: String
    public var verificationCutoff: String
    public var submissionOpens: String
    public var submissionCloses: String
    public var experienceCutoff: String
    /// Threshold values by key of `BatchDraft.thresholdKeys`, as typed.
    public var thresholds: [String: String]

    public init(id: String = "", nameZh: String = "", nameEn: String = "", batchCode: String = "", noticeDocument: String = "",
                noticeIssuedOn: String = "", certificateListVersion: String = "", verificationCutoff: String = "",
                submissionOpens: String = "", submissionCloses: String = "", experienceCutoff: String = "",
                thresholds: [String: String] = [:]) {
        self.id = id
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.batchCode = batchCode
        self.noticeDocument = noticeDocument
        self.noticeIssuedOn = noticeIssuedOn
        self.certificateListVersion = certificateListVersion
        self.verificationCutoff = verificationCutoff
        self.submissionOpens = submissionOpens
        self.submissionCloses = submissionCloses
        self.experienceCutoff = experienceCutoff
        self.thresholds = thresholds
    }

    /// The thresholds a batch notice sets, in the order the form shows them.
    public static let thresholdKeys = ["shanghaiRelatedWorkYears", "unitPublicityWorkingDays", "resultPublicityWorkingDays",
                                       "workSummaryMinimumZi", "formPrintCopies", "publicInstitutionLevelsAboveCurrent"]

    /// The draft a form starts from: `base` as it is, with an empty id, names and code, so the
    /// administrator has to name the new batch rather than overwrite the old one by accident.
    public init(copying base: BatchPolicy) {
        self.init(nameZh: "", nameEn: "", noticeDocument: "", noticeIssuedOn: base.notice.issuedOn.iso,
                  certificateListVersion: base.certificateList.version,
                  verificationCutoff: base.dates.verificationCutoff.value.iso, submissionOpens: base.dates.submissionOpens.value.iso,
                  submissionCloses: base.dates.submissionCloses.value.iso, experienceCutoff: base.dates.experienceCutoff.value.iso,
                  thresholds: Dictionary(uniqueKeysWithValues: Self.thresholdKeys.map { ($0, "\(base.thresholds.value(of: $0) ?? 0)") }))
    }
}

/// One thing wrong with a draft, named by its form field, in both languages.
public struct BatchDraftProblem: Error, Sendable, Equatable {
    public let field: String
    public let message: LocalizedText

    public init(field: String, message: LocalizedText) {
        self.field = field
        self.message = message
    }
}

/// Every problem of a refused draft at once, so the form can mark each field.
public struct BatchDraftRefusal: Error, Sendable, Equatable {
    public let problems: [BatchDraftProblem]
}

extension BatchPolicy.Thresholds {
    func value(of key: String) -> Int? {
        switch key {
        case "shanghaiRelatedWorkYears": shanghaiRelatedWorkYears.value
        case "unitPublicityWorkingDays": unitPublicityWorkingDays.value
        case "resultPublicityWorkingDays": resultPublicityWorkingDays.value
        case "workSummaryMinimumZi": workSummaryMinimumZi.value
        case "formPrintCopies": formPrintCopies.value
        case "publicInstitutionLevelsAboveCurrent": publicInstitutionLevelsAboveCurrent.value
        default: nil
        }
    }

    func with(_ values: [String: Int]) -> Self {
        func set(_ threshold: BatchPolicy.Threshold, _ key: String) -> BatchPolicy.Threshold {
            BatchPolicy.Threshold(value: values[key] ?? threshold.value, citation: threshold.citation, inPrinciple: threshold.inPrinciple)
        }
        return Self(shanghaiRelatedWorkYears: set(shanghaiRelatedWorkYears, "shanghaiRelatedWorkYears"),
                    unitPublicityWorkingDays: set(unitPublicityWorkingDays, "unitPublicityWorkingDays"),
                    resultPublicityWorkingDays: set(resultPublicityWorkingDays, "resultPublicityWorkingDays"),
                    workSummaryMinimumZi: set(workSummaryMinimumZi, "workSummaryMinimumZi"),
                    formPrintCopies: set(formPrintCopies, "formPrintCopies"),
                    publicInstitutionLevelsAboveCurrent: set(publicInstitutionLevelsAboveCurrent, "publicInstitutionLevelsAboveCurrent"))
    }
}

extension BatchPolicy {
    /// The policy `draft` describes, copied from `self`, or every reason it cannot be one.
    ///
    /// Readings, the stricter where the notice leaves room (a batch opened wrongly cannot be
    /// corrected once files are in it):
    /// - the notice is issued, and the window opens and closes, on working days of the holiday
    ///   calendar (四(四) counts the window in working days; a notice is signed on one); the
    ///   verification cut-off (四(一), a Saturday in the second batch) may be any day;
    /// - the order is fixed: verification cut-off before the window, the notice no later than
    ///   its first day, the window's first day no later than its last, and work experience
    ///   counted at least to the window's last day (三(二) counts it to the end of the year);
    /// - the window opens after `today` — a window already running would have cost applicants
    ///   days they were never told of — and overlaps no other batch's, so the current batch is
    ///   never in doubt;
    /// - the certificate list version is one the service holds (`listVersions`), the id and
    ///   batch code are new, and every threshold is a whole number the file checks accept.
    public func drafted(_ draft: BatchDraft, calendar: WorkingDayCalendar, others: [BatchPolicy], listVersions: Set<String>,
                        today: LocalDate) throws(BatchDraftRefusal) -> BatchPolicy {
        var problems: [BatchDraftProblem] = []
        func refuse(_ field: String, _ zh: String, _ en: String) {
            problems.append(BatchDraftProblem(field: field, message: LocalizedText(zh: zh, en: en)))
        }
        let id = draft.id.trimmingCharacters(in: .whitespaces)
        if id.count < 3 || id.count > 60 || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            refuse("id", "批次标识须为 3–60 个小写字母、数字或连字符，例如 shanghai-2025-batch1。",
                   "The batch id must be 3–60 lower-case letters, digits or hyphens, such as shanghai-2025-batch1.")
        } else if others.contains(where: { $0.id == id }) {
            refuse("id", "已有批次使用标识“\(id)”。", "A batch with the id “\(id)” already exists.")
        }
        let code = draft.batchCode.trimmingCharacters(in: .whitespaces)
        if code.isEmpty || code.count > 12 || !code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
            refuse("batchCode", "批次代码须为 1–12 个大写字母或数字，例如 2025B1。", "The batch code must be 1–12 capital letters or digits, such as 2025B1.")
        } else if others.contains(where: { $0.acceptanceBatchCode == code }) {
            refuse("batchCode", "批次代码“\(code)”已被其他批次使用，受理号会重复。",
                   "The batch code “\(code)” is used by another batch; acceptance numbers would repeat.")
        }
        for (field, value, zh, en) in [("nameZh", draft.nameZh, "中文名称", "the Chinese name"), ("nameEn", draft.nameEn, "英文名称", "the English name"),
                                       ("noticeDocument", draft.noticeDocument, "通知文号", "the notice's document number")] {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.count > 200 || trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                refuse(field, "请填写\(zh)（不超过 200 个字符）。", "Enter \(en) (at most 200 characters).")
            }
        }
        let version = draft.certificateListVersion.trimmingCharacters(in: .whitespaces)
        if !listVersions.contains(version) {
            refuse("certificateListVersion", "证书清单版本“\(version)”不在系统中；可选：\(listVersions.sorted().joined(separator: "、"))。",
                   "Certificate list version “\(version)” is not held here; choose one of \(listVersions.sorted().joined(separator: ", ")).")
        }
        func day(_ field: String, _ text: String, _ zh: String, _ en: String, workingDay: Bool) -> LocalDate? {
            guard let date = LocalDate(iso: text.trimmingCharacters(in: .whitespaces)) else {
                refuse(field, "请按 YYYY-MM-DD 填写\(zh)。", "Enter \(en) as YYYY-MM-DD.")
                return nil
            }
            guard calendar.hasData(for: date.year) else {
                refuse(field, "系统尚无 \(date.year) 年的节假日安排，无法计算工作日。请先导入该年的国务院办公厅通知。",
                       "No holiday calendar for \(date.year) is loaded, so working days cannot be counted. Load the State Council's notice for that year first.")
                return nil
            }
            if workingDay, !calendar.isWorkingDay(date).value {
                refuse(field, "\(zh)\(date.iso)不是工作日。", "\(en.prefix(1).uppercased() + en.dropFirst()), \(date.iso), is not a working day.")
            }
            return date
        }
        let issued = day("noticeIssuedOn", draft.noticeIssuedOn, "通知印发日", "the day the notice is issued", workingDay: true)
        let cutoff = day("verificationCutoff", draft.verificationCutoff, "查验截止日", "the verification cut-off", workingDay: false)
        let opens = day("submissionOpens", draft.submissionOpens, "上报开始日", "the first day of reporting", workingDay: true)
        let closes = day("submissionCloses", draft.submissionCloses, "上报截止日", "the last day of reporting", workingDay: true)
        let experience = day("experienceCutoff", draft.experienceCutoff, "工作年限计算截止日", "the work-experience cut-off", workingDay: false)
        if let opens, let closes {
            if closes < opens {
                refuse("submissionCloses", "上报截止日早于开始日。", "The last day of reporting is before the first.")
            } else if let clash = others.first(where: { !($0.dates.submissionCloses.value < opens || closes < $0.dates.submissionOpens.value) }) {
                refuse("submissionOpens", "上报期与“\(clash.name.zh)”（\(clash.dates.submissionOpens.value.iso)–\(clash.dates.submissionCloses.value.iso)）重叠。",
                       "The reporting window overlaps that of “\(clash.name.en)” (\(clash.dates.submissionOpens.value.iso)–\(clash.dates.submissionCloses.value.iso)).")
            }
            if opens <= today {
                refuse("submissionOpens", "上报开始日须晚于今天（\(today.iso)）。", "The first day of reporting must be after today (\(today.iso)).")
            }
            if let experience, experience < closes {
                refuse("experienceCutoff", "工作年限须至少计算到上报截止日。", "Work experience must be counted at least to the last day of reporting.")
            }
        }
        if let cutoff, let opens, !(cutoff < opens) {
            refuse("verificationCutoff", "查验截止日须早于上报开始日。", "The verification cut-off must fall before reporting opens.")
        }
        if let issued, let opens, opens < issued {
            refuse("noticeIssuedOn", "通知印发日晚于上报开始日。", "The notice is issued after reporting opens.")
        }
        var values: [String: Int] = [:]
        for key in BatchDraft.thresholdKeys {
            let text = draft.thresholds[key]?.trimmingCharacters(in: .whitespaces) ?? ""
            let minimum = key == "shanghaiRelatedWorkYears" ? 0 : 1
            guard let value = Int(text), value >= minimum, value <= 100_000 else {
                refuse("thresholds." + key, "请填写不小于 \(minimum) 的整数。", "Enter a whole number of at least \(minimum).")
                continue
            }
            values[key] = value
        }
        guard problems.isEmpty, let issued, let cutoff, let opens, let closes, let experience else {
            throw BatchDraftRefusal(problems: problems)
        }
        var policy = self
        policy.id = id
        policy.name = LocalizedText(zh: draft.nameZh.trimmingCharacters(in: .whitespaces), en: draft.nameEn.trimmingCharacters(in: .whitespaces))
        policy.acceptanceBatchCode = code
        policy.notice = Notice(document: draft.noticeDocument.trimmingCharacters(in: .whitespaces), title: policy.name,
                               issuer: notice.issuer, issuedOn: issued)
        policy.certificateList = CertificateList(version: version, itemClass: certificateList.itemClass, citation: certificateList.citation)
        policy.dates = Dates(verificationCutoff: CitedDate(value: cutoff, citation: dates.verificationCutoff.citation),
                             submissionOpens: CitedDate(value: opens, citation: dates.submissionOpens.citation),
                             submissionCloses: CitedDate(value: closes, citation: dates.submissionCloses.citation),
                             experienceCutoff: CitedDate(value: experience, citation: dates.experienceCutoff.citation))
        policy.thresholds = thresholds.with(values)
        // The checks a policy file gets, so a batch made here is held to the same rules.
        do {
            try policy.validate(file: id)
            try policy.validate(against: calendar, file: id)
        } catch {
            let text = (error as? DataFileError).map { "\($0.key): \($0.problem)" } ?? "\(error)"
            throw BatchDraftRefusal(problems: [BatchDraftProblem(field: "submissionCloses", message: LocalizedText(zh: text, en: text))])
        }
        return policy
    }
}
