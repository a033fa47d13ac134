import TitleBridgeCore
import Vapor

/// The domain data and injected dependencies the server works with, loaded and checked once
/// at start-up so a broken data file stops the server before it serves anything.
public struct DomainServices: Sendable {
    public let clock: any WallClock
    public let calendar: WorkingDayCalendar
    public let catalogues: [CertificateCatalogue]
    /// The batches and the current one, shared by every copy of these services.
    public let batches: BatchRegistry

    public var policies: [String: BatchPolicy] { batches.policies }
    /// The batch the service runs now (`TITLEBRIDGE_BATCH`, or else the one an administrator
    /// chose last, or else the batch whose window opens last): data, so the next batch is a
    /// policy file or the administration's form, not a build.
    public var currentBatchID: String { batches.currentID }

    /// Checks every policy against the calendar and picks the current batch; a policy whose
    /// dates do not fit, or a named batch with no policy, stops the start.
    public init(clock: any WallClock, policies: [String: BatchPolicy],
                calendar: WorkingDayCalendar, catalogues: [CertificateCatalogue], currentBatch: String? = nil) throws {
        for policy in policies.values.sorted(by: { $0.id < $1.id }) {
            try policy.validate(against: calendar, file: policy.id + ".json")
        }
        let codes = Dictionary(grouping: policies.values, by: \.acceptanceBatchCode).filter { $0.value.count > 1 }
        if let (code, clash) = codes.first {
            throw DataFileError(file: clash.map { $0.id + ".json" }.sorted().joined(separator: ", "), key: "acceptanceBatchCode",
                                problem: "“\(code)” is used by more than one batch")
        }
        let latest = policies.values.max { ($0.dates.submissionOpens.value, $0.id) < ($1.dates.submissionOpens.value, $1.id) }
        guard let id = currentBatch ?? latest?.id else { throw ConfigError("no batch policy is loaded") }
        guard policies[id] != nil else {
            throw ConfigError("TITLEBRIDGE_BATCH names “\(id)”, but no policy file has that id (loaded: \(policies.keys.sorted().joined(separator: ", ")))")
        }
        self.clock = clock
        self.calendar = calendar
        self.catalogues = catalogues
        self.batches = BatchRegistry(policies: policies, currentID: id, pinned: currentBatch != nil)
    }

    /// The data files shipped with TitleBridge, with the policy files of `policyFolder` added
    /// (a file there with a shipped id replaces the shipped one).
    public static func bundled(clock: any WallClock = SystemClock(), policyFolder: URL? = nil,
                               currentBatch: String? = nil) throws -> DomainServices {
        var policies = try BatchPolicy.bundled()
        if let policyFolder { policies.merge(try BatchPolicy.load(folder: policyFolder)) { _, added in added } }
        return try DomainServices(clock: clock, policies: policies, calendar: try WorkingDayCalendar.bundled(),
                                  catalogues: try CertificateCatalogue.bundled(), currentBatch: currentBatch)
    }

    /// What `config` asks for: its clock (a rehearsal's, or the real one), its policy folder
    /// and its current batch.
    public static func load(_ config: AppConfig) throws -> DomainServices {
        let clock: any WallClock = config.clockStart.map { RehearsalClock(startingAt: $0) } ?? SystemClock()
        return try bundled(clock: clock, policyFolder: config.policyFolder.map { URL(fileURLWithPath: $0, isDirectory: true) },
                           currentBatch: config.currentBatch)
    }

    /// The same data with another clock: the demo seed replays its dated steps with it.
    public func with(clock: any WallClock) -> DomainServices {
        DomainServices(checked: self, clock: clock)
    }

    private init(checked other: DomainServices, clock: any WallClock) {
        self.clock = clock
        calendar = other.calendar
        catalogues = other.catalogues
        batches = other.batches
    }

    public func policy(_ id: String) -> BatchPolicy? { policies[id] }

    /// The batch the service runs now.
    public var currentPolicy: BatchPolicy {
        get throws {
            guard let policy = policies[currentBatchID] else {
                throw ConfigError("no policy file for the current batch \(currentBatchID)")
            }
            return policy
        }
    }
}

extension Application {
    private struct DomainKey: StorageKey {
        typealias Value = DomainServices
    }

    public var domain: DomainServices {
        get {
            guard let services = storage[DomainKey.self] else {
                fatalError("configure(_:config:services:) sets the domain services before any route runs")
            }
            return services
        }
        set { storage[DomainKey.self] = newValue }
    }
}

extension Request {
    public var domain: DomainServices { application.domain }
}
