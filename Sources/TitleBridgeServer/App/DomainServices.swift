import TitleBridgeCore
import Vapor

/// The domain data and injected dependencies the server works with, loaded and checked once
/// at start-up so a broken data file stops the server before it serves anything.
public struct DomainServices: Sendable {
    public let clock: any WallClock
    public let policies: [String: BatchPolicy]
    public let calendar: WorkingDayCalendar
    public let catalogues: [CertificateCatalogue]

    public init(clock: any WallClock, policies: [String: BatchPolicy],
                calendar: WorkingDayCalendar, catalogues: [CertificateCatalogue]) {
        self.clock = clock
        self.policies = policies
        self.calendar = calendar
        self.catalogues = catalogues
    }

    /// The data files shipped with TitleBridge, with the given clock.
    public static func bundled(clock: any WallClock = SystemClock()) throws -> DomainServices {
        DomainServices(clock: clock,
                 policies: try BatchPolicy.bundled(),
                 calendar: try WorkingDayCalendar.bundled(),
                 catalogues: try CertificateCatalogue.bundled())
    }

    public func policy(_ id: String) -> BatchPolicy? { policies[id] }

    /// The batch the service runs now.
    public var currentPolicy: BatchPolicy {
        get throws {
            guard let policy = policies[BatchPolicy.currentBatchID] else {
                throw ConfigError("no policy file for the current batch \(BatchPolicy.currentBatchID)")
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
