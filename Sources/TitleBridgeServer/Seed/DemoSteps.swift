import Fluent
import Foundation
import TitleBridgeCore
import Vapor

/// What each step of the demo script does, at the desk a person would use.
extension DemoReplay {
    func perform(_ action: DemoAction, in thread: DemoThread, policy: BatchPolicy) async throws {
        switch action {
        case .addDemoCertificateItems:
            try await DemoCatalogue.add(on: app, policy: policy, by: .system(DemoSeed.actorName))
        case .requestVerification(let certificate):
            try await requestVerification(certificate, by: try await holderAccount(in: thread))
        case .passVerification:
            let holder = try await holderAccount(in: thread)
            guard let open = try await VerificationRecord.query(on: app.db).filter(\.$applicantID == holder.userID)
                .filter(\.$status == VerificationStatus.submitted.rawValue).first() else {
                throw DemoScriptError("\(holder.username) has no verification to pass")
            }
            try await VerificationDesk(app: app).decide(open, passed: true, reason: nil, by: try await principal("verifier1"))
        case .loadPlatformResult(let number, let passedOn, let certificate, let idNumber):
            let row = [number, certificate.code, certificate.number, certificate.holder, idNumber, passedOn].joined(separator: ",")
            let table = VerificationResultsTable.columns.joined(separator: ",") + "\n" + row + "\n"
            let loaded = try await VerificationDesk(app: app).importResults(Data(table.utf8), by: try await principal("bureau1").auditActor)
            guard loaded.linked == 1 else { throw DemoScriptError("the platform result \(number) found no holder") }
        case .openFile:
            _ = try await desk.open(for: try await holderAccount(in: thread))
        case .save(let steps):
            let holder = try await holderAccount(in: thread), applicant = try applicantData(in: thread)
            for step in steps {
                let record = try await file(of: holder, policy: policy)
                try await desk.save(step, try await input(step, of: applicant, holder: holder, version: record.version, policy: policy),
                                    to: record, by: holder)
            }
        case .uploadProofs:
            let holder = try await holderAccount(in: thread), applicant = try applicantData(in: thread)
            let record = try await file(of: holder, policy: policy)
            for kind in SubmissionProofs.required {
                _ = try await desk.attach(kind, data: try await document(kind, of: applicant, record: record, note: "原件扫描"),
                                         name: kind.rawValue + ".pdf", to: record, by: holder)
            }
        case .upload(let kind, let note):
            let holder = try await holderAccount(in: thread), applicant = try applicantData(in: thread)
            let record = try await file(of: holder, policy: policy)
            // The stamped opinion is the unit's to upload; everything else the holder's.
            var uploader = holder
            if kind == .unitOpinion { uploader = try await employerAccount(of: applicant).0 }
            _ = try await desk.attach(kind, data: try await document(kind, of: applicant, record: record, note: note),
                                     name: kind.rawValue + ".pdf", to: record, by: uploader)
        case .submit, .report, .resubmit:
            let holder = try await holderAccount(in: thread)
            let event: StageEvent = switch action {
            case .report: .report
            case .resubmit: .resubmit
            default: .submit
            }
            try await move(try await file(of: holder, policy: policy), event, by: holder)
        case .withdraw(let reason):
            let holder = try await holderAccount(in: thread)
            try await move(try await file(of: holder, policy: policy), .withdraw, reason: reason, by: holder)
        case .returnToApplicant(let reason):
            let (employer, _) = try await employerAccount(of: try applicantData(in: thread))
            try await move(try await file(of: try await holderAccount(in: thread), policy: policy), .returnToApplicant, reason: reason, by: employer)
        case .approve(let remarks):
            let (employer, signs) = try await employerAccount(of: try applicantData(in: thread))
            let opinion = UnitOpinion(dutiesPerformed: true, materialsTrue: true, agrees: true, reviewer: signs, reviewedOn: clock.today(),
                                      remarks: remarks)
            try await move(try await file(of: try await holderAccount(in: thread), policy: policy), .approve, statement: .opinion(opinion), by: employer)
        case .confirmPost:
            let post = PostConfirmation(withinQuota: true, consentsOneLevelUp: true, reviewer: DemoSeed.supervisor.signs)
            try await move(try await file(of: try await holderAccount(in: thread), policy: policy), .confirmPost, statement: .post(post),
                           by: try await principal(DemoSeed.supervisor.username))
        case .publicity(let startsOn, let place):
            let applicant = try applicantData(in: thread)
            let (employer, _) = try await employerAccount(of: applicant)
            let notice = DemoDocuments.publicityNotice(of: applicant, unitName: DemoSummaries.unitName(of: applicant), startsOn: startsOn,
                                                       place: place)
            _ = try await desk.recordPublicity(try await file(of: try await holderAccount(in: thread), policy: policy), startsOn: startsOn,
                                               place: place, evidence: notice, evidenceName: "publicity-notice.pdf", by: employer)
        case .publicityOutcome(let outcome):
            let (employer, signs) = try await employerAccount(of: try applicantData(in: thread))
            let kind: PublicityOutcome.Kind = outcome.objections == nil ? .noObjection : .objectionsSettled
            let input = PublicityOutcomeInput(kind: kind.rawValue, objections: outcome.objections, findings: outcome.findings,
                                              decision: outcome.decision, recordedBy: signs, recordedOn: clock.today().iso)
            _ = try await desk.recordPublicityOutcome(try await file(of: try await holderAccount(in: thread), policy: policy), input, by: employer)
        case .requestSupplement(let due, let flags):
            let record = try await file(of: try await holderAccount(in: thread), policy: policy)
            let decision = try verdicts(on: try await checklist(of: record, policy: policy), flags: flags, due: try DemoScript.day(due))
            try await move(record, .requestSupplement, statement: .checklist(decision), by: try await principal("bureau1"))
        case .accept:
            let record = try await file(of: try await holderAccount(in: thread), policy: policy)
            let decision = try verdicts(on: try await checklist(of: record, policy: policy), flags: [], due: nil)
            try await move(record, .accept, statement: .checklist(decision), by: try await principal("bureau1"))
        case .notAccept(let reason):
            try await move(try await file(of: try await holderAccount(in: thread), policy: policy), .notAccept, reason: reason,
                           by: try await principal("bureau1"))
        case .schedulePaper(let day, let from, let until, let place):
            _ = try await AcceptanceDesk(app: app, database: app.db).setSchedule(startsOn: day, from: from, until: until, place: place,
                                                                                by: try await principal("bureau1"))
        case .receivePaper:
            let record = try await file(of: try await holderAccount(in: thread), policy: policy)
            guard let acceptance = try await AcceptanceRecord.query(on: app.db).filter(\.$applicationID == record.requireID()).first() else {
                throw DemoScriptError("the file of \(record.number ?? "?") has no acceptance number")
            }
            _ = try await AcceptanceDesk(app: app, database: app.db).receive(acceptance.number, by: try await principal("bureau1"))
        case .appoint(let appointee):
            try await appoint(appointee)
        case .supplementDeadlines:
            _ = try await SupplementDeadlineJob.run(on: app)
        case .publishResults, .object, .ruleObjection, .issueCertificates, .revokeCertificate:
            try await performResults(action, in: thread, policy: policy)
        default:
            try await performCommittee(action, in: thread, policy: policy)
        }
    }

