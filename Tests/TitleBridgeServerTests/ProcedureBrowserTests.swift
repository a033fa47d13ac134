import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor

/// The procedure as people do it: a newcomer registers, asks for verification, fills the
/// seven steps, uploads a proof and submits; the employer reads the whole file and approves;
/// the file is publicised and reported; the bureau opens its checklist. Only clicking and
/// typing in a real headless Chromium (through chromedriver), on a running server whose clock
/// is moved through the batch.
@Suite("The procedure in a real browser")
struct ProcedureBrowserTests {
    static let available = WebBrowser.chromedriver != nil && ZiCounterBrowserTests.chromium != nil

    /// Where screenshots of the walk go (kept when `TITLEBRIDGE_SHOTS` names a folder).
    static let shots: URL? = ProcessInfo.processInfo.environment["TITLEBRIDGE_SHOTS"].map { URL(fileURLWithPath: $0) }

    @Test("Registration to the bureau's checklist by clicking and typing, in English and Chinese",
          .enabled(if: available || ProcessInfo.processInfo.environment["CI"] != nil))
    func newcomerToChecklist() async throws {
        try #require(Self.available, "CI installs chromium and chromium-driver")
        let clock = MovableClock(shanghaiNoon("2024-08-20"))
        try await withRunningApp(clock: clock) { app, base in
            let browser = try await WebBrowser.start(client: app.client)
            do {
                try await Self.walk(app, base: base, clock: clock, browser: browser)
            } catch {
                if let shots = Self.shots { try? await browser.screenshot(to: shots.appendingPathComponent("failure.png")) }
                let url = (try? await browser.currentURL) ?? "?"
                Issue.record("the walk stopped at \(url): \(error)")
                await browser.quit()
                return
            }
            await browser.quit()
        }
    }

    static func shot(_ browser: WebBrowser, _ name: String) async {
        guard let shots else { return }
        try? FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        try? await browser.screenshot(to: shots.appendingPathComponent(name + ".png"))
    }

    static func signIn(_ browser: WebBrowser, _ base: String, _ username: String, password: String = DemoSeed.password,
                       language: String) async throws {
        try await browser.open(base + "/login?lang=" + language)
        try await browser.type("input[name=username]", username)
        try await browser.type("input[name=password]", password)
        try await browser.click("form[action='/login'] button[type=submit]")
        try await browser.wait(for: "\(username) signed in") { $0.contains("action=\"/logout\"") }
    }

    static func signOut(_ browser: WebBrowser) async throws {
        try await browser.click("form[action='/logout'] button[type=submit]")
        try await browser.wait(for: "the signed-out page") { !$0.contains("action=\"/logout\"") }
    }

    /// Clicks the button of a stage change on the file's page and answers its confirmation,
    /// by dialog (with JavaScript) or by the confirmation page.
    static func act(_ browser: WebBrowser, _ event: String) async throws {
        try await browser.click("form:has(input[name=event][value=\(event)]) button[type=submit]")
        await browser.acceptDialog()
        if try await browser.source.contains("name=\"confirmed\"") {
            try await browser.click("form:has(input[name=confirmed]) button[type=submit]")
        }
    }

