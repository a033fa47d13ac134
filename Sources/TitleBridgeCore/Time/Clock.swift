import Foundation

/// The source of "now". Injected everywhere a rule looks at the time, so tests can pin it
/// to the days of a batch.
public protocol WallClock: Sendable {
    func now() -> Date
    /// The simulated instant a rehearsal started at; nil for a clock that tells the real time
    /// (or a test's pinned time, which no person sees).
    var rehearsalStart: Date? { get }
}

extension WallClock {
    /// Today in Asia/Shanghai.
    public func today() -> LocalDate { ShanghaiTime.date(of: now()) }

    public var rehearsalStart: Date? { nil }
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

/// 演练时钟 — rehearsal clock: starts at a chosen instant of a batch and runs forward in real
/// time from there, so a newcomer can walk a window that closed years ago, day by day, by
/// restarting at later instants. Everything that acts on time (deadlines, numbers' years,
/// audit rows) sees the simulated instant; pages say so in a banner.
public struct RehearsalClock: WallClock {
    public let start: Date
    /// The real instant the simulated `start` corresponds to.
    public let realStart: Date

    public init(startingAt start: Date, realNow: Date = Date()) {
        self.start = start
        self.realStart = realNow
    }

    public func now() -> Date { start.addingTimeInterval(Date().timeIntervalSince(realStart)) }

    public var rehearsalStart: Date? { start }

    /// Reads `2024-09-10T09:00:00+08:00` (any offset, or `Z`), or a wall time without an
    /// offset (`2024-09-10T09:00`, `2024-09-10 09:00:00`, `2024-09-10`), which is read as
    /// Shanghai time — the time the notice speaks in. Nil when the text is none of these.
    public static func instant(from text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withOffset = ISO8601DateFormatter()
        withOffset.formatOptions = [.withInternetDateTime]
        if let date = withOffset.date(from: trimmed) { return date }
        let parts = trimmed.split(whereSeparator: { $0 == "T" || $0 == " " }).map(String.init)
        guard (1...2).contains(parts.count), let day = LocalDate(iso: parts[0]) else { return nil }
        var seconds = 0
        if parts.count == 2 {
            let fields = parts[1].split(separator: ":").map { Int($0) }
            guard (2...3).contains(fields.count), let hour = fields[0], let minute = fields[1],
                  (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
            let second = fields.count == 3 ? fields[2] : 0
            guard let second, (0..<60).contains(second) else { return nil }
            seconds = hour * 3600 + minute * 60 + second
        }
        return ShanghaiTime.startOfDay(day).addingTimeInterval(TimeInterval(seconds))
    }
}
