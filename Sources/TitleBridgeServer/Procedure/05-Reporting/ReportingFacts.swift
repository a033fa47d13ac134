import Fluent
import Foundation
import SQLKit
import TitleBridgeCore
import Vapor

extension ApplicationDesk {
    /// The unit publicity of the file and the kinds of file uploaded to it.
    func reportingFacts(of record: ApplicationRecord) async throws -> (PublicityRecord?, Set<UploadKind>) {
        let id = try record.requireID()
        let publicity = try await PublicityRecord.query(on: database).filter(\.$applicationID == id).first()
        let kinds = try await ApplicationUploadRecord.query(on: database).filter(\.$applicationID == id).all()
            .compactMap { UploadKind(rawValue: $0.kind) }
        return (publicity, Set(kinds))
    }
}