    /// A stage change through the transition table, as the desk makes it for a person.
    func move(_ record: ApplicationRecord, _ event: StageEvent, reason: String? = nil, statement: ReviewRecord.Detail? = nil,
              by principal: Principal) async throws {
        _ = try await desk.transition(record, event: event, reason: reason, statement: statement, idempotencyKey: nil, by: principal)
    }

    func requestVerification(_ certificate: DemoCertificate, by holder: Principal) async throws {
        let item = try await CertificateItemRecord.find(certificate.code, on: app.db)
        let scan = DemoDocuments.certificateScan(certificate, itemName: item?.nameZh ?? certificate.code)
        _ = try await VerificationDesk(app: app).submit(VerificationDesk.Submission(
            certificateCode: certificate.code, certificateNumber: certificate.number, holderName: certificate.holder,
            issuedOn: certificate.issuedOn, expiresOn: certificate.expiresOn, scan: scan, scanName: "certificate-scan.pdf"), by: holder)
    }

    /// One step of the form as the holder fills it in: what the page would post.
    func input(_ step: ApplicationStep, of applicant: DemoApplicant, holder: Principal, version: Int,
               policy: BatchPolicy) async throws -> StepInput {
        var input = StepInput(version: version)
        switch step {
        case .personal:
            input.name = applicant.name
            input.gender = applicant.gender.rawValue
            input.birthDate = applicant.birthDate
            input.nationality = applicant.nationality
            input.idKind = applicant.idKind.rawValue
            input.idNumber = applicant.idNumber
        case .employer:
            input.employerID = try await unitID(applicant.unit).uuidString
            input.currentTitleSeries = applicant.currentTitle?.series.rawValue
            input.currentTitleLevel = applicant.currentTitle?.level.rawValue
        case .certificate:
            input.verificationNumber = try await VerificationRecord.query(on: app.db).filter(\.$applicantID == holder.userID)
                .filter(\.$status == VerificationStatus.passed.rawValue).first()?.verificationNumber
        case .education:
            input.education = applicant.education.map(DemoReplay.row)
        case .work:
            input.work = try applicant.work.map(DemoReplay.row)
        case .target:
            input.targetSeries = applicant.target.series.rawValue
            input.targetLevel = applicant.target.level.rawValue
            input.attest = try DemoReplay.box(true)
        case .summary:
            input.summary = DemoSummaries.summary(of: applicant, minimum: policy.thresholds.workSummaryMinimumZi.value)
        }
        return input
    }

