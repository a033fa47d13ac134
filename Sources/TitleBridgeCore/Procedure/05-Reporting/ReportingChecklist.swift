import Foundation

/// 上报 — what a file needs before the applicant reports it (四(四)): the unit publicity over
/// and its outcome recorded, the signed commitment and the stamped unit opinion uploaded, and the batch's window open.
/// Pages list every item so nothing missing is a surprise at the button.
public struct ReportingChecklist: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public let id: String
        public let label: LocalizedText
        public let met: Bool
    }

    public let items: [Item]

    public var ready: Bool { items.allSatisfy(\.met) }

    /// The uploads reporting needs, in the order the notice names them.
    public static let requiredUploads: [UploadKind] = [.commitment, .unitOpinion]

    public init(publicityEnds: LocalDate?, outcome: PublicityOutcome?, uploaded: Set<UploadKind>, now: Date, policy: BatchPolicy) {
        let today = ShanghaiTime.date(of: now)
        let publicity: LocalizedText = publicityEnds.map {
            LocalizedText(zh: "单位公示期满（至\(DateText.long($0, in: .zh))）", en: "Unit publicity over (ends \(DateText.long($0, in: .en)))")
        } ?? LocalizedText(zh: "单位公示期满（单位尚未开始公示）", en: "Unit publicity over (not yet started by the unit)")
        var items = [Item(id: "publicity", label: publicity, met: publicityEnds.map { today >= $0 } ?? false)]
        let result: LocalizedText = outcome.map {
            LocalizedText(zh: "单位已登记公示结果（\($0.summary.zh)）", en: "Publicity outcome recorded by the unit (\($0.summary.en))")
        } ?? LocalizedText(zh: "单位已登记公示结果（有无异议及处理情况）", en: "Publicity outcome recorded by the unit (objections, if any, and how they were settled)")
        items.append(Item(id: "publicityOutcome", label: result, met: outcome != nil))
        items += Self.requiredUploads.map { Item(id: $0.rawValue, label: $0.name, met: uploaded.contains($0)) }
        let opens = policy.dates.submissionOpens.value, closes = policy.dates.submissionCloses.value
        items.append(Item(id: "window", label: LocalizedText(
            zh: "在上报期限内（\(DateText.range(opens, closes, in: .zh))，北京时间）",
            en: "Within the reporting period (\(DateText.range(opens, closes, in: .en)), Beijing time)"),
            met: now >= ShanghaiTime.startOfDay(opens) && now < ShanghaiTime.endOfDay(closes)))
        self.items = items
    }

    /// The uploads still missing.
    public static func missing(_ uploaded: Set<UploadKind>) -> [UploadKind] {
        requiredUploads.filter { !uploaded.contains($0) }
    }

    /// After the window, a file not yet reported can no longer take part in the batch
    /// (“逾期将无法参加本次考核认定”, 四(四)); nil while it still can, or once reported.
    public static func closedOut(_ stage: Stage, now: Date, policy: BatchPolicy) -> LocalizedText? {
        let closes = policy.dates.submissionCloses.value
        guard [.draft, .employerReview, .supervisorReview, .unitPublicity].contains(stage),
              now >= ShanghaiTime.endOfDay(closes) else { return nil }
        return LocalizedText(
            zh: "本批次上报已于\(DateText.long(closes, in: .zh))截止，本件未完成上报，不能再参加本批次考核认定。",
            en: "Reporting for this batch closed on \(DateText.long(closes, in: .en)); this file was not reported and can no longer take part in this batch.")
    }

    /// After the window a new file cannot be reported in this batch any more, so none is
    /// opened (四(四)); nil while the window is open or yet to open.
    public static func openingClosed(now: Date, policy: BatchPolicy) -> LocalizedText? {
        let closes = policy.dates.submissionCloses.value
        guard now >= ShanghaiTime.endOfDay(closes) else { return nil }
        return LocalizedText(
            zh: "本批次申报材料的上报已于\(DateText.long(closes, in: .zh))截止（\(policy.dates.submissionCloses.citation)），现在新建的申报无法参加本批次考核认定，因此不能再新建。请关注下一批次的通知。",
            en: "Reporting for this batch closed on \(DateText.long(closes, in: .en)) (\(policy.dates.submissionCloses.citation)); a file opened now could not take part in it, so no new file can be opened. Watch for the notice of the next batch.")
    }
}
