import Foundation
import TitleBridgeCore

/// What one step of the demo does. Every case goes through the desk a person would use, as
/// the person the procedure names for it (the thread's applicant, the employer of its unit,
/// the supervising department, the verifier or the bureau), so the rows it leaves — history,
/// audit, messages, numbers — are exactly the ones the procedure leaves. No stage is written
/// by hand.
enum DemoAction {
    /// The demo's certificate items for the fields the bundled list lacks (`DemoCatalogue`).
    case addDemoCertificateItems
    /// The holder asks for the certificate's verification (证书查验), with a scan of it.
    case requestVerification(DemoCertificate)
    /// verifier1 passes the holder's open request.
    case passVerification
    /// bureau1 loads the verification platform's result for the holder, who is found by ID
    /// number and name.
    case loadPlatformResult(number: String, passedOn: String, certificate: DemoCertificate, idNumber: String)
    case openFile
    /// The applicant saves these steps of the form, one after the other.
    case save([ApplicationStep])
    /// The applicant's proofs of degree, work and certificate.
    case uploadProofs
    /// One more upload: the applicant's (the signed commitment, a corrected proof) or, for the
    /// stamped unit opinion, the employer's. `note` says what this copy is.
    case upload(UploadKind, note: String)
    case submit
    case returnToApplicant(reason: String)
    case approve(remarks: String?)
    case confirmPost
    case publicity(startsOn: String, place: String)
    case publicityOutcome(DemoOutcome)
    case report
    case requestSupplement(due: String, flags: [DemoFlag])
    case resubmit
    case accept
    case notAccept(reason: String)
    case withdraw(reason: String)
    case schedulePaper(day: String, from: String, until: String, place: String)
    case receivePaper
    case appoint(DemoAppointee)
    /// secretary1 sets up an interview session (面谈答辩) of a field with a panel of experts.
    case createSession(DemoSession)
    /// secretary1 places the thread's file on the session held at `place`.
    case placeOnSession(place: String)
    /// An expert of the panel declares a conflict and stands aside (回避).
    case recuse(expert: String, reason: String)
    /// secretary1 records that the interview took place; the panel's experts not named absent
    /// and not recused were present.
    case recordInterview(absent: [String])
    /// An expert's opinion on the four points (the demo's wording for the recommendation), then
    /// the expert's secret ballot.
    case judge(expert: String, recommend: ExpertOpinion.Recommendation, ballot: BallotChoice)
    /// secretary1 closes the vote with the committee's opinion.
    case closeVote(opinion: String)
    /// bureau1 publishes everyone who passed on a result list from `startsOn` (结果公示).
    case publishResults(startsOn: String)
    /// Someone objects to the thread's holder on the result list.
    case object(name: String, contact: String, reasons: String)
    /// bureau1 rules on the open objection to the thread's holder.
    case ruleObjection(ObjectionOutcome, reason: String)
    /// bureau1 issues the certificates of every file whose publicity ended with none open.
    case issueCertificates(documentNumber: String)
    /// bureau1 revokes the thread's holder's certificate.
    case revokeCertificate(reason: String)
    /// 逾期未补正: the scheduled job that withdraws overdue supplements, run at the instant it
    /// would first have found the file overdue.
    case supplementDeadlines
}

/// 公示结果 as the employer records it: no objection, or the objections and how they were settled.
struct DemoOutcome {
    var objections: String?
    var findings: String?
    var decision: String?

    static let noObjection = DemoOutcome()
}

/// An interview session as the secretary's form takes it.
struct DemoSession {
    let field: CertificateField
    let day: String
    let from: String
    let until: String
    let place: String
    var videoLink: String? = nil
    let panel: [String]
}

/// An item of the acceptance checklist the bureau flags in a supplement request.
struct DemoFlag {
    /// The checklist item's key, e.g. `upload:degree`.
    let item: String
    let verdict: ItemVerdict
    let note: String
}

/// A dated step: a Shanghai wall time (`2024-09-06 09:12`) and what happens then.
struct DemoStep {
    let at: String
    let action: DemoAction

    init(_ at: String, _ action: DemoAction) {
        self.at = at
        self.action = action
    }
}

/// One strand of the demo: a holder's verification and file, a unit's appointment, the bureau's
/// paper desk. Threads are replayed together in the order of their steps' instants.
struct DemoThread {
    /// What shows the thread was replayed before, so seeding twice adds nothing.
    enum Key {
        /// The account's verification or file exists (and the account is the demo's own).
        case account(String)
        case catalogue
        case paperSchedule
        case appointment(unit: String, person: String)
        /// A session of the batch held at this place exists.
        case session(place: String)
        /// A result list of the batch exists.
        case results
    }

    let key: Key
    /// The holder whose file the steps fill in, for the steps that need its data.
    var applicant: DemoApplicant?
    let steps: [DemoStep]
}

/// A demo script that cannot be replayed: a date that is not one, steps out of order, a step
/// whose thread lacks what it needs. Says which, so the script can be mended.
struct DemoScriptError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}

enum DemoScript {
    /// The batch the script's dates belong to; for another current batch only accounts are seeded.
    static let batchID = "shanghai-2024-batch2"

    /// When the demo's organisations and accounts come into being: before the first step.
    static let accountsCreated = "2024-08-01 09:00"

    /// The instant of a Shanghai wall time `YYYY-MM-DD HH:MM`.
    static func instant(_ text: String) throws -> Date {
        guard let instant = RehearsalClock.instant(from: text) else {
            throw DemoScriptError("“\(text)” is not a Shanghai wall time YYYY-MM-DD HH:MM")
        }
        return instant
    }

    /// A day of the script (`2024-09-27`).
    static func day(_ text: String) throws -> LocalDate {
        guard let day = LocalDate(iso: text) else { throw DemoScriptError("“\(text)” is not a day YYYY-MM-DD") }
        return day
    }
}
