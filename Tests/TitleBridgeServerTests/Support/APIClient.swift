import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TitleBridgeServer

/// One caller of a running `titlebridge serve` over real HTTP, as an integration or a script
/// talks to it: JSON and multipart requests with the bearer token `POST /api/v1/session` gave,
/// and pages as a visitor reads them.
struct APIClient: Sendable {
    let base: String
    /// The bearer token of the signed-in account; nil for a visitor.
    var token: String?

    init(base: String, token: String? = nil) {
        self.base = base
        self.token = token
    }

    /// One answer as it came over the wire.
    struct Answer: Sendable {
        let status: Int
        /// Header names in lower case.
        let headers: [String: String]
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? { headers[name.lowercased()] }

        /// The body as JSON, read by a plain decoder as any client would: dates stay text.
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONDecoder().decode(T.self, from: body)
        }
    }

    /// `username` signed in by the API; the client then sends its token with every request.
    static func signIn(_ base: String, _ username: String, password: String = DemoSeed.password) async throws -> APIClient {
        let answer = try await APIClient(base: base).send("POST", "/api/v1/session",
                                                          json: ["username": .string(username), "password": .string(password)])
        guard answer.status == 201 else {
            throw TestSetupError("API sign-in of \(username) answered \(answer.status): \(answer.text.prefix(300))")
        }
        struct Session: Decodable { let token: String }
        return APIClient(base: base, token: try answer.decode(Session.self).token)
    }

    func get(_ path: String) async throws -> Answer {
        try await send("GET", path)
    }

    func send(_ method: String, _ path: String, json: JSONBody, headers: [String: String] = [:]) async throws -> Answer {
        try await send(method, path, body: try JSONEncoder().encode(json), contentType: "application/json", headers: headers)
    }

    /// A multipart/form-data POST, as a form with files is sent.
    func upload(_ path: String, _ form: Multipart) async throws -> Answer {
        try await send("POST", path, body: form.body, contentType: "multipart/form-data; boundary=\(form.boundary)")
    }

    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String? = nil,
              headers: [String: String] = [:]) async throws -> Answer {
        guard let url = URL(string: base + path) else { throw TestSetupError("not an address: \(base + path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        // Each client is one caller: a cookie another caller's answer set never rides along.
        request.httpShouldHandleCookies = false
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw TestSetupError("\(url) gave no HTTP answer") }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: fields, body: data)
    }
}

/// A JSON request body written as a literal: `["event": "approve", "opinion": ["agrees": true]]`.
enum JSONBody: Encodable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSONBody])
    case object([String: JSONBody])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONBody...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONBody)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
