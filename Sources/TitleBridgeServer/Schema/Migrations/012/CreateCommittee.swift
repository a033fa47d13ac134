import Fluent
import SQLKit

/// 012: the committee — its members, interview sessions with their panels and files, recusals,
/// attendance, opinions, and the secret ballot: who has voted and the ballots kept apart, the
/// ballots with no voter, no time and no sequence (`BallotBox`).
struct CreateCommittee: AsyncMigration {
    var name: String { "012-create-committee" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CommitteeMemberRecord.schema)
            .id()
            .field("user_id", .uuid, .required)
            .field("fields_json", .string, .required)
            .field("employer_id", .uuid)
            .field("employer_name", .string, .required)
            .field("joined_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
        try await database.schema(InterviewSessionRecord.schema)
            .id()
            .field("batch_id", .string, .required)
            .field("field", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("place", .string, .required)
            .field("video_link", .string)
            .field("created_by", .uuid, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(PanelSeatRecord.schema)
            .id()
            .field("session_id", .uuid, .required)
            .field("expert_id", .uuid, .required)
            .unique(on: "session_id", "expert_id")
            .create()
        try await database.schema(InterviewFileRecord.schema)
            .id()
            .field("application_id", .uuid, .required)
            .field("session_id", .uuid, .required)
            .field("scheduled_by", .uuid, .required)
            .field("scheduled_at", .datetime, .required)
            .field("held_at", .datetime)
            .unique(on: "application_id")
            .create()
        // Each is one row per file and expert.
        try await perExpert(RecusalRecord.schema, on: database) {
            $0.field("ground", .string, .required).field("reason", .string)
                .field("recorded_by", .uuid).field("recorded_at", .datetime, .required)
        }
        try await perExpert(AttendanceRecord.schema, on: database) { $0.field("present", .bool, .required) }
        try await perExpert(OpinionRecord.schema, on: database) {
            $0.field("opinion_json", .sql(unsafeRaw: "TEXT"), .required).field("written_at", .datetime, .required)
        }
        // Who has voted: no time, no choice.
        try await perExpert(VoteParticipationRecord.schema, on: database) { $0 }
        // A ballot is its file and its choice, nothing else: no key drawn in order, no time.
        try await database.schema(BallotBox.table)
            .field("application_id", .uuid, .required)
            .field("choice", .string, .required)
            .create()
        try await database.schema(VoteClosureRecord.schema)
            .id()
            .field("application_id", .uuid, .required)
            .field("outcome", .string, .required)
            .field("committee_size", .int, .required)
            .field("present", .int, .required)
            .field("agree", .int, .required)
            .field("disagree", .int, .required)
            .field("abstain", .int, .required)
            .field("committee_opinion", .sql(unsafeRaw: "TEXT"), .required)
            .field("closed_by", .uuid, .required)
            .field("closed_at", .datetime, .required)
            .unique(on: "application_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for (index, table, column) in [("interview_files_session_idx", InterviewFileRecord.schema, "session_id"),
                                       ("recusals_expert_idx", RecusalRecord.schema, "expert_id"),
                                       ("ballots_application_idx", BallotBox.table, "application_id")] {
            try await sql.create(index: index).on(table).column(column).run()
        }
    }

    private func perExpert(_ table: String, on database: any Database,
                           _ columns: (SchemaBuilder) -> SchemaBuilder) async throws {
        try await columns(database.schema(table).id()
            .field("application_id", .uuid, .required)
            .field("expert_id", .uuid, .required))
            .unique(on: "application_id", "expert_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in [VoteClosureRecord.schema, BallotBox.table, VoteParticipationRecord.schema, OpinionRecord.schema,
                      AttendanceRecord.schema, RecusalRecord.schema, InterviewFileRecord.schema, PanelSeatRecord.schema,
                      InterviewSessionRecord.schema, CommitteeMemberRecord.schema] {
            try await database.schema(table).delete()
        }
    }
}
