/// 证明材料 — the proofs the applicant attaches before submitting the file to the employer:
/// degree, work (三(二): 工作经历需提供相关证明材料) and the overseas certificate.
public enum SubmissionProofs {
    public static let required: [UploadKind] = [.degree, .workProof, .certificateScan]

    public static func missing(_ uploaded: Set<UploadKind>) -> [UploadKind] {
        required.filter { !uploaded.contains($0) }
    }
}
