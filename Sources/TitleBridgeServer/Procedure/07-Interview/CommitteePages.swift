import Foundation
import TitleBridgeCore
import Vapor

/// One option of a choice on the committee's pages (a field, an expert, a file).
struct CommitteeOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

/// 认定委员会: for the secretary the sessions, a new session and the accepted files waiting
/// (with whether their printed files are in); for an expert the files of the panels the expert
/// sits on, each with what the expert has to do.
struct CommitteeHomePage: Encodable {
    struct SessionRow: Encodable {
        let when: String
        let field: String
        let panel: String
        let files: String
        let href: String
    }

    struct WaitingRow: Encodable {
        let number: String
        let name: String
        let field: String
        let paper: String
        let ready: Bool
        let href: String
    }

    struct FileRow: Encodable {
        let when: String
        let name: String
        let number: String
        let standing: String
        let href: String?
    }

    let chrome: PageChrome
    let heading: String
    let intro: String
    let isSecretary: Bool
    let w: [String: String]
    let csrfToken: String
    let problems: PageProblems?
    let sessionHeaders: [String]
    let sessions: [SessionRow]
    let createAction: String
    let newSessionNote: String
    let fields: [CommitteeOption]
    let members: [CommitteeOption]
    let form: CommitteeForm
    let earliest: String
    let waitingHeaders: [String]
    let waiting: [WaitingRow]
    let fileHeaders: [String]
    let files: [FileRow]
    /// The secretary's files placed on a session whose vote is not closed.
    let open: [FileRow]

    struct Secretary {
        let sessions: [InterviewSessionRecord]
        let panelSizes: [UUID: Int]
        let fileCounts: [UUID: Int]
        let members: [CommitteeMemberRecord]
        let names: [UUID: String]
        let waiting: [CommitteeDesk.Waiting]
        let panelNeeded: Int
        let open: [FileRow]
    }

    init(request: Request, secretary: Secretary?, expertFiles: [FileRow], refusal: FormRefusal<CommitteeForm>?) {
        let language = request.language
        let words = Words<CommitteeText>(language)
        chrome = PageChrome(request: request, title: words[.committee])
        heading = words[.committee]
        isSecretary = secretary != nil
        intro = words[isSecretary ? .secretaryIntro : .expertIntro]
        w = words.all
        csrfToken = CSRF.token(for: request)
        problems = refusal.flatMap { PageProblems($0.problems, heading: words[.problemsHeading], language: language) }
        form = refusal?.input ?? CommitteeForm()
        earliest = request.domain.clock.today().iso
        createAction = SiteURL.committeeSessionCreate.path
        sessionHeaders = [words[.whenHeader], words[.fieldHeader], words[.panelHeader], words[.filesHeader]]
        waitingHeaders = [words[.numberHeader], words[.applicantHeader], words[.fieldHeader], words[.paperHeader]]
        fileHeaders = [words[.whenHeader], words[.applicantHeader], words[.numberHeader], words[.standingHeader]]
        files = expertFiles
        let chosenField = refusal?.input.field
        fields = CertificateField.allCases.map {
            CommitteeOption(value: $0.rawValue, label: $0.name.text(in: language), selected: $0.rawValue == chosenField)
        }
        guard let secretary else {
            (sessions, members, waiting, newSessionNote, open) = ([], [], [], "", [])
            return
        }
        open = secretary.open
        sessions = secretary.sessions.compactMap { session in
            guard let id = session.id else { return nil }
            return SessionRow(when: session.text.text(in: language),
                              field: session.certificateField?.name.text(in: language) ?? session.field,
                              panel: words[.panelCount, ["count": "\(secretary.panelSizes[id] ?? 0)"]],
                              files: words[.fileCount, ["count": "\(secretary.fileCounts[id] ?? 0)"]],
                              href: SiteURL.committeeSession.path(id.uuidString))
        }
        let chosen = Set(refusal?.input.panel ?? [])
        members = secretary.members.sorted { (secretary.names[$0.userID] ?? "") < (secretary.names[$1.userID] ?? "") }.map { member in
            CommitteeOption(value: member.userID.uuidString, label: Self.memberLabel(member, names: secretary.names, words: words, language: language),
                            selected: chosen.contains(member.userID.uuidString))
        }
        newSessionNote = words[.newSessionNote, ["needed": "\(secretary.panelNeeded)", "size": "\(secretary.members.count)"]]
        waiting = secretary.waiting.compactMap { entry in
            guard let id = entry.record.id else { return nil }
            return WaitingRow(number: entry.acceptance?.number ?? "—", name: secretary.names[entry.record.applicantID] ?? "—",
                              field: entry.field?.name.text(in: language) ?? "—",
                              paper: words[entry.paperReceived ? .paperIn : .paperWaiting], ready: entry.paperReceived,
                              href: SiteURL.application.path(id.uuidString))
        }
    }

