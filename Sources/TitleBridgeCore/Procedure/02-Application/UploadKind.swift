/// 附件 — what an uploaded file of the application proves.
public enum UploadKind: String, Codable, Sendable, CaseIterable {
    /// 学历学位证书 (and 学历认证 for overseas degrees).
    case degree
    /// 工作证明.
    case workProof
    /// 境外职业资格证书扫描件.
    case certificateScan
    /// 签字的个人承诺页 (四(四)).
    case commitment
    /// 盖章的所在单位核实意见 (四(四)).
    case unitOpinion
    /// 公示证明 — the employer's evidence of the unit publicity (the posted notice, a photo).
    case publicityEvidence

    public var name: LocalizedText {
        switch self {
        case .degree: LocalizedText(zh: "学历学位证书", en: "Degree certificate")
        case .workProof: LocalizedText(zh: "工作证明", en: "Proof of work")
        case .certificateScan: LocalizedText(zh: "境外职业资格证书", en: "Overseas certificate")
        case .commitment: LocalizedText(zh: "个人承诺（签字）", en: "Signed personal commitment")
        case .unitOpinion: LocalizedText(zh: "所在单位核实意见（盖章）", en: "Stamped opinion of the employer")
        case .publicityEvidence: LocalizedText(zh: "单位公示证明", en: "Evidence of the unit publicity")
        }
    }

    /// The stages in which the applicant may add this kind: the file's own proofs while it is a
    /// draft; the signed commitment once the publicity runs (it is signed on the printed form).
    public func openForApplicant(in stage: Stage) -> Bool {
        switch self {
        case .degree, .workProof, .certificateScan: stage == .draft || stage == .supplementRequested
        case .commitment: stage == .draft || stage == .unitPublicity || stage == .supplementRequested
        case .unitOpinion, .publicityEvidence: false
        }
    }

    /// The stages in which the employer adds this kind: the stamped opinion and the
    /// publicity evidence while the file is publicised (and when a supplement asks again).
    public func openForEmployer(in stage: Stage) -> Bool {
        switch self {
        case .unitOpinion, .publicityEvidence: stage == .unitPublicity || stage == .supplementRequested
        case .degree, .workProof, .certificateScan, .commitment: false
        }
    }
}

/// Limits of what one application may carry, so a file stays printable and reviewable.
public enum UploadLimits {
    public static let filesPerApplication = 20
    public static let bytesPerApplication = 30 * 1024 * 1024
}