    static func row(_ degree: DemoDegree) -> StepInput.Education {
        StepInput.Education(degree: degree.degree.rawValue, discipline: degree.discipline.rawValue, school: degree.school,
                            country: degree.country, awardedOn: degree.awardedOn, recognitionNumber: degree.recognition)
    }

    static func row(_ job: DemoJob) throws -> StepInput.Work {
        StepInput.Work(from: job.from, to: job.to, employer: job.employer, position: job.position,
                       inShanghai: try box(job.inShanghai), related: try box(job.related))
    }

    /// The PDF an upload of `kind` carries.
    func document(_ kind: UploadKind, of applicant: DemoApplicant, record: ApplicationRecord, note: String) async throws -> Data {
        switch kind {
        case .degree:
            return DemoDocuments.degrees(of: applicant)
        case .workProof:
            return DemoDocuments.workProof(of: applicant, note: note)
        case .certificateScan:
            let item = try await CertificateItemRecord.find(applicant.certificate.code, on: app.db)
            return DemoDocuments.certificateScan(applicant.certificate, itemName: item?.nameZh ?? applicant.certificate.code)
        case .commitment:
            return DemoDocuments.commitment(of: applicant, number: record.number)
        case .unitOpinion:
            return DemoDocuments.unitOpinion(of: applicant, unitName: DemoSummaries.unitName(of: applicant),
                                             reviewer: DemoSeed.employers[applicant.unit]?.signs ?? "")
        case .publicityEvidence:
            return DemoDocuments.publicityNotice(of: applicant, unitName: DemoSummaries.unitName(of: applicant),
                                                 startsOn: clock.today().iso, place: note)
        }
    }

    /// 初级职称聘任 by the employer of the appointee's unit, on the day of the step.
    func appoint(_ appointee: DemoAppointee) async throws {
        guard let employer = DemoSeed.employers[appointee.unit] else { throw DemoScriptError("no employer account for \(appointee.unit)") }
        let input = AppointmentInput(
            personName: appointee.name, gender: appointee.gender.rawValue, birthDate: appointee.birthDate,
            certificateCode: appointee.certificateCode, certificateNumber: appointee.certificateNumber,
            education: [DemoReplay.row(appointee.degree)], work: [try DemoReplay.row(appointee.job)], position: appointee.position,
            appointedOn: clock.today().iso, termYears: 3, basicConditionsMet: try DemoReplay.box(true), reviewNote: nil)
        _ = try await AppointmentDesk(app: app, database: app.db).appoint(input, by: try await principal(employer.username))
    }
}
