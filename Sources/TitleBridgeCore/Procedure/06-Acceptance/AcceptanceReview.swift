/// 受理审核 (四(五)) — the bureau and the industry authority check a reported file item by item:
/// every condition of the eligibility report and every required material. A file with every
/// item in order is accepted (予以受理) and numbered; otherwise every missing or
/// non-conforming item is told to the applicant at once, with a due day, and may be corrected
/// once (一次性补齐); a file that does not meet the conditions is not accepted.
public struct AcceptanceItem: Sendable, Equatable {
    /// What the applicant changes to correct the item.
    public enum Fix: Sendable, Equatable {
        case step(ApplicationStep)
        /// An upload of the applicant (or, for the unit opinion, of its employer).
        case upload(UploadKind)
    }

    /// `clause:experience.ladder`, `upload:degree`, `summary`.
    public let id: String
    public let label: LocalizedText
    /// What the system found: the clause's outcome, or whether the material is there.
    public let found: Found
    public let citation: String
    public let fix: Fix

    public enum Found: String, Sendable, Equatable {
        case pass, fail, review, present, missing
        public var inOrder: Bool { self == .pass || self == .present }
    }
}

/// A reviewer's verdict on one item.
public enum ItemVerdict: String, Codable, Sendable, CaseIterable {
    /// 符合.
    case conforms
    /// 缺少 — the material is missing.
    case missing
    /// 不符合规定形式 — present but not as required.
    case nonConforming

    public var name: LocalizedText {
        switch self {
        case .conforms: LocalizedText(zh: "符合", en: "In order")
        case .missing: LocalizedText(zh: "缺少", en: "Missing")
        case .nonConforming: LocalizedText(zh: "不符合规定形式", en: "Not as required")
        }
    }
}

/// The reviewer's decision on every item of the checklist, and the due day of a supplement.
public struct AcceptanceDecision: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public let id: String
        public let label: LocalizedText
        public let verdict: ItemVerdict
        public let note: String?

        public init(id: String, label: LocalizedText, verdict: ItemVerdict, note: String?) {
            self.id = id
            self.label = label
            self.verdict = verdict
            self.note = note
        }
    }

    public let entries: [Entry]
    public let supplementDue: LocalDate?

    public init(entries: [Entry], supplementDue: LocalDate?) {
        self.entries = entries
        self.supplementDue = supplementDue
    }

    /// The same verdicts in the checklist's order, named by its labels; verdicts on items the
    /// checklist does not have follow as they came, for `validate` to refuse.
    public func labelled(by items: [AcceptanceItem]) -> AcceptanceDecision {
        let byID = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let known = Set(items.map(\.id))
        return AcceptanceDecision(entries: items.compactMap { item in
            byID[item.id].map { Entry(id: item.id, label: item.label, verdict: $0.verdict, note: $0.note) }
        } + entries.filter { !known.contains($0.id) }, supplementDue: supplementDue)
    }

    /// The items flagged for the applicant to correct.
    public var flagged: [Entry] { entries.filter { $0.verdict != .conforms } }

    /// Acceptance needs a verdict on every item and every one in order; a supplement request
    /// at least one flagged item, each with what is wrong.
    ///
    /// 四(五) "符合申报条件、材料齐全的，予以受理": a condition the system finds failed cannot be
    /// judged "in order" by a reviewer — the file is corrected by a supplement or not accepted.
    /// A "原则上" condition the system sends for review is in order only with the reviewer's
    /// written reason, which stays with the acceptance. A verdict on an item the checklist does
    /// not have is refused, so a mistyped key never looks decided.
    public func validate(against items: [AcceptanceItem], accepting: Bool) throws(ProfileError) {
        let known = Set(items.map(\.id))
        if let unknown = entries.first(where: { !known.contains($0.id) }) {
            throw ProfileError(code: "item_unknown", field: "items.\(unknown.id)", message: LocalizedText(
                zh: "审核清单中没有“\(unknown.id)”这一项。", en: "The checklist has no item “\(unknown.id)”."))
        }
        let decided = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        if let open = items.first(where: { decided[$0.id] == nil }) {
            throw ProfileError(code: "item_undecided", field: "items.\(open.id)", message: LocalizedText(
                zh: "请对“\(open.label.zh)”作出审核结论。", en: "Decide on “\(open.label.en)”."))
        }
        for entry in flagged where entry.note?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
            throw ProfileError(code: "note_required", field: "items.\(entry.id).note", message: LocalizedText(
                zh: "请写明“\(entry.label.zh)”缺少什么或哪里不符合规定形式。",
                en: "Say what is missing or wrong with “\(entry.label.en)”."))
        }
        if accepting {
            if let wrong = flagged.first {
                throw ProfileError(code: "item_not_in_order", field: "items.\(wrong.id)", message: LocalizedText(
                    zh: "“\(wrong.label.zh)”未审核通过，不能予以受理；请一次性告知补正，或不予受理。",
                    en: "“\(wrong.label.en)” is not in order, so the file cannot be accepted; ask for supplements or do not accept it."))
            }
            if let failed = items.first(where: { $0.found == .fail || $0.found == .missing }) {
                throw ProfileError(code: "condition_not_met", field: "items.\(failed.id)", message: LocalizedText(
                    zh: "系统核对“\(failed.label.zh)”未通过（\(failed.citation)），不符合申报条件或材料不齐全的不能予以受理。",
                    en: "The system finds “\(failed.label.en)” not met (\(failed.citation)); a file that does not meet the conditions or lacks materials cannot be accepted."))
            }
            for item in items where item.found == .review {
                let note = decided[item.id]?.note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                if note.isEmpty {
                    throw ProfileError(code: "reason_required", field: "items.\(item.id).note", message: LocalizedText(
                        zh: "“\(item.label.zh)”属“原则上”条件，须由审核人员写明认定理由后方可受理。",
                        en: "“\(item.label.en)” is a condition “in principle”: write the reviewer's reason before accepting."))
                }
            }
        } else {
            if flagged.isEmpty {
                throw ProfileError(code: "nothing_to_supplement", field: "items", message: LocalizedText(
                    zh: "补正须列明至少一项缺少或不符合规定形式的材料。", en: "A supplement request lists at least one missing or non-conforming item."))
            }
        }
    }
}

