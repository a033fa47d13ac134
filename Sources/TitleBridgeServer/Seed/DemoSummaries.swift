import TitleBridgeCore

/// 本人专业技术工作总结 (四(二)) of the demo files: an opening about the holder (degrees, unit,
/// post, earlier work, the title applied for), paragraphs of the holder's field and paragraphs
/// every professional writes about (ethics, continuing education, plans), and a closing — as
/// many as it takes to pass the policy's minimum by the notice's count (`ZiCount`). Holders of
/// one field start at different paragraphs, so no two summaries read alike.
enum DemoSummaries {
    /// Written this many 字 past the minimum, so the summary is long enough with room to spare.
    static let margin = 150

    static func summary(of applicant: DemoApplicant, minimum: Int) -> String {
        let peers = DemoSeed.applicants.filter { $0.field == applicant.field }
        let rank = peers.firstIndex { $0.username == applicant.username } ?? 0
        let field = rotated(paragraphs(of: applicant.field), by: rank * 3)
        let shared = rotated(general, by: rank * 2)
        let ordered = Array(field.prefix(6)) + Array(shared.prefix(2)) + Array(field.dropFirst(6)) + Array(shared.dropFirst(2))
        let closing = Self.closing(of: applicant)
        var parts = [opening(of: applicant)]
        for paragraph in ordered {
            if ZiCount(text(parts + [closing])).zi >= minimum + margin { break }
            parts.append(paragraph)
        }
        return text(parts + [closing])
    }

    /// Paragraphs indented with two ideographic spaces, as Chinese prose is set.
    static func text(_ parts: [String]) -> String {
        parts.map { "\u{3000}\u{3000}" + $0 }.joined(separator: "\n\n")
    }

    static func rotated(_ items: [String], by offset: Int) -> [String] {
        guard !items.isEmpty else { return [] }
        let start = offset % items.count
        return Array(items[start...] + items[..<start])
    }

    static func paragraphs(of field: CertificateField) -> [String] {
        switch field {
        case .informationTechnology: informationTechnology
        case .engineeringTechnology: engineeringTechnology
        case .biomedicine: biomedicine
        case .financeManagement: finance
        }
    }

    static func unitName(of applicant: DemoApplicant) -> String {
        applicant.unit == DemoSeed.institution ? DemoSeed.institutionName : DemoSeed.enterpriseName
    }

    static func year(_ iso: String) -> String { String(iso.prefix(4)) }

    static func yearMonth(_ iso: String) -> String {
        guard let day = LocalDate(iso: iso) else { return iso }
        return "\(day.year)年\(day.month)月"
    }

    static func degreeName(_ degree: Degree) -> String {
        switch degree {
        case .doctorate: "博士学位"
        case .master: "硕士学位"
        case .bachelor: "学士学位"
        default: degree.name.zh
        }
    }

    static func opening(of applicant: DemoApplicant) -> String {
        let nationality = applicant.nationality == "中国" ? "" : "\(applicant.nationality)籍，"
        let degrees = applicant.education.map { "\(year($0.awardedOn))年毕业于\($0.school)，获\($0.discipline.name.zh)\(degreeName($0.degree))" }
            .joined(separator: "；")
        let title = applicant.target.series.title(at: applicant.target.level).zh
        var text = "本人\(applicant.name)，\(nationality)\(degrees)。"
        if let current = applicant.work.last {
            text += "\(yearMonth(current.from))起在\(unitName(of: applicant))工作，现任\(current.position)，主要从事\(applicant.field.name.zh)领域的专业技术工作。"
        }
        let earlier = applicant.work.dropLast()
        if !earlier.isEmpty {
            text += "此前，本人曾在" + earlier.map { "\($0.employer)担任\($0.position)" }.joined(separator: "，") + "，积累了较为扎实的专业基础和实践经验。"
        }
        if let held = applicant.currentTitle {
            text += "本人现有\(held.series.title(at: held.level).zh)职称。"
        }
        return text + "本次申报\(title)，现将本人任现职以来的专业技术工作情况总结如下。"
    }

    static func closing(of applicant: DemoApplicant) -> String {
        "以上是本人近年来专业技术工作的简要总结。在\(unitName(of: applicant))工作的这些年，本人得到了单位领导和同事的大力支持和帮助，"
            + "在此深表感谢。今后，本人将继续立足本职岗位，恪守职业道德，不断提高专业技术水平，为单位发展和上海建设贡献自己的力量。"
            + "以上总结如有不妥之处，恳请各位评审专家批评指正。"
    }

