import TitleBridgeCore

// Eligibility evaluations per second on one core (one thread), over a mix of profiles that
// exercises every clause: passes, failures, reviews, overlapping and open periods.
//   swift run -c release eligibility-benchmark [evaluations]

func day(_ iso: String) -> LocalDate {
    guard let date = LocalDate(iso: iso) else { fatalError("bad date \(iso)") }
    return date
}

guard let policy = try BatchPolicy.bundled()["shanghai-2024-batch2"] else { fatalError("no policy of the second batch") }
let engine = EligibilityEngine(policy: policy)
let signed = ApplicantProfile.Attestations(lawAbiding: true, professionalEthics: true, dutiesFulfilled: true)
let profiles: [ApplicantProfile] = [
    ApplicantProfile(target: .init(series: .engineering, level: .associateSenior), employer: .init(kind: .enterprise), currentTitle: nil,
                     certificate: .init(field: .informationTechnology, titleSeries: .engineering, verifiedOn: day("2024-08-20")),
                     education: [.init(degree: .bachelor, discipline: .engineering, awardedOn: day("2010-06-30"))],
                     work: [.init(from: day("2010-07-01"), to: day("2016-12-31"), inShanghai: false, related: true),
                            .init(from: day("2016-06-01"), to: nil, inShanghai: true, related: true)],
                     attestations: signed),
    ApplicantProfile(target: .init(series: .engineering, level: .intermediate), employer: .init(kind: .publicInstitution),
                     currentTitle: .init(series: .engineering, level: .junior),
                     certificate: .init(field: .biomedicine, titleSeries: .engineering, verifiedOn: day("2024-08-31")),
                     education: [.init(degree: .master, discipline: .medicine, awardedOn: day("2021-06-30")),
                                 .init(degree: .bachelor, discipline: .science, awardedOn: day("2018-06-30"))],
                     work: [.init(from: day("2021-07-01"), to: nil, inShanghai: true, related: true)],
                     attestations: signed),
    ApplicantProfile(target: .init(series: .accounting, level: .associateSenior), employer: .init(kind: .enterprise), currentTitle: nil,
                     certificate: .init(field: .financeManagement, titleSeries: .accounting, verifiedOn: day("2024-09-01")),
                     education: [.init(degree: .master, discipline: .management, awardedOn: day("2015-06-30"))],
                     work: [.init(from: day("2015-07-01"), to: day("2019-12-31"), inShanghai: false, related: true),
                            .init(from: day("2020-01-01"), to: day("2023-06-30"), inShanghai: true, related: true),
                            .init(from: day("2023-07-01"), to: nil, inShanghai: true, related: false)],
                     attestations: signed),
    ApplicantProfile(target: .init(series: .economics, level: .intermediate), employer: .init(kind: .enterprise), currentTitle: nil,
                     certificate: .init(field: .financeManagement, titleSeries: .economics, verifiedOn: nil),
                     education: [.init(degree: .bachelor, discipline: .economics, awardedOn: day("2019-06-30"))],
                     work: [.init(from: day("2019-07-01"), to: nil, inShanghai: false, related: true)],
                     attestations: .init(lawAbiding: true, professionalEthics: false, dutiesFulfilled: true)),
]

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 4_000_000
var failing = 0
// Warm up, then measure.
for index in 0..<10_000 { failing &+= engine.evaluate(profiles[index & 3]).eligible ? 0 : 1 }
let clock = ContinuousClock()
let start = clock.now
for index in 0..<count {
    let report = engine.evaluate(profiles[index & 3])
    failing &+= report.eligible ? 0 : 1
}
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let rate = Double(count) / seconds
print("eligibility evaluations: \(count) in \(String(format: "%.3f", seconds)) s = \(Int(rate)) per second on one core (\(failing) not eligible)")
