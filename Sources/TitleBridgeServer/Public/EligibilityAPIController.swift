import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// `/api/v1` for the rules: eligibility self-check and the working-day calendar. Stateless:
/// nothing is stored, so no sign-in is needed (except to name a certificate by its own
/// verification number).
struct EligibilityAPIController: RouteCollection {
    struct ClauseBody: Content {
        let id: String
        let citation: String
        let outcome: ClauseOutcome
        let message: LocalizedText
    }

    struct ReportBody: Content {
        let eligible: Bool
        let needsReview: Bool
        let clauses: [ClauseBody]

        init(eligible: Bool, needsReview: Bool, clauses: [ClauseBody]) {
            self.eligible = eligible
            self.needsReview = needsReview
            self.clauses = clauses
        }

        init(_ report: EligibilityReport) {
            self.init(eligible: report.eligible, needsReview: report.needsReview, clauses: report.clauses.map {
                ClauseBody(id: $0.id.rawValue, citation: $0.citation, outcome: $0.outcome, message: $0.message)
            })
        }
    }

    struct WorkingDaysBody: Content {
        let start: LocalDate
        let count: Int
        let end: LocalDate
        let provisional: Bool?
    }

    struct LatestStartBody: Content {
        let end: LocalDate
        let count: Int
        let latestStart: LocalDate
        let provisional: Bool?
    }

    /// The longest period the calendar endpoints count: a year of working days.
    static let maximumCount = 366

    func boot(routes: any RoutesBuilder) throws {
        routes.on(SiteURL.apiEligibilityCheck, use: check)
        routes.on(SiteURL.apiWorkingDays, use: workingDays)
        routes.on(SiteURL.apiLatestStart, use: latestStart)
    }

    @Sendable
    func check(_ request: Request) async throws -> ReportBody {
        let profile: ApplicantProfile
        do {
            let body = try await Self.resolvingVerification(Data(buffer: request.body.data ?? ByteBuffer()), request: request)
            profile = try JSONDecoder().decode(ApplicantProfile.self, from: body)
        } catch let error as DecodingError {
            throw APIProblem.decoding(error)
        }
        let report = try Self.evaluate(profile, services: request.domain)
        return ReportBody(report)
    }

    /// A profile may name its certificate by 查验编号 (`certificate.verificationNumber`) instead
    /// of describing it: the server then fills in the item's field and title series and the day
    /// it passed, from its own records, for a caller allowed to see that verification.
    static func resolvingVerification(_ body: Data, request: Request) async throws -> Data {
        guard var object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
              var certificate = object["certificate"] as? [String: Any],
              let number = (certificate["verificationNumber"] as? String)?.trimmingCharacters(in: .whitespaces).uppercased(),
              !number.isEmpty else { return body }
        let unknown = APIProblem.badInput(code: "verification_unknown", field: "certificate.verificationNumber", LocalizedText(
            zh: "查验编号不存在、未通过查验，或不属于当前登录的账户。",
            en: "The verification number is unknown, did not pass, or does not belong to the signed-in account."))
        guard let principal = request.principal,
              let record = try await VerificationRecord.query(on: request.db).filter(\.$verificationNumber == number).first(),
              record.verificationStatus == .passed,
              RecordAccess.mayView(verificationOf: record.applicantID, actor: principal.actor),
              let item = try await CertificateItemRecord.find(record.certificateItemID, on: request.db) else { throw unknown }
        certificate["field"] = item.field
        certificate["titleSeries"] = item.titleSeries
        certificate["verifiedOn"] = record.passedOn
        certificate["verificationNumber"] = nil
        object["certificate"] = certificate
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Validates `profile` and runs the engine of its batch (the current one when unnamed).
    static func evaluate(_ profile: ApplicantProfile, services: DomainServices) throws -> EligibilityReport {
        do {
            try profile.validate()
        } catch {
            throw APIProblem.badInput(code: error.code, field: error.field, error.message)
        }
        guard let policy = services.policy(profile.batch ?? services.currentBatchID) else {
            throw APIProblem.badInput(code: "unknown_batch", field: "batch", LocalizedText(
                zh: "没有名为 \(profile.batch ?? "") 的批次。", en: "There is no batch called \(profile.batch ?? "")."))
        }
        return EligibilityEngine(policy: policy).evaluate(profile)
    }

    @Sendable
    func workingDays(_ request: Request) async throws -> WorkingDaysBody {
        let start = try Self.date(request, "start"), count = try Self.count(request)
        let answer = request.domain.calendar.nthWorkingDay(from: start, count: count)
        return WorkingDaysBody(start: start, count: count, end: answer.value, provisional: answer.provisional ? true : nil)
    }

    @Sendable
    func latestStart(_ request: Request) async throws -> LatestStartBody {
        let end = try Self.date(request, "end"), count = try Self.count(request)
        let answer = request.domain.calendar.latestStart(endingBy: end, count: count)
        return LatestStartBody(end: end, count: count, latestStart: answer.value, provisional: answer.provisional ? true : nil)
    }

    static func date(_ request: Request, _ name: String) throws -> LocalDate {
        guard let text = request.query[String.self, at: name], let date = LocalDate(iso: text) else {
            throw APIProblem.badInput(code: "invalid_date", field: name, LocalizedText(
                zh: "\(name) 须为 YYYY-MM-DD 格式的日期。", en: "\(name) must be a date of the form YYYY-MM-DD."))
        }
        return date
    }

    static func count(_ request: Request) throws -> Int {
        guard let text = request.query[String.self, at: "count"], let count = Int(text), (1...maximumCount).contains(count) else {
            throw APIProblem.badInput(code: "invalid_count", field: "count", LocalizedText(
                zh: "count 须为 1 至 \(maximumCount) 的整数。", en: "count must be a whole number from 1 to \(maximumCount)."))
        }
        return count
    }
}
