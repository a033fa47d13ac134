import Fluent
import Foundation
import SQLKit
import TitleBridgeCore

/// A rehearsal may only move forward: started at an instant earlier than something the
/// database already recorded, the procedure would see files reported before they were
/// submitted and numbers drawn out of order. So such a start is refused, naming both instants.
enum RehearsalStart {
    struct Refused: Error, CustomStringConvertible {
        let start: Date
        let newest: Date
        var description: String {
            let start = ShanghaiTime.clockText(start), newest = ShanghaiTime.clockText(newest)
            return "模拟时钟不能倒退：--clock \(start) 早于数据库中最新的记录（\(newest)，北京时间）。请使用不早于该时间的时刻，或换一个数据目录。"
                + " / The rehearsal clock cannot go back: --clock \(start) is earlier than the newest stored event (\(newest) Beijing time). Start at that instant or later, or use another data folder."
        }
    }

    static func check(_ clock: any WallClock, on database: any Database) async throws {
        guard let start = clock.rehearsalStart, let newest = try await newestEvent(on: database), newest > start else { return }
        throw Refused(start: start, newest: newest)
    }

    /// The latest instant the audit log holds (every change writes one row). Its `at` is UTC
    /// ISO 8601 text of one width, so the greatest text is the latest instant.
    static func newestEvent(on database: any Database) async throws -> Date? {
        guard let sql = database as? any SQLDatabase,
              let row = try await sql.raw("SELECT MAX(at) AS newest FROM audit_events").first(),
              let text = try row.decodeNil(column: "newest") ? nil : row.decode(column: "newest", as: String.self) else { return nil }
        return AuditLog.instant(text)
    }
}
