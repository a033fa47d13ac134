import Foundation
import Testing
@testable import TitleBridgeServer
import Vapor

/// `openapi.yaml` and the server cannot drift apart: every `/api/v1` route is described, and
/// everything described is a route. (`scripts/check-openapi.py` checks the document itself.)
@Suite("openapi.yaml covers the API")
struct OpenAPITests {
    static var specURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi.yaml")
    }

    /// `METHOD /path/{param}` for every operation under `paths:` (two-space YAML indentation).
    static func operations(in text: String) -> Set<String> {
        var result = Set<String>()
        var inPaths = false
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if let first = line.first, !first.isWhitespace { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                current = String(line.dropFirst(2).dropLast())
            } else if let path = current, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(String(method)) {
                    result.insert(method.uppercased() + " " + path)
                }
            }
        }
        return result
    }

    @Test("Every /api/v1 route is in openapi.yaml and nothing else is")
    func coverage() throws {
        let text = try String(contentsOf: Self.specURL, encoding: .utf8)
        let documented = Self.operations(in: text)
        #expect(documented.count > 10, "the parser found the operations")
        let routes = Set(SiteURL.allCases.filter { $0.path.hasPrefix("/api/") }.map { url in
            url.method.rawValue + " /" + url.pathComponents.map { component in
                if case .parameter(let name) = component { return "{\(name)}" }
                return component.description
            }.joined(separator: "/")
        })
        #expect(routes.subtracting(documented).isEmpty, "not described: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "described but not served: \(documented.subtracting(routes).sorted())")
    }
}
