import Foundation

/// One year of China's public holidays and adjusted working days (调休), as published by the
/// General Office of the State Council (国务院办公厅) in its yearly notice.
public struct HolidayYear: Codable, Sendable, Equatable {
    public struct Source: Codable, Sendable, Equatable {
        public let title: String
        /// 文号 of the notice, when known.
        public let document: String?
        public let issuedOn: LocalDate
    }

    public struct Holiday: Codable, Sendable, Equatable {
        public let name: LocalizedText
        public let from: LocalDate
        public let to: LocalDate
    }

    public let year: Int
    public let source: Source
    /// 放假 periods, whole days, weekends inside them included.
    public let holidays: [Holiday]
    /// 调休上班: weekend days that are working days.
    public let adjustedWorkingDays: [LocalDate]

    /// Loads and checks one year file.
    public static func load(from url: URL) throws -> HolidayYear {
        let file = url.lastPathComponent
        let year = try DataFileError.load(HolidayYear.self, from: url)
        try year.validate(file: file)
        return year
    }

    func validate(file: String) throws {
        for (index, holiday) in holidays.enumerated() {
            let key = "holidays[\(index)]"
            guard holiday.from <= holiday.to else {
                throw DataFileError(file: file, key: key, problem: "from \(holiday.from) is after to \(holiday.to)")
            }
            guard holiday.from.year == year, holiday.to.year == year else {
                throw DataFileError(file: file, key: key, problem: "lies outside the year \(year)")
            }
        }
        for (index, day) in adjustedWorkingDays.enumerated() {
            let key = "adjustedWorkingDays[\(index)]"
            guard day.year == year else {
                throw DataFileError(file: file, key: key, problem: "\(day) lies outside the year \(year)")
            }
            guard day.isWeekend else {
                throw DataFileError(file: file, key: key, problem: "\(day) is a weekday; only a weekend day can be an adjusted working day")
            }
            if holidays.contains(where: { $0.from <= day && day <= $0.to }) {
                throw DataFileError(file: file, key: key, problem: "\(day) is also listed as a holiday")
            }
        }
    }
}
