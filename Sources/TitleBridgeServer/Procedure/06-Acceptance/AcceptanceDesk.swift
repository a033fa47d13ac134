import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

/// 受理审核 and the paper files (四(五)): the bureau's queue by field, the time accepted
/// applicants bring their printed files, and the receipt of those files by acceptance number.
struct AcceptanceDesk {
    let app: Application
    let database: any Database

    init(request: Request) {
        self.init(app: request.application, database: request.db)
    }

    /// Outside a request: the demo seed acts at the desk as the bureau would.
    init(app: Application, database: any Database) {
        self.app = app
        self.database = database
    }

    private var clock: any WallClock { app.domain.clock }

    /// One file in the bureau's queue, read as the columns the queue shows.
    struct QueueRow {
        let id: UUID
        let name: String
        let stage: Stage
        /// When the file was reported (上报) to the bureau: what the queue is ordered by.
        let reportedAt: Date?
        /// 受理号, once accepted.
        let number: String?
    }

    /// Reported, supplemented and accepted files: the acceptance review's own.
    static let queueStages: [Stage] = [.reported, .supplementRequested, .accepted]

    /// How many files of the current batch wait at the desk in each certificate field (nil: no
    /// certificate linked), in the fields' order, fields without files left out. One grouped count.
    func queueCounts() async throws -> [(field: CertificateField?, count: Int)] {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("the queue needs an SQL database") }
        let batch = try app.domain.currentPolicy.id
        var counts: [CertificateField?: Int] = [:]
        for row in try await sql.select().column("certificate_field").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "files")
            .from(ApplicationRecord.schema).where("batch_id", .equal, batch).where("stage", .in, Self.queueStages.map(\.rawValue))
            .groupBy("certificate_field").all() {
            let field = try row.decode(column: "certificate_field", as: String?.self).flatMap(CertificateField.init(rawValue:))
            counts[field, default: 0] += try row.decode(column: "files", as: Int.self)
        }
        return (CertificateField.allCases.map { Optional($0) } + [nil]).compactMap { field in
            counts[field].map { (field, $0) }
        }
    }

    /// One page of one field's files in the order they were reported (四(五): the bureau works
    /// through them as they come): an index range of `applications_queue_idx` from the first
    /// reported file on (every file in the queue was reported; the files never reported would
    /// otherwise be stepped over first), so a page costs the same in a batch of a hundred files or
    /// of a hundred thousand.
    func queuePage(field: CertificateField?, paging: Paging) async throws -> (rows: [QueueRow], more: Bool) {
        guard let sql = database as? any SQLDatabase else { throw ConfigError("the queue needs an SQL database") }
        let batch = try app.domain.currentPolicy.id
        let inField: SQLQueryString = field.map { "a.certificate_field = \(bind: $0.rawValue)" } ?? "a.certificate_field IS NULL"
        let rows = try await sql.raw("""
            SELECT a.id, a.stage, a.reported_at, u.display_name, ac.number
            FROM applications a JOIN users u ON u.id = a.applicant_id LEFT JOIN acceptances ac ON ac.application_id = a.id
            WHERE a.batch_id = \(bind: batch) AND \(inField) AND a.reported_at IS NOT NULL
              AND a.stage IN (\(binds: Self.queueStages.map(\.rawValue)))
            ORDER BY a.reported_at, a.id LIMIT \(literal: paging.size + 1) OFFSET \(literal: (paging.number - 1) * paging.size)
            """).all()
        let page = try rows.prefix(paging.size).map { row in
            QueueRow(id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "display_name", as: String.self),
                     stage: Stage(rawValue: try row.decode(column: "stage", as: String.self)) ?? .reported,
                     reportedAt: try row.decode(column: "reported_at", as: Date?.self),
                     number: try row.decode(column: "number", as: String?.self))
        }
        return (page, rows.count > paging.size)
    }

    /// Sets (or moves) the time for the printed files and tells every accepted applicant. The day
    /// is a working day (the desk is staffed); a moved time says it replaces the one told before,
    /// and the audit row keeps that earlier time (`replacedSchedule`).
    func setSchedule(startsOn: String?, from: String?, until: String?, place: String?, by principal: Principal) async throws -> PaperScheduleRecord {
        let batch = try app.domain.currentPolicy.id
        let day = try FieldReader.date(startsOn, "day", LocalizedText(zh: "报送日期", en: "The day"))
        // One day, from a time to a later time (the files are handed in on the day).
        guard let starts = Self.instant(day, from), let ends = Self.instant(day, until), starts < ends else {
            throw APIProblem.badInput(code: "time", field: "from", LocalizedText(
                zh: "请按 时:分 填写开始和结束时间，结束须晚于开始。", en: "Give the start and end as HH:MM, the end after the start."))
        }
        guard day >= clock.today() else {
            throw APIProblem.badInput(code: "date_past", field: "day", LocalizedText(zh: "报送日期不能早于今天。", en: "The day cannot be in the past."))
        }
        if let problem = app.domain.calendar.notWorkingDayProblem(day, what: LocalizedText(
            zh: "纸质材料报送日期", en: "the day to bring the printed files")) {
            throw APIProblem.badInput(code: "day_not_working_day", field: "day", problem)
        }
        let spot = try FieldReader.required(place, "place", LocalizedText(zh: "报送地点", en: "the place"), max: 200)
        let clock = self.clock
        let accepted = try await AcceptanceRecord.query(on: database).filter(\.$batchID == batch).all()
        let applications = try await ApplicationRecord.query(on: database).filter(\.$id ~~ accepted.map(\.applicationID)).all()
        let existing = try await PaperScheduleRecord.query(on: database).filter(\.$batchID == batch).first()
        // Read before the record is changed: what the applicants were told until now.
        let earlier = existing.map { (told: Self.when($0.startsAt, $0.endsAt, place: $0.place), audit: Self.auditText($0.startsAt, $0.endsAt, place: $0.place)) }
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            let schedule = existing ?? PaperScheduleRecord()
            schedule.batchID = batch
            schedule.startsAt = starts
            schedule.endsAt = ends
            schedule.place = spot
            schedule.setBy = principal.userID
            schedule.setAt = clock.now()
            try await schedule.save(on: db)
            for application in applications {
                let number = accepted.first { $0.applicationID == application.id }?.number ?? ""
                let message: (title: LocalizedText, body: LocalizedText) = if let earlier {
                    (LocalizedText(zh: "纸质材料报送时间已调整", en: "New time to bring the printed files"), LocalizedText(
                        zh: "受理号 \(number)。纸质材料报送时间已调整：本通知替换此前通知的时间（\(earlier.told.zh)），原时间作废。\(schedule.text.zh)",
                        en: "Acceptance number \(number). The time to bring the printed files has changed: this notice replaces the earlier one (\(earlier.told.en)), which no longer applies. \(schedule.text.en)"))
                } else {
                    (LocalizedText(zh: "纸质材料报送时间", en: "When to bring the printed files"), LocalizedText(
                        zh: "受理号 \(number)。\(schedule.text.zh)", en: "Acceptance number \(number). \(schedule.text.en)"))
                }
                try await MessageRecord(to: application.applicantID, about: application.id, title: message.title, body: message.body,
                                        at: clock.now()).create(on: db)
            }
            return (schedule, [AuditEntry(actor: principal.auditActor, action: "paper.schedule", recordType: "batch", recordID: batch,
                                          before: earlier?.audit,
                                          after: Self.auditText(starts, ends, place: schedule.place),
                                          reason: "\(applications.count) applicants told")])
        }
    }

    /// A time for the printed files in a few words: `2024年9月27日（周五） 09:00至16:30，地点`.
    static func when(_ starts: Date, _ ends: Date, place: String) -> LocalizedText {
        let day = ShanghaiTime.date(of: starts)
        let from = String(ShanghaiTime.clockText(starts).suffix(5)), until = String(ShanghaiTime.clockText(ends).suffix(5))
        return LocalizedText(zh: "\(DateText.withWeekday(day, in: .zh)) \(from)至\(until)，\(place)",
                             en: "\(DateText.withWeekday(day, in: .en)), \(from)–\(until), \(place)")
    }

    /// The time as the audit log keeps it.
    static func auditText(_ starts: Date, _ ends: Date, place: String) -> String {
        "\(ShanghaiTime.clockText(starts))–\(ShanghaiTime.clockText(ends)) \(place)"
    }

    /// The time the current one replaced, from the audit row of the last change (the schedule
    /// keeps only the time in force); nil when the time was set once.
    func replacedSchedule() async throws -> String? {
        let batch = try app.domain.currentPolicy.id
        return try await AuditEventRecord.query(on: database).filter(\.$action == "paper.schedule").filter(\.$recordID == batch)
            .sort(\.$id, .descending).first()?.beforeDigest
    }

    static func instant(_ day: LocalDate, _ time: String?) -> Date? {
        let parts = (time ?? "").trimmingCharacters(in: .whitespaces).split(separator: ":").map { Int($0) }
        guard parts.count == 2, let hour = parts[0], let minute = parts[1], (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return ShanghaiTime.startOfDay(day).addingTimeInterval(Double(hour * 3600 + minute * 60))
    }

    enum Receipt {
        case received(AcceptanceRecord)
        case already(AcceptanceRecord)
    }

    /// Records that the printed files of an acceptance number arrived (scanned or typed).
    func receive(_ text: String?, by principal: Principal) async throws -> Receipt {
        let number = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard !number.isEmpty, let acceptance = try await AcceptanceRecord.query(on: database).filter(\.$number == number).first() else {
            throw APIProblem(status: .notFound, code: "number_unknown", message: LocalizedText(
                zh: "没有受理号为“\(number)”的申报。", en: "No file has the acceptance number “\(number)”."), field: "number")
        }
        if acceptance.paperReceivedAt != nil { return .already(acceptance) }
        let clock = self.clock
        let application = try await ApplicationRecord.find(acceptance.applicationID, on: database)
        return try await AuditLog.write(on: database, gate: app.security.auditGate, clock: clock) { db in
            acceptance.paperReceivedAt = clock.now()
            acceptance.paperReceivedBy = principal.userID
            try await acceptance.save(on: db)
            if let application {
                try await MessageRecord(to: application.applicantID, about: application.id, title: LocalizedText(
                    zh: "纸质材料已收到", en: "Printed files received"), body: LocalizedText(
                    zh: "受理号 \(number) 的纸质材料已于\(ShanghaiTime.clockText(clock.now()))收到。",
                    en: "The printed files of acceptance number \(number) were received on \(ShanghaiTime.clockText(clock.now()))."),
                    at: clock.now()).create(on: db)
            }
            return (.received(acceptance), [AuditEntry(actor: principal.auditActor, action: "paper.received", recordType: "application",
                                                       recordID: acceptance.applicationID.uuidString, after: number)])
        }
    }
}
