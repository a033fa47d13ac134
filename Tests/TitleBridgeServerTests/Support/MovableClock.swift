import Foundation
import NIOConcurrencyHelpers
import TitleBridgeCore

/// A clock a test moves forward, for lock-outs and expiries.
final class MovableClock: WallClock {
    private let instant: NIOLockedValueBox<Date>

    init(_ start: FixedClock) { instant = NIOLockedValueBox(start.now()) }

    func now() -> Date { instant.withLockedValue { $0 } }

    func advance(minutes: Double) {
        instant.withLockedValue { $0 = $0.addingTimeInterval(minutes * 60) }
    }
}
