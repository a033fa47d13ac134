import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("首页 — home page and its batch timeline")
struct HomePageTests {
    @Test("Chinese by default, with the batch's dates and the notice's contact numbers", arguments: DatabaseEngine.available)
    func chineseTimeline(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.testing().test(.GET, "/") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "html")
                let html = res.body.string
                #expect(html.contains("<html lang=\"zh-CN\">"))
                #expect(html.contains("境外职业资格证书清单项目持证人员第二批职称考核认定"))
                #expect(html.contains("沪人社专〔2024〕296号"))
                // 四(一): verification cut-off; 四(四): the window, with weekdays; 三(二): experience cut-off.
                #expect(html.contains("2024年8月31日（周六）"))
                #expect(html.contains("2024年9月6日（周五） 至 2024年9月19日（周四）"))
                #expect(html.contains("2024年12月31日（周二）"))
                // The window holds 9 working days (Mid-Autumn 9/15–17 off, Saturday 9/14 worked).
                #expect(html.contains("共9个工作日"))
                // Publicity of 5 working days must start by 9/12 to end by 9/19.
                #expect(html.contains("最迟应于2024年9月12日（周四）开始公示"))
                #expect(html.contains("不少于3000字"))
                #expect(html.contains("href=\"tel:+86-21-32511209\""))
                #expect(html.contains("href=\"tel:+86-21-12333\""))
                #expect(html.contains("href=\"/?lang=en\""))
            }
        }
    }

    @Test("English on ?lang=en, remembered by cookie", arguments: DatabaseEngine.available)
    func english(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            let tester = try app.testing()
            var cookie: String?
            try await tester.test(.GET, "/?lang=en") { res in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.contains("<html lang=\"en\">"))
                #expect(html.contains("Certificate verification"))
                #expect(html.contains("Sat 31 August 2024"))
                #expect(html.contains("Fri 6 September 2024 to Thu 19 September 2024"))
                #expect(html.contains("(9 working days)"))
                #expect(html.contains("must start by Thu 12 September 2024"))
                #expect(!html.contains("证书查验</h3>"))
                cookie = res.headers.setCookie?["lang"]?.string
            }
            #expect(cookie == "en")
            try await tester.test(.GET, "/", headers: ["Cookie": "lang=en"]) { res in
                #expect(res.body.string.contains("<html lang=\"en\">"))
            }
        }
    }

    @Test("Steps are marked by the day in Shanghai", arguments: DatabaseEngine.available)
    func timingFollowsClock(engine: DatabaseEngine) async throws {
        // 2024-09-19 16:30 UTC is already 9/20 in Shanghai: the window has closed.
        let afterClose = FixedClock(Date(timeIntervalSince1970: 1_726_763_400))
        try await withTestApp(engine, clock: afterClose) { app in
            try await app.testing().test(.GET, "/") { res in
                let html = res.body.string
                #expect(html.contains("2024年9月20日（周五）"))
                #expect(html.contains("class=\"step step-past\" id=\"step-submission\""))
            }
        }
        try await withTestApp(engine, clock: shanghaiNoon("2024-09-19")) { app in
            try await app.testing().test(.GET, "/") { res in
                #expect(res.body.string.contains("class=\"step step-current\" id=\"step-submission\""))
            }
        }
    }

    @Test("An unknown address gets a bilingual 404 page", arguments: DatabaseEngine.available)
    func notFound(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.testing().test(.GET, "/no-such-page") { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("页面不存在。"))
                #expect(res.body.string.contains("This page does not exist."))
            }
            try await app.testing().test(.GET, "/api/v1/no-such-thing") { res in
                #expect(res.status == .notFound)
                #expect(res.headers.contentType == .json)
                #expect(res.body.string.contains("\"code\":\"not_found\""))
            }
        }
    }

    @Test("Every SiteURL link reaches a registered route", arguments: DatabaseEngine.available)
    func siteURLsAreRoutes(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            let registered = Set(app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            for url in SiteURL.allCases {
                #expect(registered.contains("\(url.method.rawValue) \(url.path)"), "no route for \(url)")
                guard url.isPage else { continue }
                try await app.testing().test(.GET, url.path) { res in
                    #expect(res.status == .ok, "\(url.path) answered \(res.status)")
                }
            }
            #expect(registered.count == SiteURL.allCases.count, "a route was registered outside SiteURL")
        }
    }
}
