/// What the clause references of 沪人社专〔2024〕296号 (`四(一)`, `三(二)2(2)` …) are about, in a
/// few words: pages cite the clause beside every condition and step, and a reader of the
/// English pages cannot be expected to know the notice's numbering. One place, so a page, a
/// report and a test all explain a reference the same way.
public enum NoticeClauses {
    /// The subject of `citation`. A reference to a sub-clause not listed here takes the
    /// subject of the clause it belongs to (`三(二)2` → `三(二)`); several references joined
    /// by `、` or `,` are explained one after the other. Nil for text that names no clause.
    public static func gloss(_ citation: String) -> LocalizedText? {
        let known = citation.split { separators.contains($0) }.map(String.init)
            .compactMap { part in single(part).map { (part, $0) } }
        guard let first = known.first else { return nil }
        guard known.count > 1 else { return first.1 }
        return LocalizedText(zh: known.map { "\($0.0)：\($0.1.zh)" }.joined(separator: "；"),
                             en: known.map { "\($0.0): \($0.1.en)" }.joined(separator: "; "))
    }

    private static let separators: Set<Character> = ["、", "，", ",", "；", ";", " ", "　"]

    /// One reference, or the nearest clause above it that is listed.
    private static func single(_ citation: String) -> LocalizedText? {
        var key = citation
        while !key.isEmpty {
            if let text = subjects[key] { return text }
            if key.hasSuffix(")"), let open = key.lastIndex(of: "(") {
                key = String(key[..<open])
            } else {
                key.removeLast()
            }
        }
        return nil
    }

    /// The clauses of the notice (full text in the repository's seed folder), by reference.
    static let subjects: [String: LocalizedText] = [
        "一": LocalizedText(zh: "考核认定机构：认定委员会", en: "who assesses: the recognition committee"),
        "二": LocalizedText(zh: "考核认定范围：在本市合法工作的清单C类项目持证人员；各领域可认定的系列和层级；事业单位人员在现有职称基础上申请高一级",
                           en: "who may apply: holders of a class C item of the list working legally in Shanghai; the series and levels each field leads to; public-institution staff one level above the title held"),
        "三": LocalizedText(zh: "考核认定条件", en: "the conditions"),
        "三(一)": LocalizedText(zh: "基本条件：遵守宪法和法律法规，职业道德良好，认真履行岗位职责",
                              en: "basic conditions: abiding by the law, professional ethics, fulfilling the duties of the post"),
        "三(二)": LocalizedText(zh: "学历、资历条件：原则上在本市从事相关专业技术工作1年以上；工程技术职称须理工科学历；工作经历计算截至2024年12月31日",
                              en: "education and experience: in principle at least 1 year of related professional work in Shanghai; a science or engineering degree for engineering titles; work counted up to 31 December 2024"),
        "三(二)1": LocalizedText(zh: "初级：学历和相关工作年限", en: "junior titles: degree and years of related work"),
        "三(二)1(1)": LocalizedText(zh: "初级：硕士学位或第二学士学位", en: "junior: a master's or second bachelor's degree"),
        "三(二)1(2)": LocalizedText(zh: "初级：大学本科学历或学士学位，相关工作满1年", en: "junior: a bachelor's degree and 1 year of related work"),
        "三(二)2": LocalizedText(zh: "中级：学历和相关工作年限", en: "intermediate titles: degree and years of related work"),
        "三(二)2(1)": LocalizedText(zh: "中级：博士学位", en: "intermediate: a doctorate"),
        "三(二)2(2)": LocalizedText(zh: "中级：硕士学位或第二学士学位，相关工作满2年", en: "intermediate: a master's or second bachelor's degree and 2 years of related work"),
        "三(二)2(3)": LocalizedText(zh: "中级：大学本科学历或学士学位，相关工作满5年", en: "intermediate: a bachelor's degree and 5 years of related work"),
        "三(二)3": LocalizedText(zh: "副高级：学历和相关工作年限", en: "associate senior titles: degree and years of related work"),
        "三(二)3(1)": LocalizedText(zh: "副高级：博士学位，相关工作满2年", en: "associate senior: a doctorate and 2 years of related work"),
        "三(二)3(2)": LocalizedText(zh: "副高级：硕士学位或第二学士学位，相关工作满7年", en: "associate senior: a master's or second bachelor's degree and 7 years of related work"),
        "三(二)3(3)": LocalizedText(zh: "副高级：大学本科学历或学士学位，相关工作满10年", en: "associate senior: a bachelor's degree and 10 years of related work"),
        "三(三)": LocalizedText(zh: "学术技术水平和专业能力条件", en: "professional standard and ability"),
        "四": LocalizedText(zh: "考核认定程序：初级职称由用人单位聘任，中级、副高级职称由认定委员会考核认定",
                           en: "the procedure: junior titles are appointed by the employer, intermediate and associate senior titles recognised by the committee"),
        "四(一)": LocalizedText(zh: "证书查验：2024年8月31日前在查验平台通过查验",
                              en: "certificate verification: passed on the verification platform by 31 August 2024"),
        "四(二)": LocalizedText(zh: "网上申报：在线填报，提交不少于3000字的本人专业技术工作总结",
                              en: "online application: the file filled in online, with a summary of the applicant's professional work of at least 3000 字"),
        "四(三)": LocalizedText(zh: "单位审核：认定表打印3份并签名，用人单位填写核实意见，事业单位须主管部门确认岗位情况",
                              en: "employer review: the assessment form printed in 3 copies and signed, the employer's verification opinion, and for public institutions the supervising department's confirmation of the post"),
        "四(四)": LocalizedText(zh: "申报公示与上报：单位内公示不少于5个工作日，2024年9月6日至19日上报全部材料",
                              en: "unit publicity and reporting: posted in the unit for at least 5 working days, every material reported from 6 to 19 September 2024"),
        "四(五)": LocalizedText(zh: "受理审核：市人社局会同行业主管部门审核，需补正的一次性告知，受理后凭受理号报送纸质材料",
                              en: "acceptance review: by the bureau with the industry authority, any supplement asked for once, the printed files brought with the acceptance number"),
        "四(六)": LocalizedText(zh: "面谈答辩：认定委员会面谈并投票表决", en: "interview: the committee interviews the applicant and votes"),
        "四(七)": LocalizedText(zh: "结果公示", en: "publication of the result"),
        "四(八)": LocalizedText(zh: "制作证书：职称电子证书", en: "the certificate: an electronic title certificate"),
        "五": LocalizedText(zh: "联系方式", en: "contacts"),
    ]
}
