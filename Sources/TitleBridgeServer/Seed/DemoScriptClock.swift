import Foundation
import NIOConcurrencyHelpers
import TitleBridgeCore

/// The clock the demo script is replayed by: set to each step's instant before the step runs,
/// so every row the real procedure writes (audit, history, messages, numbers and their years)
/// carries the time the script gives the step, not the time the seed happened to run.
final class DemoScriptClock: WallClock {
    private let instant: NIOLockedValueBox<Date>

    init(_ start: Date) { instant = NIOLockedValueBox(start) }

    func now() -> Date { instant.withLockedValue { $0 } }

    func set(_ date: Date) { instant.withLockedValue { $0 = date } }
}
