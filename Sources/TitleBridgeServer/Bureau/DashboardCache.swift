import Foundation
import NIOConcurrencyHelpers
import TitleBridgeCore
import Vapor

/// The dashboard's figures, counted at most once a minute for a batch and day, and once for all
/// who ask at the same moment. Counting a batch of a hundred thousand files takes a few hundred
/// milliseconds (Benchmarks/README.md); on the last days of a window the bureau's staff keep the
/// page open and reload it, and each reload would count again while applicants wait. The page
/// says when its figures were counted.
final class DashboardCache: Sendable {
    /// How long a count is shown before the next request counts again.
    static let freshFor: TimeInterval = 60

    private struct Entry: Sendable {
        let key: String
        let countedAt: Date
        let counting: Task<DashboardFigures, any Error>
    }

    private let latest = NIOLockedValueBox<Entry?>(nil)

    /// The figures for `batch` on `today` and when they were counted: the last count while it is
    /// fresh, else a new one (which those asking meanwhile wait for too).
    func figures(batch: String, today: LocalDate, now: Date,
                 count: @escaping @Sendable () async throws -> DashboardFigures) async throws -> (figures: DashboardFigures, countedAt: Date) {
        let key = batch + " " + today.iso
        let entry = latest.withLockedValue { latest in
            // A clock set back (a rehearsal moved to an earlier instant) counts anew.
            if let entry = latest, entry.key == key, entry.countedAt <= now, now.timeIntervalSince(entry.countedAt) < Self.freshFor {
                return entry
            }
            let entry = Entry(key: key, countedAt: now, counting: Task { try await count() })
            latest = entry
            return entry
        }
        do {
            return (try await entry.counting.value, entry.countedAt)
        } catch {
            // A failed count is not kept: the next request tries again.
            latest.withLockedValue { latest in
                if latest?.key == entry.key, latest?.countedAt == entry.countedAt { latest = nil }
            }
            throw error
        }
    }
}

extension Application {
    private struct DashboardCacheKey: StorageKey {
        typealias Value = DashboardCache
    }

    var dashboardCache: DashboardCache {
        get {
            guard let cache = storage[DashboardCacheKey.self] else {
                fatalError("configure(_:config:services:) sets the dashboard cache before any route runs")
            }
            return cache
        }
        set { storage[DashboardCacheKey.self] = newValue }
    }
}
