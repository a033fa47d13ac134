import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// Files that have gone through the online application, and the requests employers make on them.
enum ReviewFixture {
    static func day(_ iso: String) throws -> LocalDate { try #require(LocalDate(iso: iso)) }

    /// A PDF whose bytes differ by `tag`, so each upload is its own stored file.
    static func pdf(_ tag: String) -> Data { SampleFiles.pdf + Data("% \(tag)\n".utf8) }

    /// The employer's 核实意见 as the page sends it.
    static func opinion(on day: String, reviewer: String = "王经理", agrees: Bool = true) -> [String: String] {
        var fields = ["opinion[dutiesPerformed]": "on", "opinion[materialsTrue]": "on",
                      "opinion[reviewer]": reviewer, "opinion[reviewedOn]": day]
        if agrees { fields["opinion[agrees]"] = "on" }
        return fields
    }

    /// A complete, eligible file of `username` at the unit with `creditCode`, verified on
    /// 2024-08-20 and submitted through the page on `submitOn` (inside the window). The clock
    /// is left at noon of `submitOn`.
    static func submittedFile(_ app: Application, _ username: String, creditCode: String, clock: MovableClock,
                              submitOn: String = "2024-09-09",
                              adjust: (inout ApplicationContent) throws -> Void = { _ in }) async throws -> UUID {
        let id = try await draftFile(app, username, creditCode: creditCode, clock: clock, adjust: adjust)
        try await attachProofs(app, id, owner: username)
        clock.set(submitOn, 12)
        let applicant = try await signInBrowser(app, username)
        let (status, _, page) = try await ApplicationFlowTests.post(app, applicant, "/applications/\(id)/transitions",
                                                                    ["event": "submit", "idempotencyKey": UUID().uuidString])
        #expect(status == .seeOther, "submit answered \(status): \(page.prefix(300))")
        return id
    }

    /// The same file as `submittedFile`, complete but still a draft with nothing attached; the
    /// clock is left at noon of 2024-08-20, the day of its verification.
    static func draftFile(_ app: Application, _ username: String, creditCode: String, clock: MovableClock,
                          adjust: (inout ApplicationContent) throws -> Void = { _ in }) async throws -> UUID {
        clock.set("2024-08-20", 12)
        let holder = try await signInBrowser(app, username)
        let verificationID = try await VerificationTests.submit(app, holder)
        let verifier = try await signInBrowser(app, "verifier1")
        #expect(try await VerificationTests.decide(app, verifier, verificationID, "pass") == .seeOther)

        let employerID = try await organisationID(app, creditCode: creditCode)
        let institution = try await OrganisationRecord.find(employerID, on: app.db)?.organisationKind == .publicInstitution
        var content = ApplicationContent()
        content.personal = ApplicationContent.Personal(name: "陈思远", gender: .male, birthDate: try day("1986-04-12"),
                                                       nationality: "中国", idKind: .residentID)
        // A public-institution employee applies one level above the title held (二).
        content.currentTitle = institution ? ApplicantProfile.Title(series: .accounting, level: .intermediate) : nil
        content.education = [ApplicationContent.EducationEntry(degree: .master, discipline: .economics, school: "University of Edinburgh",
                                                               country: "英国", awardedOn: try day("2012-06-30"),
                                                               recognitionNumber: nil)]
        content.work = [ApplicationContent.WorkEntry(from: try day("2012-07-01"), to: nil, employer: "上海示例单位",
                                                     position: "财务经理", inShanghai: true, related: true)]
        content.target = ApplicantProfile.Title(series: .accounting, level: .associateSenior)
        content.attestations = ApplicantProfile.Attestations(lawAbiding: true, professionalEthics: true, dutiesFulfilled: true)
        content.summary = String(repeating: "账", count: 3000)
        try adjust(&content)
        let record = ApplicationRecord()
        record.applicantID = try await userID(app, username)
        record.batchID = app.domain.currentBatchID
        record.stage = Stage.draft.rawValue
        record.version = 1
        record.employerID = employerID
        record.verificationID = verificationID
        // As a saved certificate step copies it (`StepSaving`): the field the bureau's queue groups by.
        if let verification = try await VerificationRecord.find(verificationID, on: app.db) {
            record.certificateField = try await CertificateItemRecord.find(verification.certificateItemID, on: app.db)?.field
        }
        record.contentJSON = try ApplicationRecord.encode(content)
        record.createdAt = app.domain.clock.now()
        record.updatedAt = app.domain.clock.now()
        try await record.create(on: app.db)
        return try record.requireID()
    }

    /// The applicant's proofs (degree, work, certificate) attached to file `id` as stored files
    /// owned by `username`, as submission asks for them; a proof already there is kept.
    static func attachProofs(_ app: Application, _ id: UUID, owner username: String) async throws {
        let present = Set(try await ApplicationUploadRecord.query(on: app.db).filter(\.$applicationID == id).all().map(\.kind))
        for kind in SubmissionProofs.required where !present.contains(kind.rawValue) {
            let file = try await app.files.store(pdf("\(id) \(kind)"), name: "\(kind).pdf", field: "file",
                                                 owner: try await userID(app, username), on: app.db, clock: app.domain.clock)
            let upload = ApplicationUploadRecord()
            upload.applicationID = id
            upload.kind = kind.rawValue
            upload.fileID = try file.requireID()
            upload.createdAt = app.domain.clock.now()
            try await upload.create(on: app.db)
        }
    }

    /// Posts an event with its fields through the file's page.
    static func act(_ app: Application, _ browser: Browser, _ id: UUID, _ event: String,
                    _ fields: [String: String] = [:]) async throws -> (HTTPStatus, String) {
        var form = fields
        form["event"] = event
        form["idempotencyKey"] = UUID().uuidString
        let (status, _, body) = try await ApplicationFlowTests.post(app, browser, "/applications/\(id)/transitions", form)
        return (status, body)
    }

    /// The employer records the unit publicity through the page (or the API with `token`).
    static func publicity(_ app: Application, _ browser: Browser?, token: String? = nil, _ id: UUID, startsOn: String,
                          place: String = "公司内网公告栏", evidence: Data? = nil) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        let path = (token == nil ? "" : "/api/v1") + "/applications/\(id)/publicity"
        try await app.testing().test(.POST, path, beforeRequest: { req in
            var form = Multipart()
            form.fields = ["startsOn": startsOn, "place": place]
            if let browser {
                browser.prepare(&req)
                form.fields["_csrf"] = browser.csrf
            }
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            form.files["evidence"] = Multipart.FilePart(name: "notice.pdf", data: evidence ?? pdf("publicity \(startsOn)"),
                                                        contentType: "application/pdf")
            form.apply(to: &req)
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    /// The employer records how the publicity ended (公示结果) through the page.
    static func outcome(_ app: Application, _ browser: Browser, _ id: UUID, on day: String,
                        _ fields: [String: String] = ["kind": "noObjection"]) async throws -> (HTTPStatus, String) {
        var form = fields
        form["recordedBy"] = form["recordedBy"] ?? "王经理"
        form["recordedOn"] = day
        let (status, _, body) = try await ApplicationFlowTests.post(app, browser, "/applications/\(id)/publicity/outcome", form)
        return (status, body)
    }

    /// A JSON request with a bearer token.
    static func api(_ app: Application, _ method: HTTPMethod, _ path: String, token: String,
                    json: (any Encodable & Sendable)? = nil) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(method, path, beforeRequest: { req in
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
            if let json {
                req.headers.contentType = .json
                req.body = ByteBuffer(data: try JSONEncoder().encode(json))
            }
        }) { res in result = (res.status, res.body.string) }
        return result
    }

    /// Decodes a JSON answer as the application encoded it.
    static func decode<T: Decodable>(_ type: T.Type, _ body: String) throws -> T {
        try ContentConfiguration.global.requireDecoder(for: .json).decode(T.self, from: ByteBuffer(string: body), headers: [:])
    }

    /// What a file's changes left behind: stage, version, audit rows, messages.
    static func footprint(_ app: Application, _ id: UUID) async throws -> [String] {
        let record = try await ApplicationRecord.find(id, on: app.db)
        return [record?.stage ?? "-", String(record?.version ?? 0),
                String(try await AuditEventRecord.query(on: app.db).filter(\.$recordID == id.uuidString).count()),
                String(try await MessageRecord.query(on: app.db).filter(\.$applicationID == id).count()),
                String(try await ReviewRecord.query(on: app.db).filter(\.$applicationID == id).count()),
                String(try await ApplicationUploadRecord.query(on: app.db).filter(\.$applicationID == id).count())]
    }
}
