import Crypto
import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// One thing wrong with what was sent: the field as the API names it (`education[0].awardedOn`)
/// and why, in both languages, so the page can be read again in the other one.
struct FieldProblem: Codable, Sendable {
    let field: String?
    let message: LocalizedText

    init(field: String?, message: LocalizedText) {
        self.field = field
        self.message = message
    }

    init(_ problem: APIProblem) {
        self.init(field: problem.field, message: problem.message)
    }

    /// Every problem a refusal carries, the first one first.
    static func all(of problem: APIProblem) -> [FieldProblem] {
        ([problem] + problem.others).map(FieldProblem.init)
    }

    /// The id of a field's element on a page, from its API name or its form name alike:
    /// `education[0].awardedOn` and `education[0][awardedOn]` are both `f-education-0-awardedOn`.
    static func anchor(_ field: String) -> String {
        "f-" + field.replacingOccurrences(of: "][", with: "-").replacingOccurrences(of: "[", with: "-")
            .replacingOccurrences(of: "]", with: "").replacingOccurrences(of: ".", with: "-")
    }
}

/// A refusal as a page shows it: every message beside its field (`byField`, keyed by the
/// page's name of the field) and a list at the top, each entry a link to its field, so a
/// person sees at once how many things to correct and where.
struct PageProblems: Encodable {
    struct Item: Encodable {
        let message: String
        /// `#f-…` of the field, when the page has it.
        let href: String?
    }

    let heading: String
    let items: [Item]
    /// Messages by the page's field name; several on one field are joined.
    let byField: [String: String]

    /// `place` gives the page's name for a field the page shows, or nil for one it does not
    /// (the version a stale page carried): such a problem is listed at the top only.
    init?(_ problems: [FieldProblem], heading: String, language: Language, place: (String) -> String? = { $0 }) {
        guard !problems.isEmpty else { return nil }
        self.heading = heading
        var byField: [String: String] = [:]
        items = problems.map { problem -> Item in
            let message = problem.message.text(in: language)
            guard let field = problem.field.flatMap(place) else { return Item(message: message, href: nil) }
            byField[field] = byField[field].map { $0 + " " + message } ?? message
            return Item(message: message, href: "#" + FieldProblem.anchor(field))
        }
        self.byField = byField
    }
}

/// What a refused form carries back to its page: the status the refusal had, the problems, and
/// the input as it was sent (a password never: the caller leaves it out).
struct FormRefusal<Input: Codable & Sendable>: Codable, Sendable {
    let status: UInt
    let problems: [FieldProblem]
    let input: Input

    var httpStatus: HTTPResponseStatus { HTTPResponseStatus(statusCode: Int(status)) }
}

/// Post/redirect/get for refused forms: the refusal is kept (`FormRefusalRecord`) and the
/// browser is sent to the form's page with `?refused=<id>`, which shows the problems and what
/// was typed, with the refusal's status. The address bar then holds a page that can be reloaded
/// without posting again; the refusal is shown once, so a reload shows the stored file.
/// Kept in the database rather than in memory, so every instance behind a load balancer finds it.
enum FormRefusals {
    static let parameter = "refused"
    /// A refusal nobody came back for is of no use after this long.
    static let lifetime: TimeInterval = 30 * 60

    /// The browser a refusal belongs to: its session once signed in, its CSRF cookie before
    /// (registration). Nil when neither is there; the caller then answers in place.
    static func owner(of request: Request) -> String? {
        if let principal = request.principal, principal.sessionKind == .web {
            return SecureToken.sha256Hex("session:" + principal.sessionID.uuidString)
        }
        if let cookie = request.cookies[request.security.settings.cookieName(CSRF.cookieName)]?.string, !cookie.isEmpty {
            return SecureToken.sha256Hex("browser:" + cookie)
        }
        return nil
    }

