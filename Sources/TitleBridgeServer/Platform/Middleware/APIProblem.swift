import TitleBridgeCore
import Vapor

/// A refusal of the API that names its reason and, for bad input, the field:
/// `400 {"error": {"code", "message": {"zh", "en"}, "field"}}`.
struct APIProblem: AbortError {
    let status: HTTPResponseStatus
    let code: String
    let message: LocalizedText
    let field: String?
    /// Headers the answer carries, such as `Retry-After` on a 503.
    var headers: HTTPHeaders = [:]
    /// Further problems of the same input, found with this one: a page shows them all at once
    /// beside their fields; the API answers with the first.
    var others: [APIProblem] = []

    var reason: String { message.en }

    static func badInput(code: String, field: String, _ message: LocalizedText) -> APIProblem {
        APIProblem(status: .badRequest, code: code, message: message, field: field)
    }

    /// A rule of the core refused the input: 400 with its field and words.
    static func badInput(_ error: ProfileError) -> APIProblem {
        badInput(code: error.code, field: error.field, error.message)
    }

    /// Turns a decoding failure into a 400 naming the field.
    static func decoding(_ error: DecodingError) -> APIProblem {
        let problem = DecodingProblem(error)
        return badInput(code: "invalid_field", field: problem.path, LocalizedText(
            zh: "字段 \(problem.path.isEmpty ? "（请求体）" : problem.path) 无效：\(problem.problem)",
            en: "Field \(problem.path.isEmpty ? "(body)" : problem.path) is not valid: \(problem.problem)"))
    }

    /// An imported table refused at a line and column: 422, nothing written.
    static func table(_ problem: TableProblem, code: String) -> APIProblem {
        APIProblem(status: .unprocessableEntity, code: code, message: problem.located, field: problem.column)
    }
}
