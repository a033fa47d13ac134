import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

/// What the audit digests of an application cover (the sealed ID number, never the plain one).
struct ApplicationSnapshot: Encodable {
    let id: UUID?, stage: String, version: Int, employerID: UUID?, verificationID: UUID?, content: String, idNumberSealed: String?

    init(_ record: ApplicationRecord) {
        id = record.id; stage = record.stage; version = record.version; employerID = record.employerID
        verificationID = record.verificationID; content = record.contentJSON; idNumberSealed = record.idNumberSealed
    }
}
