import ArgumentParser
import TitleBridgeCore
import TitleBridgeServer
import Vapor

/// `titlebridge serve`: migrate, seed, and answer HTTP until stopped.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the web server (creates, migrates and seeds the database first).")

    @ArgumentParser.Option(help: "Address to listen on (default: 127.0.0.1).")
    var hostname: String?

    @ArgumentParser.Option(help: "Port to listen on (default: 8080).")
    var port: Int?

    @OptionGroup var storage: StorageOptions

    @OptionGroup var clock: ClockOptions

    @ArgumentParser.Flag(name: .customLong("no-demo"), help: "Never create demo data.")
    var noDemo = false

    func validate() throws {
        if let port, !(1...65535).contains(port) {
            throw ValidationError("--port must be between 1 and 65535")
        }
    }

    func run() async throws {
        let config = try AppConfig.fromEnvironment(
            hostname: hostname, port: port, dataDirectory: storage.dataDirectory, demoData: !noDemo, clock: clock.start)
        LogSetup.bootstrap(config)
        try await withApplication(config, arguments: ["titlebridge", "serve"]) { app in
            let report = try await prepareDatabase(app, demo: config.demoData)
            app.logger.info("database ready", metadata: [
                "storage": "\(config.storageDescription)", "new": "\(report.wasNew)", "demo": "\(report.demoSeeded)",
            ])
            // Written straight to the file handle: `print` would sit in a buffer when stdout is
            // a pipe (a service manager, a log collector) until the server stops.
            FileHandle.standardOutput.write(Data((Banner.text(config: config, demoLogins: report.demoLogins) + "\n").utf8))
            // The server and its scheduled jobs until SIGTERM; the jobs are safe to run on every instance.
            try await ServerLifecycle.run(app)
        }
    }
}

/// What `serve` prints once the database is ready: where to go and how to sign in. Demo
/// logins are printed only when their accounts are there (`DatabaseReport.demoLogins`).
enum Banner {
    static func text(config: AppConfig, demoLogins: [DemoLogin]) -> String {
        let host = config.hostname == "0.0.0.0" ? "127.0.0.1" : config.hostname
        var lines = [
            "",
            "TitleBridge 职称考核认定服务",
            "  URL:      http://\(host):\(config.port)/",
            "  English:  http://\(host):\(config.port)/?lang=en",
            "  Database: \(config.storageDescription)",
        ]
        if !demoLogins.isEmpty {
            lines.append("  演示账号 / demo logins (password: \(DemoSeed.password)):")
            for login in demoLogins { lines.append("    \(login.username)  (\(login.role))") }
        } else if config.demoData {
            lines.append("  无演示数据（数据库中已有账户）/ no demo data (the database already has accounts)")
        }
        if let start = config.clockStart {
            lines.append("  演练时钟 / rehearsal clock: \(ShanghaiTime.clockText(start)) 北京时间 / Beijing time, running on")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
