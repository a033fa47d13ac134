import Foundation
import Vapor

/// A headless Chromium driven through chromedriver by the W3C WebDriver protocol: pages are
/// opened, clicked and typed into as a person would, and read back as HTML.
final class WebBrowser: @unchecked Sendable {
    static let chromedriver: String? = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The key W3C WebDriver names an element by in its JSON.
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let driver: Process
    private let client: any Client
    private let endpoint: String
    private let session: String
    private let profile: URL

    private init(driver: Process, client: any Client, endpoint: String, session: String, profile: URL) {
        self.driver = driver
        self.client = client
        self.endpoint = endpoint
        self.session = session
        self.profile = profile
    }

    /// Starts chromedriver and one headless Chromium window of `width` × `height`; WebDriver is
    /// spoken through `client` (the application's HTTP client).
    static func start(client: any Client, width: Int = 1280, height: Int = 1000) async throws -> WebBrowser {
        guard let chromedriver, let chromium = ZiCounterBrowserTests.chromium else {
            throw Failure(description: "chromium and chromedriver are needed (CI installs them)")
        }
        let port = try freeLoopbackPort()
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)"]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "en_US.UTF-8"
        driver.environment = environment
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let endpoint = "http://127.0.0.1:\(port)"
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("titlebridge-browser-\(UUID().uuidString)")
        var ready = false
        for attempt in 0..<100 where !ready {
            if ProcessInfo.processInfo.environment["TITLEBRIDGE_WEBDRIVER_TRACE"] != nil {
                FileHandle.standardError.write(Data("webdriver status \(attempt)\n".utf8))
            }
            if let response = try? await client.get(URI(string: endpoint + "/status")),
               response.body.map({ String(buffer: $0) })?.contains("\"ready\":true") == true {
                ready = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        guard ready else {
            driver.terminate()
            throw Failure(description: "chromedriver did not start")
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "goog:chromeOptions": [
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=en-US",
                         "--window-size=\(width),\(height)", "--user-data-dir=\(profile.path)"],
            ] as [String: Any],
        ] as [String: Any]]]
        let answer = try await call(client, endpoint + "/session", method: "POST", body: capabilities)
        guard let value = answer as? [String: Any], let session = value["sessionId"] as? String else {
            driver.terminate()
            throw Failure(description: "no WebDriver session: \(String(describing: answer))")
        }
        let browser = WebBrowser(driver: driver, client: client, endpoint: endpoint, session: session, profile: profile)
        // Elements are looked for up to 5 s, as a page settles after a click.
        _ = try await browser.command("timeouts", body: ["implicit": 5000, "pageLoad": 30000])
        return browser
    }

    /// Closes the window and stops chromedriver. Not waited for: `waitUntilExit` spins on
    /// Linux, and the driver ends on its own once told.
    func quit() async {
        _ = try? await Self.call(client, endpoint + "/session/\(session)", method: "DELETE", body: nil)
        _ = try? await client.get(URI(string: endpoint + "/shutdown"))
        driver.terminate()
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: what a person does

    func open(_ url: String) async throws {
        _ = try await command("url", body: ["url": url])
    }

    var source: String {
        get async throws { try await command("source", method: "GET") as? String ?? "" }
    }

    var currentURL: String {
        get async throws { try await command("url", method: "GET") as? String ?? "" }
    }

    /// The visible text of the page, as a reader sees it.
    var text: String {
        get async throws {
            let body = try await element("body")
            return try await command("element/\(body)/text", method: "GET") as? String ?? ""
        }
    }

    /// Waits up to 10 s for the page to satisfy `condition` (a form posted by a click may
    /// still be loading when the click returns).
    func wait(for what: String, _ condition: (String) -> Bool) async throws {
        for _ in 0..<100 {
            if let page = try? await source, condition(page) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "waited in vain for \(what) on \(try await currentURL)")
    }

    func click(_ css: String) async throws {
        try await settled { _ = try await self.command("element/\(try await self.element(css))/click", body: [:]) }
    }

    /// Runs `action` again when the page changed under it (a navigation that was still under
    /// way when the element was found), as a person would look again.
    private func settled(_ action: () async throws -> Void) async throws {
        for attempt in 1...5 {
            do {
                return try await action()
            } catch let failure as Failure where failure.description.contains("stale element") && attempt < 5 {
                try await Task.sleep(for: .milliseconds(300))
            }
        }
    }

    /// Clicks the first link or button whose text contains `label`.
    func click(text label: String) async throws {
        let found = try await command("element", body: ["using": "xpath",
                                                         "value": "//*[self::a or self::button][contains(normalize-space(.), \(Self.xpathLiteral(label)))]"])
        guard let id = (found as? [String: Any])?[Self.elementKey] as? String else {
            throw Failure(description: "no link or button “\(label)”")
        }
        _ = try await command("element/\(id)/click", body: [:])
    }

    /// Types `text` into the field, after clearing it.
    func type(_ css: String, _ text: String) async throws {
        try await settled {
            let id = try await self.element(css)
            _ = try await self.command("element/\(id)/clear", body: [:])
            _ = try await self.command("element/\(id)/value", body: ["text": text])
        }
    }

    /// Types a day into a date field the way a person does in an en-US browser (month, day,
    /// year), and checks the field took it.
    func typeDate(_ css: String, _ iso: String) async throws {
        let parts = iso.split(separator: "-")
        guard parts.count == 3 else { throw Failure(description: "not a date: \(iso)") }
        let id = try await element(css)
        _ = try await command("element/\(id)/value", body: ["text": "\(parts[1])\(parts[2])\(parts[0])"])
        let value = try await command("element/\(id)/property/value", method: "GET") as? String
        guard value == iso else { throw Failure(description: "the date field \(css) holds \(value ?? "nothing"), not \(iso)") }
    }

    /// Chooses the option whose visible text contains `label` in a select.
    func choose(_ selectCSS: String, containing label: String) async throws {
        try await settled {
            let select = try await self.element(selectCSS)
            let found = try await self.command("element/\(select)/element", body: [
                "using": "xpath", "value": ".//option[contains(normalize-space(.), \(Self.xpathLiteral(label)))]"])
            guard let option = (found as? [String: Any])?[Self.elementKey] as? String else {
                throw Failure(description: "no option “\(label)” in \(selectCSS)")
            }
            _ = try await self.command("element/\(option)/click", body: [:])
        }
    }

    /// Chooses a file for a file field, as the file picker does.
    func attach(_ css: String, file: URL) async throws {
        try await settled { _ = try await self.command("element/\(try await self.element(css))/value", body: ["text": file.path]) }
    }

    /// Accepts the page's confirmation dialog when one is open; false when there is none.
    @discardableResult
    func acceptDialog() async -> Bool {
        (try? await command("alert/accept", body: [:])) != nil
    }

    /// Makes the window `width` × `height`, as a phone or a desktop screen.
    func resize(width: Int, height: Int) async throws {
        _ = try await command("window/rect", body: ["width": width, "height": height])
    }

    /// How wide the page is laid out: wider than the window means sideways scrolling.
    var pageWidth: Int {
        get async throws {
            try await command("execute/sync", body: ["script": "return document.documentElement.scrollWidth", "args": []]) as? Int ?? 0
        }
    }

    /// Scrolls the first element matching `css` into view, as a reader scrolls down to it.
    func scroll(to css: String) async throws {
        _ = try await command("execute/sync", body: ["script": "document.querySelector(arguments[0]).scrollIntoView()", "args": [css]])
    }

    func screenshot(to file: URL) async throws {
        guard let base64 = try await command("screenshot", method: "GET") as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot")
        }
        try data.write(to: file)
    }

    // MARK: the protocol

    private func element(_ css: String) async throws -> String {
        let found = try await command("element", body: ["using": "css selector", "value": css])
        guard let id = (found as? [String: Any])?[Self.elementKey] as? String else {
            throw Failure(description: "no element \(css) on \(try await currentURL)")
        }
        return id
    }

    private func command(_ path: String, method: String = "POST", body: [String: Any]? = nil) async throws -> Any? {
        if ProcessInfo.processInfo.environment["TITLEBRIDGE_WEBDRIVER_TRACE"] != nil {
            FileHandle.standardError.write(Data("webdriver \(method) \(path)\n".utf8))
        }
        return try await Self.call(client, endpoint + "/session/\(session)/" + path, method: method, body: method == "GET" ? nil : (body ?? [:]))
    }

    private static func call(_ client: any Client, _ address: String, method: String, body: [String: Any]?) async throws -> Any? {
        var headers = HTTPHeaders()
        var buffer: ByteBuffer?
        if let body {
            headers.contentType = .json
            buffer = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
        }
        let request = ClientRequest(method: HTTPMethod(rawValue: method), url: URI(string: address), headers: headers, body: buffer,
                                    timeout: .seconds(180))
        let response = try await client.send(request)
        let data = response.body.map { Data(buffer: $0) } ?? Data()
        let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        if response.status.code >= 400 {
            let error = (json?["value"] as? [String: Any]).map { "\($0["error"] ?? ""): \($0["message"] ?? "")" } ?? ""
            throw Failure(description: "WebDriver \(method) \(address) answered \(response.status.code) \(error.prefix(300))")
        }
        return json?["value"] as Any?
    }

    private static func xpathLiteral(_ text: String) -> String {
        text.contains("'") ? "\"\(text)\"" : "'\(text)'"
    }
}