    /// What every professional writes about, whatever the field.
    static let general: [String] = [
        """
        在思想政治和职业道德方面，本人遵守中华人民共和国宪法和法律法规，拥护国家的方针政策，自觉遵守单位的各项规章制度。在工作中，\
        本人坚持实事求是、严谨细致的作风，对负责的每一项工作都认真对待，不弄虚作假，不敷衍了事。本人尊重同事、团结协作，乐于与他人\
        分享知识和经验。作为在上海工作的专业技术人员，本人深切感受到这座城市开放包容的氛围，也更加珍惜在这里干事创业的机会，努力以\
        专业能力为单位和城市的发展作出贡献。
        """,
        """
        在继续教育方面，本人坚持终身学习，每年按照持证要求完成规定学时的继续职业发展学习，近三年累计参加各类专业培训和学术活动二百\
        余学时，内容涵盖专业技术、法律法规和管理知识。本人注重把学习成果用于实际工作，例如把培训中学到的新方法用来改进工作流程，并在\
        单位内部分享学习体会。本人还系统学习了国内与本专业相关的法律法规和技术标准，注意比较国内外做法的异同，能够在工作中把国际经验\
        与国内的实际要求结合起来。
        """,
        """
        在国际化经历方面，本人曾在境外学习或工作，熟悉国际通行的专业标准和工作方法，所取得的境外职业资格证书也要求持证人持续更新\
        专业知识并遵守职业行为准则。在上海工作期间，本人注意把国际经验与国内的法规标准和实际情况相结合，既不简单照搬，也不固步自封。\
        在与境外合作方沟通时，本人能够用中英文准确表达技术观点，起到了桥梁作用。本人认为，境外职业资格证书持证人员职称考核认定工作为\
        我们这类人员打通了职业发展的通道，本人十分珍惜这一机会。
        """,
        """
        在服务社会方面，本人积极参加行业协会和专业组织的活动，担任过专业委员会委员，参与组织了多次技术研讨会和公益讲座。本人还多次\
        应邀为高校学生讲授行业实践课程，介绍专业发展前景和职业素养要求，帮助学生了解行业的实际情况。在单位组织的志愿服务活动中，本人\
        也积极参加。本人认为，专业技术人员不仅要做好本职工作，也应当在力所能及的范围内回馈社会，推动行业健康发展。
        """,
        """
        在工作方法上，本人坚持问题导向，用数据说话。面对一项新任务，本人首先弄清楚目标和约束条件，再收集资料、分析数据，提出两种以上\
        的备选方案进行比较，最后形成明确的建议并说明理由。在执行过程中，本人重视过程记录和阶段复盘，及时发现偏差并加以调整。本人也注重\
        与相关部门和同事的沟通，遇到分歧时以事实和规范为依据协商解决。这种工作方法帮助本人在复杂项目中保持清晰的思路，也得到了同事和\
        上级的认可。
        """,
        """
        回顾这些年的工作，本人也清醒地认识到自身存在的不足：一是对国内部分行业管理要求和政策的理解还不够全面深入，有时还需要向同事\
        请教；二是在统筹多个项目时，对进度和资源的把控还有提升的空间；三是理论研究的深度还不够，把实践经验总结提炼为理论成果的能力\
        有待加强。针对这些不足，本人已经制定了改进计划，将通过系统学习、向经验丰富的同事请教和积极参与课题研究等方式不断提高自己。
        """,
        """
        对于今后的工作，本人有以下打算：一是继续深耕本专业领域，跟踪国内外技术发展趋势，力争在关键问题上取得新的突破；二是进一步加强\
        团队建设，带出一支业务能力强、作风过硬的专业队伍；三是积极参与行业标准和规范的制定，把实践经验转化为可以推广的成果；四是加强\
        与高校和科研院所的合作，推动产学研结合。本人将以此次职称考核认定为新的起点，以更高的标准要求自己。
        """,
        """
        在项目管理方面，本人注重运用科学的项目管理方法。对于承担的每个项目，本人都会在启动阶段明确范围、目标、里程碑和验收标准，编制工作\
        分解结构和进度计划，识别主要风险并制定应对措施；在实施阶段通过周例会和进度报告跟踪执行情况，对范围变更实行书面审批；在收尾阶段组\
        织总结和文档归档。近五年，本人负责或参与的项目均按期完成，多数项目的实际成本控制在预算以内。本人也把这些做法整理成项目管理模板，\
        供单位其他项目组参考使用。
        """,
        """
        在跨部门协作方面，本人认为专业技术工作很少能由一个人或一个部门单独完成。本人在工作中主动与业务、法务、采购、财务等部门沟通，提前\
        了解各方的需求和顾虑，在方案设计时尽量兼顾，减少后期的反复。遇到跨部门的难题时，本人会组织相关人员共同分析，明确各自的责任和时间\
        节点，并跟踪落实到位。通过长期的协作，本人与各部门建立了良好的工作关系，所负责的工作推进较为顺畅，也多次得到其他部门的书面表扬。
        """,
    ]
}
