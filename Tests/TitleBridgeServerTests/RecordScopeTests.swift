import Fluent
import Foundation
import Testing
import TitleBridgeCore
@testable import TitleBridgeServer
import Vapor
import VaporTesting

/// An employer reaches only its own unit, an applicant only itself: by direct URL, by API,
/// and by guessing ids. A record out of reach answers exactly like one that does not exist.
@Suite("Record scope — own unit, own account")
struct RecordScopeTests {
    /// Status, code and message of an API error, independent of the JSON's key order.
    static func answer(_ res: TestingHTTPResponse) -> String {
        guard let error = try? res.content.decode(ErrorPageMiddleware.APIError.self) else { return "\(res.status.code) ?" }
        return "\(res.status.code) \(error.error.code) \(error.error.message.zh) \(error.error.message.en)"
    }

    @Test("Employer of unit A cannot read, list or change unit B", arguments: DatabaseEngine.available)
    func employerStaysInItsUnit(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let unitA = try await organisationID(app, creditCode: DemoUnits.enterprise)
            let unitB = try await organisationID(app, creditCode: DemoUnits.institution)
            let employerA = try await signInAPI(app, "employer1")
            let browserA = try await signInBrowser(app, "employer1")
            let tester = try app.testing()
            let bearer = { (req: inout TestingHTTPRequest) in
                req.headers.bearerAuthorization = BearerAuthorization(token: employerA.token)
            }

            // Own unit: readable and changeable.
            try await tester.test(.GET, "/api/v1/organisations/\(unitA)", beforeRequest: { bearer(&$0) }) { res in
                #expect(res.status == .ok)
            }
            try await tester.test(.GET, "/units/\(unitA)", beforeRequest: { browserA.prepare(&$0) }) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("上海浦江示例科技有限公司"))
                #expect(res.body.string.contains("employer1"))
            }

            // The list holds only unit A.
            try await tester.test(.GET, "/api/v1/organisations", beforeRequest: { bearer(&$0) }) { res in
                #expect(res.status == .ok)
                let units = try res.content.decode([UnitController.UnitAnswer].self)
                #expect(units.map(\.id) == [unitA])
            }

            // Unit B and a guessed id answer the same 404, by page and by API.
            let before = try await OrganisationRecord.find(unitB, on: app.db)
            var answers: [UUID: [String]] = [:]
            for target in [unitB, UUID()] {
                try await tester.test(.GET, "/api/v1/organisations/\(target)", beforeRequest: { bearer(&$0) }) { res in
                    #expect(res.status == .notFound)
                    answers[target, default: []].append(Self.answer(res))
                }
                try await tester.test(.PATCH, "/api/v1/organisations/\(target)", beforeRequest: { req in
                    bearer(&req)
                    try req.content.encode(["contactPhone": "021-66668888"], as: .json)
                }) { res in
                    #expect(res.status == .notFound)
                    answers[target, default: []].append(Self.answer(res))
                }
                try await tester.test(.GET, "/units/\(target)", beforeRequest: { browserA.prepare(&$0) }) { res in
                    #expect(res.status == .notFound)
                }
                try await tester.test(.POST, "/units/\(target)", beforeRequest: { req in
                    browserA.prepare(&req)
                    try req.content.encode(FormBody(["_csrf": browserA.csrf, "contactPhone": "021-66668888"]), as: .urlEncodedForm)
                }) { res in
                    #expect(res.status == .notFound)
                }
            }
            #expect(Set(answers.values).count == 1, "unit B must look exactly like a unit that does not exist")
            let after = try await OrganisationRecord.find(unitB, on: app.db)
            #expect(after?.contactPhone == before?.contactPhone)

            // Members of unit B are out of reach too.
            let staffB = try await userID(app, "employer2")
            try await tester.test(.GET, "/api/v1/users/\(staffB)", beforeRequest: { bearer(&$0) }) { res in
                #expect(res.status == .notFound)
            }
            let staffA = try await userID(app, "employer1")
            try await tester.test(.GET, "/api/v1/users/\(staffA)", beforeRequest: { bearer(&$0) }) { res in
                #expect(res.status == .ok)
            }
        }
    }

    @Test("Employer changes its own unit's contact details, audited", arguments: DatabaseEngine.available)
    func employerUpdatesOwnUnit(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let unitA = try await organisationID(app, creditCode: DemoUnits.enterprise)
            let browser = try await signInBrowser(app, "employer1")
            try await app.testing().test(.POST, "/units/\(unitA)", beforeRequest: { req in
                browser.prepare(&req)
                try req.content.encode(FormBody(["_csrf": browser.csrf, "contactPhone": "021-6666 8888", "address": "浦东新区示例路1号"]),
                                       as: .urlEncodedForm)
            }) { res in
                #expect(res.status == .seeOther)
            }
            let found = try await OrganisationRecord.find(unitA, on: app.db)
            let unit = try #require(found)
            #expect(unit.contactPhone == "021-6666 8888")
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "organisation.updateContact").all()
            #expect(audit.count == 1)
            #expect(audit.first?.actorName == "employer1")
            #expect(audit.first?.beforeDigest != audit.first?.afterDigest)
        }
    }

    @Test("A supervising department sees its public institution, not the enterprise", arguments: DatabaseEngine.available)
    func supervisorSeesItsInstitutions(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let enterprise = try await organisationID(app, creditCode: DemoUnits.enterprise)
            let institution = try await organisationID(app, creditCode: DemoUnits.institution)
            let supervisor = try await signInAPI(app, "supervisor1")
            let tester = try app.testing()
            try await tester.test(.GET, "/api/v1/organisations", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: supervisor.token)
            }) { res in
                let ids = Set(try res.content.decode([UnitController.UnitAnswer].self).map(\.id))
                #expect(ids.contains(institution))
                #expect(!ids.contains(enterprise))
            }
            try await tester.test(.PATCH, "/api/v1/organisations/\(institution)", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: supervisor.token)
                try req.content.encode(["contactPhone": "021-12345678"], as: .json)
            }) { res in
                #expect(res.status == .forbidden)
            }
        }
    }

    @Test("An applicant sees its own account and never another applicant's", arguments: DatabaseEngine.available)
    func applicantSeesOnlyItself(engine: DatabaseEngine) async throws {
        try await withTestApp(engine, demo: true) { app in
            let applicant = try await signInAPI(app, "applicant1")
            let other = try await userID(app, "applicant2")
            let tester = try app.testing()
            for target in [other, UUID()] {
                try await tester.test(.GET, "/api/v1/users/\(target)", beforeRequest: { req in
                    req.headers.bearerAuthorization = BearerAuthorization(token: applicant.token)
                }) { res in
                    #expect(res.status == .notFound)
                    #expect(!res.body.string.contains("Emily"))
                }
            }
            try await tester.test(.GET, "/api/v1/users/\(applicant.user.id)", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: applicant.token)
            }) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("陈思远"))
            }
        }
    }
}