public enum AcceptanceChecklist {
    /// The items of a reported file: each clause of its eligibility report (except the route,
    /// which is not a condition), the work summary's length, and the required materials.
    public static func items(report: EligibilityReport?, uploaded: Set<UploadKind>, summaryZi: Int,
                             policy: BatchPolicy) -> [AcceptanceItem] {
        var items: [AcceptanceItem] = []
        for clause in report?.clauses ?? [] where clause.id != .route {
            let found: AcceptanceItem.Found = switch clause.outcome {
            case .pass: .pass
            case .fail: .fail
            case .review: .review
            }
            items.append(AcceptanceItem(id: "clause:" + clause.id.rawValue, label: clause.message, found: found,
                                        citation: clause.citation, fix: .step(step(fixing: clause.id))))
        }
        let minimum = policy.thresholds.workSummaryMinimumZi
        items.append(AcceptanceItem(
            id: "summary", label: LocalizedText(zh: "专业技术工作总结（不少于\(minimum.value)字，现\(summaryZi)字）",
                                                en: "Work summary (at least \(minimum.value) 字; has \(summaryZi))"),
            found: summaryZi >= minimum.value ? .pass : .fail, citation: minimum.citation, fix: .step(.summary)))
        for kind in requiredUploads {
            items.append(AcceptanceItem(id: "upload:" + kind.rawValue, label: kind.name, found: uploaded.contains(kind) ? .present : .missing,
                                        citation: kind == .commitment || kind == .unitOpinion ? "四(四)" : "三(二)", fix: .upload(kind)))
        }
        return items
    }

    /// Materials every file carries: proofs of degree, work and certificate (三(二): 工作经历需
    /// 提供相关证明材料), the signed commitment and the stamped unit opinion (四(四)).
    public static let requiredUploads: [UploadKind] = [.degree, .workProof, .certificateScan, .commitment, .unitOpinion]

    /// The step of the form where the applicant corrects what a clause is about.
    public static func step(fixing clause: ClauseID) -> ApplicationStep {
        switch clause {
        case .lawAbiding, .professionalEthics, .dutiesFulfilled, .series, .level, .priorParticipation, .route: .target
        case .verification: .certificate
        case .engineeringDiscipline: .education
        case .ladder, .shanghaiExperience, .workingInShanghai: .work
        case .oneLevelUp, .aboveHeld: .employer
        }
    }
}

/// 补正 — what a supplement request lets the applicant change: the steps and uploads of the
/// flagged items, nothing else, until the due day.
public struct SupplementScope: Sendable, Equatable {
    public let steps: Set<ApplicationStep>
    public let uploads: Set<UploadKind>

    public init(flagged ids: [String], items: [AcceptanceItem]) {
        var steps = Set<ApplicationStep>(), uploads = Set<UploadKind>()
        let wanted = Set(ids)
        for item in items where wanted.contains(item.id) {
            switch item.fix {
            case .step(let step): steps.insert(step)
            case .upload(let kind): uploads.insert(kind)
            }
        }
        self.steps = steps
        self.uploads = uploads
    }

    /// The scope from the stored item ids alone (ids name their fix).
    public init(flagged ids: [String]) {
        var steps = Set<ApplicationStep>(), uploads = Set<UploadKind>()
        for id in ids {
            if id == "summary" {
                steps.insert(.summary)
            } else if id.hasPrefix("upload:"), let kind = UploadKind(rawValue: String(id.dropFirst(7))) {
                uploads.insert(kind)
            } else if id.hasPrefix("clause:"), let clause = ClauseID(rawValue: String(id.dropFirst(7))) {
                steps.insert(AcceptanceChecklist.step(fixing: clause))
            }
        }
        self.steps = steps
        self.uploads = uploads
    }
}

/// 受理号 — `2024B2-IT-0042`: the batch, the field of the certificate, and a number counted
/// once per batch (unique, in order, never reused; the field is there to be read, not counted).
public enum AcceptanceNumber {
    public static func format(batchCode: String, field: CertificateField?, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(batchCode)-\(code(of: field))-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public static func code(of field: CertificateField?) -> String {
        switch field {
        case .biomedicine: "BIO"
        case .informationTechnology: "IT"
        case .engineeringTechnology: "ENG"
        case .financeManagement: "FM"
        case nil: "GEN"
        }
    }

    public static func sequenceName(batch: String) -> String { "acceptance-\(batch)" }

    /// `2024B2` for the second batch of 2024: the policy file names it.
    public static func batchCode(of policy: BatchPolicy) -> String { policy.acceptanceBatchCode }
}
