import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// One page of a list: `?page=` (from 1) of a query in a stable order. A list never stops
/// silently at a fixed number of rows: what does not fit is on the next page, and the page says so.
struct Paging: Sendable {
    static let defaultSize = 50
    static let largestSize = 200

    let number: Int
    let size: Int

    init(number: Int = 1, size: Int = Paging.defaultSize) {
        self.number = max(1, number)
        self.size = min(max(1, size), Self.largestSize)
    }

    /// `?page=` and, for the API, `?per=`; anything unreadable is the first page.
    init(_ request: Request, size: Int = Paging.defaultSize) {
        self.init(number: (try? request.query.get(Int.self, at: "page")) ?? 1,
                  size: (try? request.query.get(Int.self, at: "per")) ?? size)
    }

    /// The rows of this page and whether another follows. The query must be sorted to the end
    /// (a unique last key), or rows could repeat or go missing between pages.
    func rows<M: Model>(of query: QueryBuilder<M>) async throws -> (rows: [M], more: Bool) {
        let rows = try await query.range(((number - 1) * size)..<(number * size + 1)).all()
        return (Array(rows.prefix(size)), rows.count > size)
    }
}

/// The links under a paged list.
struct Pager: Encodable {
    let label: String
    let previousHref: String?
    let previousLabel: String
    let nextHref: String?
    let nextLabel: String

    /// Nil when everything is on the first page.
    static func make(_ paging: Paging, more: Bool, path: String, language: Language) -> Pager? {
        guard paging.number > 1 || more else { return nil }
        let w = Words<ChromeText>(language)
        func href(_ number: Int) -> String { path + (path.contains("?") ? "&" : "?") + "page=\(number)" }
        return Pager(label: w[.pageNumber, ["page": "\(paging.number)"]],
                     previousHref: paging.number > 1 ? href(paging.number - 1) : nil, previousLabel: w[.previousPage],
                     nextHref: more ? href(paging.number + 1) : nil, nextLabel: w[.nextPage])
    }
}
