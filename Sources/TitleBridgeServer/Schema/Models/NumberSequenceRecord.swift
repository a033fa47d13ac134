import Fluent
import Foundation
import TitleBridgeCore

/// A named counter that hands out numbers once each, in order, with no gaps.
final class NumberSequenceRecord: Model, @unchecked Sendable {
    static let schema = "number_sequences"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "next_value") var nextValue: Int

    init() {}
}
