import Fluent
import Foundation
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

    struct QueueEntry {
        let record: ApplicationRecord
        let field: CertificateField?
        let number: String?
        /// When the file was reported (上报) to the bureau: what the queue is ordered by.
        let reportedAt: Date?
    }

    /// Reported, supplemented and accepted files of the current batch, by certificate field, in
    /// the order they were reported. The whole batch on one page, grouped by field, because the
    /// bureau works through all of it; it is bounded by the batch, so nothing is cut off.
    func queue() async throws -> [QueueEntry] {
        let batch = try app.domain.currentPolicy.id
        let stages: [Stage] = [.reported, .supplementRequested, .accepted]
        let records = try await ApplicationRecord.query(on: database).filter(\.$batchID == batch)
            .filter(\.$stage ~~ stages.map(\.rawValue)).sort(\.$submittedAt).sort(\.$id).all()
        let verifications = try await VerificationRecord.query(on: database).filter(\.$id ~~ records.compactMap(\.verificationID)).all()
        let items = try await CertificateItemRecord.query(on: database).filter(\.$id ~~ verifications.map(\.certificateItemID)).all()
        let fieldOfItem = Dictionary(items.compactMap { item in item.id.flatMap { id in item.item.map { (id, $0.field) } } },
                                     uniquingKeysWith: { first, _ in first })
        let fieldOfVerification = Dictionary(verifications.compactMap { verification in
            verification.id.map { ($0, fieldOfItem[verification.certificateItemID]) }
        }, uniquingKeysWith: { first, _ in first })
        let numbers = try await AcceptanceRecord.query(on: database).filter(\.$applicationID ~~ records.compactMap(\.id)).all()
        let numberOf = Dictionary(numbers.map { ($0.applicationID, $0.number) }, uniquingKeysWith: { first, _ in first })
        let reports = try await ReviewRecord.query(on: database).filter(\.$applicationID ~~ records.compactMap(\.id))
            .filter(\.$event == StageEvent.report.rawValue).all()
        let reportedAt = Dictionary(reports.map { ($0.applicationID, $0.createdAt) }, uniquingKeysWith: max)
        return records.map { record in
            QueueEntry(record: record, field: record.verificationID.flatMap { fieldOfVerification[$0] ?? nil },
                       number: record.id.flatMap { numberOf[$0] }, reportedAt: record.id.flatMap { reportedAt[$0] })
        }.sorted { ($0.reportedAt ?? .distantFuture) < ($1.reportedAt ?? .distantFuture) }
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
        let spot = try FieldReader.required(place, "place", LocalizedText(zh: "报送地点", en: "the place"))
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
            schedule.place = String(spot.prefix(200))
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
