import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// Lists never stop silently at a number of rows: they come a page at a time in a stable order,
/// each row on exactly one page, and a page links to the next while there is one.
@Suite("List pages are paged, in a stable order, within the caller's scope")
struct ListPagingTests {
    @Test("The verifier pages through every verification once; an applicant sees only their own, on one page",
          arguments: DatabaseEngine.available)
    func verificationsArePaged(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let bureau = try await signInBrowser(app, "bureau1")
            let lines = (0..<70).map { index in
                "PV-2024-\(1000 + index),acca-fcca,FCCA-2019-\(700000 + index),林晓\(index),\(ImportedVerificationTests.newcomerID),2024-08-15"
            }
            let (status, page) = try await ImportedVerificationTests.upload(app, bureau, [ImportedVerificationTests.header] + lines)
            #expect(status == .ok, "import answered \(status): \(page.prefix(300))")

            let all = try await VerificationRecord.query(on: app.db).all().compactMap(\.verificationNumber)
            #expect(all.count >= 70)
            let verifier = try await signInBrowser(app, "verifier1")
            var seen: [String: Int] = [:]
            var path: String? = "/verifications"
            var pages = 0
            while let next = path, pages < 10 {
                let html = try await Self.get(app, verifier, next)
                let shown = all.filter { html.contains(">\($0)<") }
                if pages == 0 { #expect(shown.count == Paging.defaultSize, "a full first page") }
                for number in shown { seen[number, default: 0] += 1 }
                path = Self.nextLink(in: html)
                pages += 1
            }
            #expect(pages == (all.count + Paging.defaultSize - 1) / Paging.defaultSize)
            #expect(Set(seen.keys) == Set(all), "every verification is listed")
            #expect(seen.values.allSatisfy { $0 == 1 }, "none on two pages")

            // The scope: applicant1's own requests only, and no pager for a short list.
            let applicant = try await signInBrowser(app, "applicant1")
            let own = try await VerificationRecord.query(on: app.db).filter(\.$applicantID == userID(app, "applicant1")).all()
                .compactMap(\.verificationNumber)
            let html = try await Self.get(app, applicant, "/verifications")
            #expect(all.filter { html.contains(">\($0)<") }.sorted() == own.sorted())
            #expect(Self.nextLink(in: html) == nil)
            #expect(!html.contains("class=\"pager\""))
        }
    }

    static func get(_ app: Application, _ browser: Browser, _ path: String) async throws -> String {
        var body = ""
        try await app.testing().test(.GET, path, beforeRequest: { browser.prepare(&$0) }) { response in
            #expect(response.status == .ok, "\(path) answered \(response.status)")
            body = response.body.string
        }
        return body
    }

    /// The page's `rel="next"` link, if it has one.
    static func nextLink(in html: String) -> String? {
        guard let rel = html.range(of: "rel=\"next\"") else { return nil }
        let before = html[..<rel.lowerBound]
        guard let href = before.range(of: "href=\"", options: .backwards) else { return nil }
        return String(before[href.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }
}
