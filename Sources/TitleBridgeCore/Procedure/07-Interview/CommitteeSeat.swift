import Foundation

/// 回避 — why an expert stands aside from one file.
public enum RecusalGround: String, Codable, Sendable, CaseIterable {
    /// The expert works for the applicant's employer: recused without being asked.
    case sameEmployer
    /// The expert declared another conflict, with a reason.
    case declared
    /// The secretary recused the expert (办事机构发现的，应当通知回避).
    case bySecretary

    public var name: LocalizedText {
        switch self {
        case .sameEmployer: LocalizedText(zh: "与申报人同一工作单位", en: "Works for the applicant's employer")
        case .declared: LocalizedText(zh: "本人申请回避", en: "Declared by the expert")
        case .bySecretary: LocalizedText(zh: "秘书通知回避", en: "Recused by the secretary")
        }
    }
}

/// Who of a file's panel was at its interview, once the secretary has recorded it.
public enum Attendance: String, Codable, Sendable {
    case notRecorded, present, absent
}

/// 委员会席位 — where a member of the committee stands to one file. It decides what the member
/// may do with that file (四(六); 人社部令第40号 on recusal and on experts who did not sit).
///
/// Readings, the stricter where the rules are silent:
/// - Only the file's panel and the secretary read it; other members of the committee do not,
///   because 评审会议实行封闭管理 and the panel is who judges it.
/// - A recused expert reads nothing of the file from the moment of recusal.
/// - An expert recorded absent from the interview no longer reads the file, gives no opinion and
///   does not vote: 未出席评审会议的评审专家不得委托他人投票或者补充投票.
/// - Before attendance is recorded a panel expert reads the file to prepare, but gives no
///   opinion and casts no ballot: both follow the interview (面谈答辩后评议、表决).
public enum CommitteeSeat: Sendable, Equatable {
    case secretary
    /// A member of the committee who does not sit on the file's panel.
    case offPanel
    case panel(recused: Bool, attendance: Attendance)

    public var mayRead: Bool {
        switch self {
        case .secretary: true
        case .offPanel: false
        case .panel(let recused, let attendance): !recused && attendance != .absent
        }
    }

    /// Gives an opinion and votes: present at the interview and not recused.
    public var mayJudge: Bool {
        self == .panel(recused: false, attendance: .present)
    }

    /// Why `mayJudge` is false, in both languages.
    public var judgingRefusal: LocalizedText? {
        switch self {
        case .secretary:
            LocalizedText(zh: "委员会秘书不参加评议和表决。", en: "The committee's secretary neither gives opinions nor votes.")
        case .offPanel:
            LocalizedText(zh: "您不是该申报材料评议组成员。", en: "You do not sit on this file's panel.")
        case .panel(true, _):
            LocalizedText(zh: "您已回避该申报材料。", en: "You are recused from this file.")
        case .panel(false, .absent):
            LocalizedText(zh: "您未出席该申报人的面谈答辩，不得评议或补充投票。",
                          en: "You were not present at this interview, so you may not give an opinion or vote afterwards.")
        case .panel(false, .notRecorded):
            LocalizedText(zh: "面谈答辩尚未记录，评议和表决在面谈答辩之后进行。",
                          en: "The interview has not been recorded yet; opinions and votes follow it.")
        case .panel(false, .present):
            nil
        }
    }
}