    /// The file's stage once the page a click posted has been answered: waits up to 10 s for
    /// `expected`, and gives the stage it found.
    static func stage(_ app: Application, _ id: UUID, becomes expected: Stage) async throws -> Stage? {
        var found: Stage?
        for _ in 0..<100 {
            found = try await ApplicationRecord.find(id, on: app.db)?.currentStage
            if found == expected { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return found
    }

    static func walk(_ app: Application, base: String, clock: MovableClock, browser: WebBrowser) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-walk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scan = folder.appendingPathComponent("certificate.pdf")
        try ReviewFixture.pdf("certificate").write(to: scan)

        // 1. A newcomer registers (English).
        try await browser.open(base + "/register?lang=en")
        await shot(browser, "01-register-en")
        try await browser.type("input[name=username]", "ecarter")
        try await browser.type("input[name=displayName]", "Emily Carter")
        try await browser.type("input[name=password]", "Carter-pass-2024x")
        try await browser.click("form[action='/register'] button[type=submit]")
        #expect(try await browser.source.contains("action=\"/logout\""), "registration signs the newcomer in")

        // 2. Verification of the certificate, asked before the cut-off; verifier1 passes it.
        try await browser.open(base + "/verifications")
        try await browser.choose("select[name=certificateCode]", containing: "ACCA")
        try await browser.type("input[name=certificateNumber]", "ACCA-2019-77310")
        try await browser.type("input[name=holderName]", "Emily Carter")
        try await browser.typeDate("input[name=issuedOn]", "2019-05-01")
        try await browser.attach("input[name=scan]", file: scan)
        try await browser.click("form[action='/verifications'] button[type=submit]")
        try await signOut(browser)
        try await signIn(browser, base, "verifier1", language: "zh")
        try await browser.open(base + "/verifications")
        try await browser.click("table a[href^='/verifications/']")
        try await browser.click("input[name=decision][value=pass]")
        try await browser.click("form[action$='/decision'] button[type=submit]")
        try await signOut(browser)

        // 3. In the window: the seven steps (English).
        clock.set("2024-09-10", 10)
        try await signIn(browser, base, "ecarter", password: "Carter-pass-2024x", language: "en")
        try await browser.open(base + "/applications")
        try await browser.click("form[action='/applications'] button[type=submit]")
        // The file exists once its first step is shown; asked earlier, the database may not have it yet.
        try await browser.wait(for: "the first step of the new file") { $0.contains(#"name="birthDate""#) }
        let user = try #require(try await UserRecord.query(on: app.db).filter(\.$username == "ecarter").first())
        let file = try #require(try await ApplicationRecord.query(on: app.db).filter(\.$applicantID == user.requireID()).first())
        let id = try file.requireID()

        try await browser.open(base + "/applications/\(id)/steps/personal")
        await shot(browser, "02-step-personal-en")
        try await browser.type("input[name=name]", "Emily Carter")
        try await browser.choose("select[name=gender]", containing: "Female")
        try await browser.typeDate("input[name=birthDate]", "1988-03-14")
        try await browser.type("input[name=nationality]", "United Kingdom")
        try await browser.choose("select[name=idKind]", containing: "Passport")
        try await browser.type("input[name=idNumber]", "GB5531207")
        try await browser.click("form[action$='/steps/personal'] button[type=submit]")

        try await browser.choose("select[name=employerID]", containing: "Pujiang")
        try await browser.click("form[action$='/steps/employer'] button[type=submit]")

        try await browser.choose("select[name=verificationNumber]", containing: "CV2024")
        try await browser.click("form[action$='/steps/certificate'] button[type=submit]")

        try await browser.choose("select[name='education[0][degree]']", containing: "Master")
        try await browser.choose("select[name='education[0][discipline]']", containing: "Economics")
        try await browser.type("input[name='education[0][school]']", "University of Edinburgh")
        try await browser.type("input[name='education[0][country]']", "United Kingdom")
        try await browser.typeDate("input[name='education[0][awardedOn]']", "2012-06-30")
        try await browser.click("form[action$='/steps/education'] button[type=submit]")

        try await browser.typeDate("input[name='work[0][from]']", "2012-07-01")
        try await browser.type("input[name='work[0][employer]']", "上海浦江示例科技有限公司")
        try await browser.type("input[name='work[0][position]']", "Finance manager")
        try await browser.click("input[name='work[0][inShanghai]']")
        try await browser.click("input[name='work[0][related]']")
        try await browser.click("form[action$='/steps/work'] button[type=submit]")

        // Step 6: the title and the attestation are one decision on one page.
        await shot(browser, "03-step-target-en")
        try await browser.click("input[name=targetSeriesLevel][value='accounting.associateSenior']")
        try await browser.click("input[name=attest]")
        try await browser.click("form[action$='/steps/target'] button[type=submit]")

        // 3000 字: an English paragraph (each word counts one) and the rest in Chinese, one
        // keystroke a 字, so the typing stays short.
        let paragraph = "I have led the financial reporting of a Shanghai technology company since 2012, "
            + "covering consolidation, budgeting and internal control.\n"
        let chinese = "本人负责公司合并报表、预算管理和内部控制体系建设，带领团队完成多项重大财务项目。\n"
        try await browser.type("textarea[name=summary]", paragraph + String(repeating: chinese, count: 85))
        await shot(browser, "04-step-summary-en")
        try await browser.click("form[action$='/steps/summary'] button[type=submit]")

        let stored = try #require(try await ApplicationRecord.find(id, on: app.db))
        let content = try stored.content
        #expect(content.target == ApplicantProfile.Title(series: .accounting, level: .associateSenior))
        #expect(content.attestations?.lawAbiding == true)
        #expect(content.summaryCount.zi >= 3000)

        // The proofs the submission asks for, one upload each, then the submission to the unit.
        try await browser.open(base + "/applications/\(id)")
        for proof in ["Degree certificate", "Proof of work", "Overseas certificate"] {
            try await browser.choose("select[name=kind]", containing: proof)
            try await browser.attach("input[name=file]", file: scan)
            try await browser.click("form[action$='/uploads'] button[type=submit]")
        }
        await shot(browser, "05-file-en")
        try await act(browser, "submit")
        #expect(try await stage(app, id, becomes: .employerReview) == .employerReview)
        try await signOut(browser)

        // 4. The employer reads the whole file and approves with its opinion (Chinese).
        try await signIn(browser, base, "employer1", language: "zh")
        try await browser.open(base + "/unit-applications")
        try await browser.click("a[href='/applications/\(id)']")
        let review = try await browser.text
        #expect(review.contains("University of Edinburgh"), "the employer reads the education")
        #expect(review.contains("Finance manager"), "the employer reads the work history")
        #expect(review.contains("consolidation, budgeting"), "the employer reads the summary")
        #expect(!review.contains("GB5531207"), "the employer sees the ID number masked")
        await shot(browser, "06-employer-file-zh")
        try await browser.click("input[name='opinion[dutiesPerformed]']")
        try await browser.click("input[name='opinion[materialsTrue]']")
        try await browser.click("input[name='opinion[agrees]']")
        try await browser.click("form:has(input[name=event][value=approve]) button[type=submit]")
        #expect(try await stage(app, id, becomes: .unitPublicity) == .unitPublicity)

        // The publicity: recorded from its first day, its outcome from its last.
        try await browser.type("input[name=place]", "公司内网公告栏")
        try await browser.attach("input[name=evidence]", file: scan)
        try await browser.click("form[action$='/publicity'] button[type=submit]")
        try await browser.attach("form[action$='/uploads'] input[name=file]", file: scan)
        try await browser.choose("form[action$='/uploads'] select[name=kind]", containing: "所在单位核实意见")
        try await browser.click("form[action$='/uploads'] button[type=submit]")
        try await signOut(browser)
        clock.set("2024-09-18", 10)
        try await signIn(browser, base, "employer1", language: "zh")
        try await browser.open(base + "/applications/\(id)")
        try await browser.click("input[name=kind][value=noObjection]")
        try await browser.click("form[action$='/publicity/outcome'] button[type=submit]")
        try await signOut(browser)

        // 5. The applicant uploads the signed commitment and reports.
        try await signIn(browser, base, "ecarter", password: "Carter-pass-2024x", language: "en")
        try await browser.open(base + "/applications/\(id)")
        try await browser.choose("select[name=kind]", containing: "commitment")
        try await browser.attach("input[name=file]", file: scan)
        try await browser.click("form[action$='/uploads'] button[type=submit]")
        try await act(browser, "report")
        #expect(try await stage(app, id, becomes: .reported) == .reported)
        try await signOut(browser)

        // 6. The bureau opens the file's checklist (Chinese).
        clock.set("2024-09-23", 10)
        try await signIn(browser, base, "bureau1", language: "zh")
        try await browser.open(base + "/acceptance")
        try await browser.click("a[href='/applications/\(id)']")
        let checklist = try await browser.source
        #expect(checklist.contains("items[summary][verdict]"), "the bureau's checklist lists the summary")
        #expect(checklist.contains("items[upload:degree][verdict]"), "the bureau's checklist lists the degree")
        await shot(browser, "07-bureau-checklist-zh")
        // On a phone the checklist fits the screen: no sideways scrolling.
        try await browser.resize(width: 390, height: 900)
        try await browser.open(base + "/applications/\(id)")
        try await browser.scroll(to: ".checklist-table")
        await shot(browser, "08-bureau-checklist-zh-390")
        #expect(try await browser.pageWidth <= 390, "the checklist page scrolls sideways on a phone")
    }
}

/// The application configured on SQLite with the demo data, serving HTTP on a free loopback
/// port for a real browser, with `clock` as its time.
func withRunningApp(clock: any WallClock, _ body: (Application, String) async throws -> Void) async throws {
    try await withTestApp(.sqlite, clock: clock, demo: true) { app in
        let port = try freeLoopbackPort()
        try await app.asyncBoot()
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        do {
            try await body(app, "http://127.0.0.1:\(port)")
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }
}