    /// Keeps the refusal for `page` and answers with the redirect to it, or nil when the
    /// browser could not be recognised on its way back.
    static func redirect<Input: Codable & Sendable>(_ request: Request, to page: String, status: HTTPResponseStatus,
                                                    problems: [FieldProblem], input: Input) async throws -> Response? {
        guard let owner = owner(of: request) else { return nil }
        let now = request.domain.clock.now()
        let id = UUID()
        let payload = try JSONEncoder().encode(FormRefusal(status: status.code, problems: problems, input: input))
        let record = FormRefusalRecord(id: id, ownerHash: owner, path: page,
                                       payloadSealed: try seal(payload, row: id, cipher: request.security.cipher), createdAt: now)
        try await FormRefusalRecord.query(on: request.db).filter(\.$createdAt < now.addingTimeInterval(-lifetime)).delete()
        try await record.create(on: request.db)
        var components = URLComponents()
        components.path = page
        components.queryItems = [URLQueryItem(name: parameter, value: id.uuidString)]
        return request.redirect(to: components.string ?? page, redirectType: .normal)
    }

    /// Runs a form's action and goes where it says; a refusal (4xx) goes back to `back` with its
    /// problems and what was typed (post/redirect/get), answered with the refusal's status.
    static func act<Input: Codable & Sendable>(_ request: Request, form: Input, back: String,
                                               _ action: () async throws -> String) async throws -> Response {
        do {
            return request.redirect(to: try await action(), redirectType: .normal)
        } catch let problem as APIProblem where problem.status.code < 500 {
            if let redirect = try await redirect(request, to: back, status: problem.status, problems: FieldProblem.all(of: problem), input: form) {
                return redirect
            }
            throw problem
        }
    }

    /// The refusal the request's `?refused=` names, when it is this browser's, for `page` and
    /// recent; it is removed as it is read.
    static func take<Input: Codable & Sendable>(_ request: Request, page: String, as type: Input.Type) async throws -> FormRefusal<Input>? {
        guard let id = request.query[String.self, at: parameter].flatMap(UUID.init(uuidString:)), let owner = owner(of: request),
              let record = try await FormRefusalRecord.find(id, on: request.db),
              record.ownerHash == owner, record.path == page else { return nil }
        try await record.delete(on: request.db)
        guard record.createdAt > request.domain.clock.now().addingTimeInterval(-lifetime),
              let payload = try? open(record.payloadSealed, row: id, cipher: request.security.cipher) else { return nil }
        return try? JSONDecoder().decode(FormRefusal<Input>.self, from: payload)
    }

    // MARK: sealing

    /// The refusals' own key, derived from a personal-data key: a sealed payload opens with
    /// nothing else, and a rotated-out key leaves only refusals nobody needs any more.
    private static func key(from key: SymmetricKey) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("titlebridge.form_refusals.payload".utf8), outputByteCount: 32)
    }

    private static func associatedData(row: UUID) -> Data {
        Data((FormRefusalRecord.schema + ".payload_sealed:" + row.uuidString).utf8)
    }

    /// `keyID:base64(nonce ‖ ciphertext ‖ tag)`, bound to its row.
    static func seal(_ payload: Data, row: UUID, cipher: PersonalDataCipher) throws -> String {
        let current = cipher.keys[0]
        let box = try AES.GCM.seal(payload, using: key(from: current.key), authenticating: associatedData(row: row))
        guard let combined = box.combined else { throw PersonalDataError.cannotSeal }
        return current.id + ":" + combined.base64EncodedString()
    }

    static func open(_ sealed: String, row: UUID, cipher: PersonalDataCipher) throws -> Data {
        let parts = sealed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let data = Data(base64Encoded: String(parts[1])) else { throw PersonalDataError.malformed }
        guard let stored = cipher.keys.first(where: { $0.id == parts[0] }) else { throw PersonalDataError.unknownKey(String(parts[0])) }
        return try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key(from: stored.key), authenticating: associatedData(row: row))
    }
}
