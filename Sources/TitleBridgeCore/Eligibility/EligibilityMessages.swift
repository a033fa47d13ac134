/// The plain-words explanation of each clause, in both languages, made from its facts.
extension EligibilityClause {
    public var message: LocalizedText {
        switch facts {
        case .attestation(let signed):
            let (zh, en) = attestationText
            return signed
                ? LocalizedText(zh: "已承诺：\(zh)。", en: "Attested: \(en).")
                : LocalizedText(zh: "须承诺\(zh)（三(一)基本条件）。", en: "You must attest that you \(en) (basic conditions).")

        case let .series(target, certificate, field, allowed):
            if certificate != target {
                return LocalizedText(
                    zh: "所持证书项目对应\(certificate.name.zh)系列，不能申报\(target.name.zh)系列。",
                    en: "Your certificate leads to the \(certificate.name.en) series, not \(target.name.en).")
            }
            if !allowed.contains(target) {
                return LocalizedText(
                    zh: "\(field.name.zh)领域证书不能认定\(target.name.zh)系列职称。",
                    en: "\(EnglishText.article(field.name.en).capitalisedFirst) \(field.name.en) certificate cannot lead to a title in the \(target.name.en) series.")
            }
            return LocalizedText(zh: "\(field.name.zh)领域证书可认定\(target.name.zh)系列职称。",
                                 en: "\(EnglishText.article(field.name.en).capitalisedFirst) \(field.name.en) certificate leads to the \(target.name.en) series.")

        case let .level(target, field, allowed):
            let list = allowed.map(\.name)
            return allowed.contains(target)
                ? LocalizedText(zh: "\(field.name.zh)领域证书可认定\(target.name.zh)职称。",
                                en: "\(EnglishText.article(field.name.en).capitalisedFirst) \(field.name.en) certificate may lead to a title at \(target.name.en) level.")
                : LocalizedText(zh: "\(field.name.zh)领域证书只能认定\(list.map(\.zh).joined(separator: "、"))职称。",
                                en: "\(EnglishText.article(field.name.en).capitalisedFirst) \(field.name.en) certificate leads only to \(list.map(\.en).joined(separator: " or ")) titles.")

        case .priorParticipation(let batch):
            return batch == nil
                ? LocalizedText(zh: "未参加过此前批次。", en: "You have not taken part in an earlier batch.")
                : LocalizedText(zh: "已参加过此前批次（\(batch ?? "")），本批次不能再申报。",
                                en: "You took part in an earlier batch (\(batch ?? "")) and cannot apply in this one.")

        case let .workingInShanghai(since, cutoff):
            if let since {
                return LocalizedText(zh: "自\(DateText.long(since, in: .zh))起在本市工作。",
                                     en: "You have worked in Shanghai since \(DateText.long(since, in: .en)).")
            }
            return LocalizedText(
                zh: "须在本市合法工作：工作经历中须有在本市的当前工作（至今，或至少至\(DateText.long(cutoff, in: .zh))）。",
                en: "You must work in Shanghai now: your work history needs a current period in Shanghai (ongoing, or lasting at least until \(DateText.long(cutoff, in: .en))).")

        case let .aboveHeld(current, target):
            let held = current.series.title(at: current.level), wanted = target.series.title(at: target.level)
            return outcome == .pass
                ? LocalizedText(zh: "申报职称（\(wanted.zh)）高于现有职称（\(held.zh)）。",
                                en: "The title applied for (\(wanted.en)) is above the title you hold (\(held.en)).")
                : LocalizedText(zh: "已具有\(held.zh)职称，不能申报同级或较低层级的\(wanted.zh)。",
                                en: "You already hold the title of \(held.en); a title at the same or a lower level (\(wanted.en)) cannot be applied for.")

        case .route(let committee):
            return committee
                ? LocalizedText(zh: "由认定委员会考核认定：证书查验、网上申报、单位审核、公示、上报、受理审核、面谈答辩。",
                                en: "Decided by the recognition committee: verification, online application, employer review, publicity, submission, acceptance review, interview.")
                : LocalizedText(zh: "初级职称由用人单位按规定聘任，填写《专业技术职务聘任表》，不经认定委员会。",
                                en: "Junior titles are appointed by the employer, who fills in the appointment form; they do not go to the committee.")

        case let .verification(verifiedOn, cutoff):
            guard let verifiedOn else {
                return LocalizedText(zh: "证书尚未通过查验；本批次只受理\(DateText.long(cutoff, in: .zh))前通过查验的持证人员。",
                                     en: "Your certificate has not passed verification; this batch admits holders verified on or before \(DateText.long(cutoff, in: .en)).")
            }
            return verifiedOn <= cutoff
                ? LocalizedText(zh: "证书已于\(DateText.long(verifiedOn, in: .zh))通过查验，在截止日\(DateText.long(cutoff, in: .zh))之前。",
                                en: "Your certificate passed verification on \(DateText.long(verifiedOn, in: .en)), by the cut-off of \(DateText.long(cutoff, in: .en)).")
                : LocalizedText(zh: "证书于\(DateText.long(verifiedOn, in: .zh))通过查验，晚于截止日\(DateText.long(cutoff, in: .zh))，不在本批次范围内。",
                                en: "Your certificate passed verification on \(DateText.long(verifiedOn, in: .en)), after the cut-off of \(DateText.long(cutoff, in: .en)); it is outside this batch.")

        case .discipline(let found):
            switch outcome {
            case .pass:
                return LocalizedText(zh: "具备理工科学历或学位（\(found?.name.zh ?? "")）。",
                                     en: "You hold a science or engineering degree (\(found?.name.en ?? "")).")
            case .review:
                return LocalizedText(zh: "学位学科为\(found?.name.zh ?? "")，是否属于理工科由审核人员认定。",
                                     en: "Your degree is in \(found?.name.en ?? ""); a reviewer decides whether it counts as science or engineering.")
            case .fail:
                return LocalizedText(zh: "认定工程技术人员职称须具备理工科学历或学位。",
                                     en: "Engineering titles need a degree in science or engineering.")
            }

        case let .ladder(level, met, related, cutoff, degreeAfter):
            let span = Self.span(related)
            if let met {
                let degree = met.degrees.map(\.name)
                let years = met.years
                return LocalizedText(
                    zh: "具备\(degree.map(\.zh).joined(separator: "或"))\(years > 0 ? "，从事相关工作满\(years)年" : "")（相关工作合计\(span.zh)，计算截至\(DateText.long(cutoff, in: .zh))）。",
                    en: "You hold \(EnglishText.article(degree.first?.en ?? "")) \(degree.map(\.en).joined(separator: " or "))\(years > 0 ? " with \(EnglishText.count(years, "year")) of related work" : "") (related work: \(span.en) up to \(DateText.long(cutoff, in: .en))).")
            }
            let late = degreeAfter.map {
                LocalizedText(zh: "\(DateText.long($0, in: .zh))之后取得的学位不计入；", en: "a degree awarded after \(DateText.long($0, in: .en)) does not count; ")
            } ?? LocalizedText(zh: "", en: "")
            return LocalizedText(
                zh: "不满足\(level.name.zh)职称的学历、资历条件（\(late.zh)相关工作合计\(span.zh)，取得学历后的工作才计入，计算截至\(DateText.long(cutoff, in: .zh))）。",
                en: "You do not meet the education and experience conditions for \(EnglishText.article(level.name.en)) \(level.name.en) title (\(late.en)related work: \(span.en); only work after the degree counts, up to \(DateText.long(cutoff, in: .en))).")

        case let .shanghai(length, years, cutoff):
            let span = Self.span(length)
            return outcome == .pass
                ? LocalizedText(zh: "在本市从事相关专业技术工作\(span.zh)，满\(years)年。",
                                en: "Related work in Shanghai: \(span.en), at least \(EnglishText.count(years, "year")).")
                : LocalizedText(zh: "在本市从事相关专业技术工作\(span.zh)（截至\(DateText.long(cutoff, in: .zh))），原则上应满\(years)年；由审核人员结合情况认定。",
                                en: "Related work in Shanghai: \(span.en) (up to \(DateText.long(cutoff, in: .en))); the notice asks in principle for \(EnglishText.count(years, "year")), so a reviewer decides.")

        case let .oneLevelUp(current, target):
            let held = current.map { $0.series.title(at: $0.level) }
            if outcome == .pass {
                return LocalizedText(zh: "事业单位工作人员在现有职称\(held.map { "（\($0.zh)）" } ?? "")基础上申报高一级职称，须经主管部门同意。",
                                     en: "As public-institution staff you apply one level above your current title\(held.map { " (\($0.en))" } ?? ""), with your supervising department's consent.")
            }
            return LocalizedText(zh: "事业单位工作人员只能在现有职称\(held.map { "（\($0.zh)）" } ?? "（无）")基础上申报高一级职称，不能申报\(target.name.zh)。",
                                 en: "Public-institution staff may only apply one level above the title they hold\(held.map { " (\($0.en))" } ?? " (none)"); \(EnglishText.article(target.name.en)) \(target.name.en) title is not allowed.")
        }
    }

    private var attestationText: (String, String) {
        switch id {
        case .lawAbiding: ("遵守中华人民共和国宪法和法律法规", "abide by the Constitution and laws of the People's Republic of China")
        case .professionalEthics: ("具有良好的职业道德、敬业精神，作风端正", "have sound professional ethics and dedication")
        default: ("热爱本职工作，认真履行岗位职责", "are committed to your work and fulfil the duties of your post")
        }
    }

    /// A length as the rules count it, for reading (`3年2个月`, `3 years 2 months`; the
    /// remaining days as well when there are no whole months).
    static func span(_ length: WorkLength) -> LocalizedText {
        let (y, m, d) = (length.months / 12, length.months % 12, length.days)
        var zh = "", en: [String] = []
        if y > 0 { zh += "\(y)年"; en.append(EnglishText.count(y, "year")) }
        if m > 0 { zh += "\(m)个月"; en.append(EnglishText.count(m, "month")) }
        if y == 0 && m == 0 {
            zh = d > 0 ? "\(d)天" : "0个月"
            en.append(d > 0 ? EnglishText.count(d, "day") : "0 months")
        }
        return LocalizedText(zh: zh, en: en.joined(separator: " "))
    }
}
