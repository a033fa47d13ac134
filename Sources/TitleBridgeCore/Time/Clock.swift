import Foundation

/// The source of "now". Injected everywhere a rule looks at the time, so tests can pin it
/// to the days of a batch.
public protocol WallClock: Sendable {
    func now() -> Date
}

extension WallClock {
    /// Today in Asia/Shanghai.
    public func today() -> LocalDate { ShanghaiTime.date(of: now()) }
}

public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that always answers the same instant.
public struct FixedClock: WallClock {
    public let instant: Date
    public init(_ instant: Date) { self.instant = instant }
    /// Noon in Shanghai on `day`.
    public init(shanghai day: LocalDate, hour: Int = 12) {
        self.instant = ShanghaiTime.startOfDay(day).addingTimeInterval(TimeInterval(hour * 3600))
    }
    public func now() -> Date { instant }
}
