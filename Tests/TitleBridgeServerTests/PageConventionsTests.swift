import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

@Suite("Pages as people read them: prefilled step 1, the 字 rule, staff wording, clause glosses, sign-up link, icon")
struct PageConventionsTests {
    /// Opens the file of the signed-in applicant through the page and returns its id.
    static func openFile(_ app: Application, _ holder: Browser) async throws -> UUID {
        let (status, location, _) = try await ApplicationFlowTests.post(app, holder, "/applications", [:])
        #expect(status == .seeOther)
        return try #require(location.flatMap { UUID(uuidString: String($0.split(separator: "/")[1])) })
    }

    @Test("Step 1 of a new file starts from the account: the name, the ID document and its number",
          arguments: DatabaseEngine.available)
    func personalStepFromAccount(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let holder = try await signInBrowser(app, "applicant2")
            let id = try await Self.openFile(app, holder)
            let (status, page) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)/steps/personal")
            #expect(status == .ok)
            #expect(page.contains("value=\"Emily Carter\""), "the name from the account")
            #expect(page.contains("<option value=\"foreignPermanentResidentID\" selected>"))
            #expect(page.contains("value=\"931840198506150015\""), "the ID number from the account, opened for its owner")

            // Once the file holds its own data, that is what the step shows.
            let (saved, body) = try await ApplicationFlowTests.save(app, holder, id, .personal, [
                "name": "Emily Jane Carter", "gender": "female", "birthDate": "1985-06-15", "nationality": "United Kingdom",
                "idKind": "foreignPermanentResidentID", "idNumber": "931840198506150015"])
            #expect(saved == .seeOther, "\(body.prefix(300))")
            let (_, again) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)/steps/personal")
            #expect(again.contains("value=\"Emily Jane Carter\""))
        }
    }

    @Test("The English summary step says how 字 are counted and how many are still needed", arguments: DatabaseEngine.available)
    func summaryCounterExplains(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let holder = try await signInBrowser(app, "applicant1")
            let id = try await Self.openFile(app, holder)
            var (_, page) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)/steps/summary?lang=en")
            #expect(page.contains("How 字 are counted: each Chinese character"))
            #expect(page.contains("each word or number in Latin letters or digits"))
            #expect(page.contains("<strong data-zi-needed>3000</strong> more needed"))

            // 2990 Chinese characters and 5 English words: 5 still needed.
            let summary = String(repeating: "账", count: 2990) + " Chartered Financial Analyst since 2012"
            #expect(ZiCount(summary).zi == 2995)
            let (saved, body) = try await ApplicationFlowTests.save(app, holder, id, .summary, ["summary": summary])
            #expect(saved == .seeOther, "\(body.prefix(300))")
            (_, page) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)/steps/summary?lang=en")
            #expect(page.contains("<strong data-zi-needed>5</strong> more needed"))
            (_, page) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)/steps/summary?lang=zh")
            #expect(page.contains("，还差 <strong data-zi-needed>5</strong> 字"))
            #expect(page.contains("每个英文单词或数字"))
        }
    }

    @Test("Staff read what happens next about the applicant, not the words addressed to the applicant; the history reads “Name: Act”",
          arguments: DatabaseEngine.available)
    func staffNextStep(engine: DatabaseEngine) async throws {
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withTestApp(engine, clock: clock, demo: true) { app in
            let id = try await ReviewFixture.submittedFile(app, "applicant2", creditCode: DemoUnits.enterprise, clock: clock)
            let employer = try await signInBrowser(app, "employer1")
            let (status, staff) = try await ApplicationFlowTests.get(app, employer, "/applications/\(id)?lang=en")
            #expect(status == .ok)
            #expect(staff.contains("The employer checks the file and writes its opinion"))
            #expect(!staff.contains("Your employer"))
            #expect(!staff.contains("Your file is here"))
            #expect(staff.contains("Emily Carter: Submit to the employer"))
            #expect(!staff.contains("Emily Carter："), "Chinese punctuation in the English history")
            let (_, staffZh) = try await ApplicationFlowTests.get(app, employer, "/applications/\(id)?lang=zh")
            #expect(staffZh.contains("所在单位核实材料并填写核实意见"))

            let holder = try await signInBrowser(app, "applicant2")
            let (_, own) = try await ApplicationFlowTests.get(app, holder, "/applications/\(id)?lang=en")
            #expect(own.contains("Your employer checks the file and writes its opinion"))
        }
    }

    @Test("A notice clause reference carries what the clause is about, in the page's language", arguments: DatabaseEngine.available)
    func clauseGlosses(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.testing().test(.GET, "/?lang=en") { res in
                let html = res.body.string
                #expect(html.contains("<abbr title=\"四(一): certificate verification: passed on the verification platform by 31 August 2024\"><span lang=\"zh-CN\">四(一)</span></abbr>"))
            }
            try await app.testing().test(.GET, "/?lang=zh") { res in
                #expect(res.body.string.contains("<abbr title=\"四(四)：申报公示与上报"))
            }
        }
        #expect(NoticeClauses.gloss("三(二)2(2)")?.en == "intermediate: a master's or second bachelor's degree and 2 years of related work")
        // A sub-clause not listed takes its clause's subject; a text that names no clause has none.
        #expect(NoticeClauses.gloss("三(二)")?.en.hasPrefix("education and experience") == true)
        #expect(NoticeClauses.gloss("四(五)2")?.en.hasPrefix("acceptance review") == true)
        #expect(NoticeClauses.gloss("—") == nil)
    }

    @Test("The sign-in page leads to registration; every page links the icon, which is served", arguments: DatabaseEngine.available)
    func signUpLinkAndIcon(engine: DatabaseEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.testing().test(.GET, "/login?lang=en") { res in
                let html = res.body.string
                #expect(html.contains("No account yet?"))
                #expect(html.contains("<a href=\"/register\">Sign up</a>"))
                #expect(html.contains("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"))
                // The menu folds on a phone with a checkbox and its label, no script.
                #expect(html.contains("<input type=\"checkbox\" id=\"menu-toggle\""))
                #expect(html.contains("<label for=\"menu-toggle\" class=\"menu-button\">"))
            }
            try await app.testing().test(.GET, "/assets/favicon.svg") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "svg+xml")
                #expect(res.body.string.hasPrefix("<svg"))
            }
        }
    }
}
