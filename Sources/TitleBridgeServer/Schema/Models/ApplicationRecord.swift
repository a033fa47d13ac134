import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// 申报材料 — one applicant's file for one batch. `version` grows with every saved change, so
/// a save made from a stale page is refused instead of overwriting (optimistic locking).
final class ApplicationRecord: Model, @unchecked Sendable {
    static let schema = "applications"

    @ID(key: .id) var id: UUID?
    @Field(key: "applicant_id") var applicantID: UUID
    @Field(key: "batch_id") var batchID: String
    @Field(key: "stage") var stage: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "employer_id") var employerID: UUID?
    @OptionalField(key: "verification_id") var verificationID: UUID?
    @Field(key: "content_json") var contentJSON: String
    @OptionalField(key: "id_number_sealed") var idNumberSealed: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// 申报编号, e.g. `SB2024-000123` (`ApplicationNumber`).
    @OptionalField(key: "number") var number: String?
    /// The level applied for, copied from the content on every save for the dashboard's counts.
    @OptionalField(key: "target_level") var targetLevel: String?
    /// The field of the chosen certificate (`CertificateField`), copied on save for the same counts.
    @OptionalField(key: "certificate_field") var certificateField: String?
    /// When the file was last reported (上报) to the bureau: the order of the bureau's queue.
    @OptionalField(key: "reported_at") var reportedAt: Date?

    init() {}

    var currentStage: Stage { Stage(rawValue: stage) ?? .draft }

    /// The file's content as stored. Content that does not decode is an error naming the file,
    /// never an empty form: a page built on an empty form shows the applicant nothing, and the
    /// next save would write that emptiness over what is stored.
    var content: ApplicationContent {
        get throws {
            do {
                return try JSONDecoder().decode(ApplicationContent.self, from: Data(contentJSON.utf8))
            } catch {
                throw APIProblem.unreadableContent(of: id)
            }
        }
    }

    static func encode(_ content: ApplicationContent) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(content), as: UTF8.self)
    }
}

extension APIProblem {
    /// A stored file whose content cannot be read: 500, naming the file so it can be found and
    /// repaired; nothing is shown as empty and nothing is written. The error page logs every
    /// 5xx with its reason, so the log names the file too.
    static func unreadableContent(of id: UUID?) -> APIProblem {
        let file = id?.uuidString ?? "?"
        return APIProblem(status: .internalServerError, code: "content_unreadable", message: LocalizedText(
            zh: "申报材料 \(file) 的内容无法读取，本次未显示也未保存任何内容。请致电咨询，并告知此编号。",
            en: "The content of application file \(file) cannot be read; nothing was shown or saved. Please call us and give this number."),
            field: nil)
    }
}
