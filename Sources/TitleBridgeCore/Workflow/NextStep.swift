/// 下一步 — what happens after a stage, and by when, in the words of 四.
public enum NextStep {
    /// `submitBy`: the last useful day to submit to the employer (`PublicityPlan`), which a
    /// draft names instead of the window's last day — a file submitted on that last day could
    /// not finish its publicity in time.
    public static func after(_ stage: Stage, policy: BatchPolicy, submitBy: LocalDate? = nil) -> LocalizedText {
        let closes = policy.dates.submissionCloses.value
        let zhClose = DateText.long(closes, in: .zh), enClose = DateText.long(closes, in: .en)
        let days = policy.thresholds.unitPublicityWorkingDays.value
        switch stage {
        case .draft:
            guard let submitBy else {
                return LocalizedText(zh: "请完成各项填报，尽早提交所在单位审核：单位审核和不少于\(days)个工作日的公示须在\(zhClose)前完成。",
                                     en: "Complete every step and submit the file to your employer early: its review and a publicity of at least \(days) working days must be over by \(enClose).")
            }
            return LocalizedText(
                zh: "请完成各项填报，并最迟于\(DateText.long(submitBy, in: .zh))提交所在单位审核：单位审核和不少于\(days)个工作日的公示须在\(zhClose)上报截止前完成。",
                en: "Complete every step and submit the file to your employer by \(DateText.long(submitBy, in: .en)) at the latest: its review and a publicity of at least \(days) working days must be over before reporting closes on \(enClose).")
        case .employerReview:
            return LocalizedText(zh: "所在单位将核实材料并填写核实意见；同意后在单位内公示不少于\(days)个工作日。",
                                 en: "Your employer checks the file and writes its opinion; if it agrees, it publicises the application in the unit for at least \(days) working days.")
        case .supervisorReview:
            return LocalizedText(zh: "主管部门将确认岗位情况并出具意见。",
                                 en: "The supervising department confirms the post situation and gives its consent.")
        case .unitPublicity:
            return LocalizedText(zh: "公示期满后，请上传签字的个人承诺页，并于\(zhClose)前上报完整材料。",
                                 en: "When the publicity has ended, upload the signed commitment page and report the complete file by \(enClose).")
        case .reported:
            return LocalizedText(zh: "市人社局会同行业主管部门进行受理审核，如需补正会一次性告知。",
                                 en: "The bureau and the industry authority review the file for acceptance; any supplements are asked for at once.")
        case .supplementRequested:
            return LocalizedText(zh: "请在规定期限内一次性补正所列材料，逾期视为放弃申报。",
                                 en: "Correct every listed item once, by the due day; otherwise the application counts as withdrawn.")
        case .accepted:
            return LocalizedText(zh: "请按通知时间携受理号报送纸质材料，并等待面谈答辩安排。",
                                 en: "Bring the printed files with your acceptance number at the time given, and wait for the interview schedule.")
        case .interviewScheduled:
            return LocalizedText(zh: "请按通知的时间、地点参加面谈答辩。", en: "Attend the interview at the time and place you were told.")
        case .interviewed:
            return LocalizedText(zh: "认定委员会正在评议并投票表决，结果将另行通知。",
                                 en: "The committee is giving its opinions and voting; you will be told the result.")
        case .resultPublicity:
            return LocalizedText(zh: "认定结果公示期间可提出异议；公示无异议后发放职称证书。",
                                 en: "Objections may be raised during the result publicity; the certificate follows when none is upheld.")
        case .certified:
            return LocalizedText(zh: "可下载职称电子证书。", en: "The electronic title certificate can be downloaded.")
        case .notAccepted, .withdrawn, .notRecognised, .revoked:
            return LocalizedText(zh: "本次申报已结束。", en: "This application has ended.")
        }
    }
}

extension NextStep {
    /// What happens next, as the employer, the supervising department or the bureau reads it
    /// on a file that is not theirs: the same steps told of the applicant and the employer in the
    /// third person, never "please" or "your", which `after` says to the applicant.
    public static func forStaff(_ stage: Stage, policy: BatchPolicy, submitBy: LocalDate? = nil) -> LocalizedText {
        let closes = policy.dates.submissionCloses.value
        let zhClose = DateText.long(closes, in: .zh), enClose = DateText.long(closes, in: .en)
        let days = policy.thresholds.unitPublicityWorkingDays.value
        switch stage {
        case .draft:
            guard let submitBy else {
                return LocalizedText(zh: "申报人正在填写申报材料；提交后由所在单位审核，单位审核和不少于\(days)个工作日的公示须在\(zhClose)前完成。",
                                     en: "The applicant is still filling in the file. Once it is submitted, the employer's review and a publicity of at least \(days) working days must be over by \(enClose).")
            }
            return LocalizedText(
                zh: "申报人正在填写申报材料，最迟应于\(DateText.long(submitBy, in: .zh))提交所在单位审核，单位审核和不少于\(days)个工作日的公示方能在\(zhClose)上报截止前完成。",
                en: "The applicant is still filling in the file and should submit it to the employer by \(DateText.long(submitBy, in: .en)), so that the review and a publicity of at least \(days) working days are over before reporting closes on \(enClose).")
        case .employerReview:
            return LocalizedText(zh: "所在单位核实材料并填写核实意见；同意后在单位内公示不少于\(days)个工作日。",
                                 en: "The employer checks the file and writes its opinion; if it agrees, it publicises the application in the unit for at least \(days) working days.")
        case .supervisorReview:
            return LocalizedText(zh: "主管部门确认岗位情况并出具意见。",
                                 en: "The supervising department confirms the post situation and gives its consent.")
        case .unitPublicity:
            return LocalizedText(zh: "公示期满后，所在单位登记公示结果，申报人上传签字的个人承诺页，完整材料须于\(zhClose)前上报。",
                                 en: "When the publicity has ended, the employer records its outcome and the applicant uploads the signed commitment page; the complete file must be reported by \(enClose).")
        case .reported:
            return LocalizedText(zh: "市人社局会同行业主管部门进行受理审核，如需补正一次性告知申报人。",
                                 en: "The bureau and the industry authority review the file for acceptance; any supplements are asked of the applicant at once.")
        case .supplementRequested:
            return LocalizedText(zh: "申报人须在规定期限内一次性补正所列材料，逾期视为放弃申报。",
                                 en: "The applicant corrects every listed item once, by the due day; otherwise the application counts as withdrawn.")
        case .accepted:
            return LocalizedText(zh: "申报人按通知时间凭受理号报送纸质材料，随后安排面谈答辩。",
                                 en: "The applicant brings the printed files with the acceptance number at the time given; the interview is scheduled after that.")
        case .certified:
            return LocalizedText(zh: "职称电子证书已制作，申报人可查看和下载。", en: "The electronic title certificate has been issued to the applicant.")
        case .interviewScheduled, .interviewed, .resultPublicity, .notAccepted, .withdrawn, .notRecognised, .revoked:
            // Already told without addressing anyone.
            return after(stage, policy: policy, submitBy: submitBy)
        }
    }
}