    /// 专家1（信息技术；上海某大学）: who the expert is, what the expert judges, where the expert works.
    static func memberLabel(_ member: CommitteeMemberRecord, names: [UUID: String], words: Words<CommitteeText>, language: Language) -> String {
        let fields = member.fields.map { $0.name.text(in: language) }.joined(separator: language == .zh ? "、" : ", ")
        return words[.memberOption, ["name": names[member.userID] ?? "—", "fields": fields.isEmpty ? words[.none] : fields,
                                     "employer": member.employerName.isEmpty ? words[.noEmployer] : member.employerName]]
    }
}

/// One session for the secretary: when and where (and its change), the panel, the files on it
/// and the files of its field that can be placed on it.
struct CommitteeSessionPage: Encodable {
    struct PlacedRow: Encodable {
        let number: String
        let name: String
        let stage: String
        let href: String
    }

    let chrome: PageChrome
    let heading: String
    let when: String
    let w: [String: String]
    let csrfToken: String
    let problems: PageProblems?
    let panel: [String]
    let changeAction: String
    /// A session whose day has passed is not moved any more.
    let mayChange: Bool
    let form: CommitteeForm
    let earliest: String
    let placedHeaders: [String]
    let placed: [PlacedRow]
    let placeAction: String
    let ready: [CommitteeOption]
    let waitingPaper: String?
    let backHref: String

    init(request: Request, session: InterviewSessionRecord, panel: [CommitteeMemberRecord], names: [UUID: String],
         placed: [(ApplicationRecord, AcceptanceRecord?)], waiting: [CommitteeDesk.Waiting], refusal: FormRefusal<CommitteeForm>?) {
        let language = request.language
        let words = Words<CommitteeText>(language)
        let name = session.certificateField?.name.text(in: language) ?? session.field
        let field = language == .zh ? name : name.prefix(1).uppercased() + name.dropFirst()
        heading = words[.sessionHeading, ["field": field]]
        chrome = PageChrome(request: request, title: heading)
        when = session.text.text(in: language)
        w = words.all
        csrfToken = CSRF.token(for: request)
        problems = refusal.flatMap { PageProblems($0.problems, heading: words[.problemsHeading], language: language) }
        self.panel = panel.sorted { (names[$0.userID] ?? "") < (names[$1.userID] ?? "") }.map { CommitteeHomePage.memberLabel($0, names: names, words: words, language: language) }
        let id = session.id?.uuidString ?? ""
        changeAction = SiteURL.committeeSessionChange.path(id)
        mayChange = ShanghaiTime.date(of: session.startsAt) >= request.domain.clock.today()
        placeAction = SiteURL.committeeSessionPlace.path(id)
        var form = refusal?.input ?? CommitteeForm()
        if refusal == nil {
            form.day = ShanghaiTime.date(of: session.startsAt).iso
            form.from = String(ShanghaiTime.clockText(session.startsAt).suffix(5))
            form.until = String(ShanghaiTime.clockText(session.endsAt).suffix(5))
            form.place = session.place
            form.videoLink = session.videoLink
        }
        self.form = form
        earliest = request.domain.clock.today().iso
        placedHeaders = [words[.numberHeader], words[.applicantHeader], words[.stageHeader]]
        self.placed = placed.compactMap { record, acceptance in
            guard let id = record.id else { return nil }
            return PlacedRow(number: acceptance?.number ?? "—", name: names[record.applicantID] ?? "—",
                             stage: record.currentStage.name.text(in: language), href: SiteURL.committeeFile.path(id.uuidString))
        }
        let sameField = waiting.filter { $0.field?.rawValue == session.field }
        let chosen = Set(refusal?.input.applications ?? [])
        ready = sameField.filter(\.paperReceived).compactMap { entry in
            guard let id = entry.record.id?.uuidString else { return nil }
            return CommitteeOption(value: id, label: "\(entry.acceptance?.number ?? "—") \(names[entry.record.applicantID] ?? "—")",
                                   selected: chosen.contains(id))
        }
        let notIn = sameField.filter { !$0.paperReceived }.map { $0.acceptance?.number ?? "—" }
        waitingPaper = notIn.isEmpty ? nil : words[.waitingPaper, ["numbers": notIn.joined(separator: language == .zh ? "、" : ", ")]]
        backHref = SiteURL.committee.path
    }
}
