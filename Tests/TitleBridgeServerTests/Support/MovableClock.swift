import Foundation
import NIOConcurrencyHelpers
import TitleBridgeCore

/// A clock a test moves forward, for lock-outs and expiries.
final class MovableClock: WallClock {
    private let instant: NIOLockedValueBox<Date>

    init(_ start: FixedClock) { instant = NIOLockedValueBox(start.now()) }

    func now() -> Date { instant.withLockedValue { $0 } }

    /// Sets the clock to a Shanghai wall time, e.g. `set("2024-09-19", 23, 59, 59)`.
    func set(_ day: String, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) {
        guard let date = LocalDate(iso: day) else { return }
        let instant = ShanghaiTime.startOfDay(date).addingTimeInterval(Double(hour * 3600 + minute * 60 + second))
        self.instant.withLockedValue { $0 = instant }
    }

    func advance(minutes: Double) {
        instant.withLockedValue { $0 = $0.addingTimeInterval(minutes * 60) }
    }
}
