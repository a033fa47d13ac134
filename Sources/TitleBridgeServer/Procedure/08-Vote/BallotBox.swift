import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

/// 无记名投票 — where the ballots are kept. A ballot row is its file and its choice: no voter, no
/// key, no time. Who has voted is kept apart (`VoteParticipationRecord`, with no time either).
///
/// Rows are stored in an order that says nothing of who voted when: each new ballot rewrites the
/// file's ballots in the order of the choices (agree, disagree, abstain), so the table after
/// any number of votes is the same whatever order they came in.
enum BallotBox {
    static let table = "ballots"

    /// Adds a ballot to the file's box, in the transaction of the participation that records it.
    static func add(_ choice: BallotChoice, for applicationID: UUID, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        var choices = try await ballots(of: applicationID, on: sql)
        choices.append(choice)
        try await sql.raw("DELETE FROM \(ident: table) WHERE application_id = \(bind: applicationID)").run()
        for choice in choices.sorted(by: { order($0) < order($1) }) {
            try await sql.raw("INSERT INTO \(ident: table) (application_id, choice) VALUES (\(bind: applicationID), \(bind: choice.rawValue))").run()
        }
    }

    /// The count of each choice in the file's box.
    static func count(for applicationID: UUID, on database: any Database) async throws -> [BallotChoice: Int] {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        return Dictionary(try await ballots(of: applicationID, on: sql).map { ($0, 1) }, uniquingKeysWith: +)
    }

    private static func ballots(of applicationID: UUID, on sql: any SQLDatabase) async throws -> [BallotChoice] {
        try await sql.raw("SELECT choice FROM \(ident: table) WHERE application_id = \(bind: applicationID)").all()
            .map { try $0.decode(column: "choice", as: String.self) }.compactMap(BallotChoice.init(rawValue:))
    }

    private static func order(_ choice: BallotChoice) -> Int {
        BallotChoice.allCases.firstIndex(of: choice) ?? 0
    }
}
