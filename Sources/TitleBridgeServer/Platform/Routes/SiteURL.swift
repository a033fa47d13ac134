import Vapor

/// Every address of the site, in one place. Routes are registered from `pathComponents`
/// and links are written from `path`, so a page can never link to a route that is not there.
/// Who may call each one is in `RoutePolicy`.
public enum SiteURL: Hashable, Sendable, CaseIterable {
    /// 首页: the procedure of the current batch.
    case home
    /// Operators: the database answers (`healthz`); the process answers, nothing read (`livez`).
    case healthz, livez
    /// Operators: Prometheus text exposition.
    case metrics
    /// The site's stylesheet, and its icon (SVG), linked from every page.
    case stylesheet, favicon
    /// The live 字 counter of the work summary (progressive enhancement; pages work without it).
    case ziCounterScript
    /// The dialog before an irreversible action (without it the server answers a confirmation page).
    case confirmScript
    /// Reloads a page still being produced (a meta refresh fails WCAG 2.2.1).
    case refreshScript
    /// 资格自查: the public self-check page (no sign-in).
    case selfCheck
    /// 登录: the sign-in form, and where it is sent.
    case signIn
    case signInSubmit
    /// 退出登录.
    case signOut
    /// 一网通办: start of the OpenID Connect sign-in, and where the provider sends the user back.
    case openIDStart
    case openIDCallback
    /// 我的账户: who is signed in, with roles, unit, masked personal data and sessions; ending
    /// one of its own sessions, or all but the one in use.
    case account, accountSessionEnd, accountSessionsEndOthers
    /// A unit's page (members, contact details) and where its contact details are changed.
    case unit
    case unitUpdate
    /// Administration: organisations and accounts.
    case adminOrganisations
    case adminOrganisationCreate
    case adminUsers
    case adminUserCreate
    case adminUserRoles
    /// 证书查验: the holder's requests (or the verifier's queue), a new request, one request,
    /// a verifier's decision, and the bureau's import of the platform's results.
    case verifications
    case verificationCreate
    case verification
    case verificationDecide
    case verificationImport
    case verificationImportSubmit
    /// Administration: the certificate catalogue, its CSV import and export.
    case adminCatalogue
    case adminCatalogueImport
    case adminCatalogueExport
    /// An uploaded file, for those allowed to see it.
    case file
    /// 注册: a holder opens an account to apply.
    case register
    case registerSubmit
    /// 网上申报: the applicant's entry, opening the file, its status page, a step and its
    /// save, a stage change, and the message centre.
    case applications
    case applicationCreate
    case application
    case applicationStep
    case applicationStepSave
    case applicationTransition
    case applicationUpload
    case applicationUploadDelete
    /// 《上海市专业技术人员职称考核认定表》 as a PDF.
    case applicationForm
    /// 单位审核: the applications of the employer's own unit (or of a department's institutions).
    case unitApplications
    /// 申报公示: the employer records the unit publicity of a file, then how it ended.
    case applicationPublicity
    case applicationPublicityOutcome
    /// 受理审核: the bureau's queue by field; the paper files (time, receipts).
    case acceptanceQueue
    case paperDesk
    case paperSchedule
    case paperReceipt
    /// 认定委员会: the committee's entry (the secretary's sessions and waiting files, an
    /// expert's files), a new session, one session, its change, files placed on it; one file as
    /// the committee judges it, and its recusal, interview record, opinion, ballot and close.
    case committee
    case committeeSessionCreate
    case committeeSession
    case committeeSessionChange
    case committeeSessionPlace
    case committeeFile
    case committeeRecusal
    case committeeInterview
    case committeeOpinion
    case committeeBallot
    case committeeClose
    /// 结果公示: the public result lists, the objection form of one listed person and where it is
    /// sent, and the look-up of an objection's outcome by its receipt.
    case results, resultObjection, resultObjectionSubmit, objectionLookup
    /// The bureau's result desk: publishing a list, ruling on objections, issuing certificates.
    case resultsDesk, resultsPublish, objectionRule, certificateRun
    /// 数据概览: the bureau's dashboard of the current batch; 导出: its lists as CSV or XLSX.
    case bureauDashboard, bureauExports, bureauExport
    /// 批次管理: the batches, a new one from a copy, one batch's rules, choosing the current
    /// batch, closing one.
    case adminBatches, adminBatchCreate, adminBatch, adminBatchUpdate, adminBatchChoose, adminBatchClose
    /// 证书核验: the public look-up by number, one certificate's verification page, its signed
    /// credential, its PDF (holder and bureau), and the bureau's revocation.
    case certificateLookup
    case certificate
    case certificateCredential
    case certificatePDF
    case certificateRevoke
    /// The issuer's controller document (its signing keys) and its signed revocation list.
    case certificateIssuer
    case certificateStatusList
    /// 初级职称聘任: a unit's appointments and a new one, and the 《专业技术职务聘任表》.
    case unitAppointments
    case unitAppointmentCreate
    case unitAppointmentForm
    case messages
    /// API: eligibility report for a profile.
    case apiEligibilityCheck
    /// API: the N-th working day from a start.
    case apiWorkingDays
    /// API: the latest start of N working days ending by a date.
    case apiLatestStart
    /// API: sign in for a bearer token, and sign out.
    case apiSessionCreate
    case apiSessionDelete
    /// API: the caller's own account.
    case apiMe
    /// API: units the caller may see, one unit, and a change to its contact details.
    case apiOrganisations
    case apiOrganisation
    case apiOrganisationUpdate
    /// API: one account.
    case apiUser
    /// API: sign-up of an applicant account.
    case apiAccountCreate
    /// API: application files, one file, saving a step, a stage change, messages.
    case apiApplications
    case apiApplicationCreate
    case apiApplication
    case apiApplicationStep
    case apiApplicationTransition
    case apiApplicationUpload
    case apiApplicationForm
    case apiApplicationPublicity
    case apiApplicationPublicityOutcome
    case apiMessages
    /// API: a scanner's receipt of printed files by acceptance number.
    case apiPaperReceipt
    /// API: a file's 受理审核 checklist (item keys, what they mean, what the system found),
    /// read by the bureau before giving its verdicts.
    case apiAcceptanceChecklist
    /// API: the committee — sessions (list, new, one, change, files placed), one file as the
    /// committee judges it, recusal, the interview record, an expert's opinion and ballot, closing.
    case apiCommitteeSessions
    case apiCommitteeSessionCreate
    case apiCommitteeSession
    case apiCommitteeSessionChange
    case apiCommitteeSessionPlace
    case apiCommitteeFile
    case apiCommitteeRecusal
    case apiCommitteeInterview
    case apiCommitteeOpinion
    case apiCommitteeBallot
    case apiCommitteeClose
    /// API: junior appointments of the caller's unit, a new one, its form.
    case apiAppointments
    case apiAppointmentCreate
    case apiAppointmentForm
    /// API: one title certificate as the public verifies it.
    case apiCertificate
    /// API: the certificate catalogue (public).
    case apiCatalogue
    /// API: verifications the caller may see, a new request, one, a decision.
    case apiVerifications, apiVerificationCreate, apiVerification, apiVerificationDecide

    /// The pattern a route is registered under (parameters as `:name`).
    public var pathComponents: [PathComponent] {
        switch self {
        case .home: []
        case .healthz: ["healthz"]
        case .livez: ["livez"]
        case .metrics: ["metrics"]
        case .stylesheet: ["assets", "site.css"]
        case .ziCounterScript: ["assets", "zi-count.js"]
        case .confirmScript: ["assets", "confirm.js"]
        case .refreshScript: ["assets", "refresh.js"]
        case .favicon: ["assets", "favicon.svg"]
        case .selfCheck: ["self-check"]
        case .signIn, .signInSubmit: ["login"]
        case .signOut: ["logout"]
        case .openIDStart: ["login", "oidc"]
        case .openIDCallback: ["login", "oidc", "callback"]
        case .account: ["account"]
        case .accountSessionEnd: ["account", "sessions", ":sessionID", "end"]
        case .accountSessionsEndOthers: ["account", "sessions", "end-others"]
        case .unit, .unitUpdate: ["units", ":organisationID"]
        case .adminOrganisations, .adminOrganisationCreate: ["admin", "organisations"]
        case .adminUsers, .adminUserCreate: ["admin", "users"]
        case .adminUserRoles: ["admin", "users", ":userID", "roles"]
        case .verifications, .verificationCreate: ["verifications"]
        case .verification: ["verifications", ":verificationID"]
        case .verificationDecide: ["verifications", ":verificationID", "decision"]
        case .verificationImport, .verificationImportSubmit: ["verifications", "import"]
        case .adminCatalogue, .adminCatalogueImport: ["admin", "catalogue"]
        case .adminCatalogueExport: ["admin", "catalogue", "export.csv"]
        case .file: ["files", ":fileID"]
        case .register, .registerSubmit: ["register"]
        case .applications, .applicationCreate: ["applications"]
        case .application: ["applications", ":applicationID"]
        case .applicationStep, .applicationStepSave: ["applications", ":applicationID", "steps", ":step"]
        case .applicationTransition: ["applications", ":applicationID", "transitions"]
        case .applicationUpload: ["applications", ":applicationID", "uploads"]
        case .applicationForm: ["applications", ":applicationID", "form.pdf"]
        case .unitApplications: ["unit-applications"]
        case .applicationPublicity: ["applications", ":applicationID", "publicity"]
        case .applicationPublicityOutcome: ["applications", ":applicationID", "publicity", "outcome"]
        case .acceptanceQueue: ["acceptance"]
        case .paperDesk: ["acceptance", "paper"]
        case .paperSchedule: ["acceptance", "paper", "schedule"]
        case .paperReceipt: ["acceptance", "paper", "receipts"]
        case .apiPaperReceipt: ["api", "v1", "paper-receipts"]
        case .apiAcceptanceChecklist: ["api", "v1", "applications", ":applicationID", "acceptance-checklist"]
        case .committee: ["committee"]
        case .committeeSessionCreate: ["committee", "sessions"]
        case .committeeSession: ["committee", "sessions", ":sessionID"]
        case .committeeSessionChange: ["committee", "sessions", ":sessionID", "change"]
        case .committeeSessionPlace: ["committee", "sessions", ":sessionID", "files"]
        case .committeeFile: ["committee", "files", ":applicationID"]
        case .committeeRecusal: ["committee", "files", ":applicationID", "recusals"]
        case .committeeInterview: ["committee", "files", ":applicationID", "interview"]
        case .committeeOpinion: ["committee", "files", ":applicationID", "opinion"]
        case .committeeBallot: ["committee", "files", ":applicationID", "ballot"]
        case .committeeClose: ["committee", "files", ":applicationID", "close"]
        case .apiCommitteeSessions, .apiCommitteeSessionCreate: ["api", "v1", "committee", "sessions"]
        case .apiCommitteeSession, .apiCommitteeSessionChange: ["api", "v1", "committee", "sessions", ":sessionID"]
        case .apiCommitteeSessionPlace: ["api", "v1", "committee", "sessions", ":sessionID", "files"]
        case .apiCommitteeFile: ["api", "v1", "committee", "files", ":applicationID"]
        case .apiCommitteeRecusal: ["api", "v1", "committee", "files", ":applicationID", "recusals"]
        case .apiCommitteeInterview: ["api", "v1", "committee", "files", ":applicationID", "interview"]
        case .apiCommitteeOpinion: ["api", "v1", "committee", "files", ":applicationID", "opinion"]
        case .apiCommitteeBallot: ["api", "v1", "committee", "files", ":applicationID", "ballot"]
        case .apiCommitteeClose: ["api", "v1", "committee", "files", ":applicationID", "close"]
        case .results: ["results"]
        case .resultObjection, .resultObjectionSubmit: ["results", ":entryID", "objection"]
        case .objectionLookup: ["results", "objections"]
        case .resultsDesk: ["bureau", "results"]
        case .resultsPublish: ["bureau", "results", "lists"]
        case .objectionRule: ["bureau", "results", "objections", ":objectionID"]
        case .certificateRun: ["bureau", "results", "certificates"]
        case .bureauDashboard: ["bureau", "dashboard"]
        case .bureauExports: ["bureau", "exports"]
        case .bureauExport: ["bureau", "exports", ":kind", ":format"]
        case .adminBatches, .adminBatchCreate: ["admin", "batches"]
        case .adminBatch, .adminBatchUpdate: ["admin", "batches", ":batchID"]
        case .adminBatchChoose: ["admin", "batches", ":batchID", "current"]
        case .adminBatchClose: ["admin", "batches", ":batchID", "close"]
        case .certificateLookup: ["certificates"]
        case .certificate: ["certificates", ":number"]
        case .certificateCredential: ["certificates", ":number", "credential.json"]
        case .certificatePDF: ["certificates", ":number", "certificate.pdf"]
        case .certificateRevoke: ["certificates", ":number", "revocation"]
        case .certificateIssuer: ["credentials", "issuer"]
        case .certificateStatusList: ["credentials", "status", "revocation"]
        case .apiCertificate: ["api", "v1", "certificates", ":number"]
        case .unitAppointments, .unitAppointmentCreate: ["unit-appointments"]
        case .unitAppointmentForm: ["unit-appointments", ":appointmentID", "form.pdf"]
        case .apiApplicationPublicity: ["api", "v1", "applications", ":applicationID", "publicity"]
        case .apiApplicationPublicityOutcome: ["api", "v1", "applications", ":applicationID", "publicity", "outcome"]
        case .apiAppointments, .apiAppointmentCreate: ["api", "v1", "appointments"]
        case .apiAppointmentForm: ["api", "v1", "appointments", ":appointmentID", "form.pdf"]
        case .applicationUploadDelete: ["applications", ":applicationID", "uploads", ":uploadID", "delete"]
        case .apiApplicationUpload: ["api", "v1", "applications", ":applicationID", "uploads"]
        case .apiApplicationForm: ["api", "v1", "applications", ":applicationID", "form.pdf"]
        case .messages: ["messages"]
        case .apiAccountCreate: ["api", "v1", "accounts"]
        case .apiApplications, .apiApplicationCreate: ["api", "v1", "applications"]
        case .apiApplication: ["api", "v1", "applications", ":applicationID"]
        case .apiApplicationStep: ["api", "v1", "applications", ":applicationID", "steps", ":step"]
        case .apiApplicationTransition: ["api", "v1", "applications", ":applicationID", "transitions"]
        case .apiMessages: ["api", "v1", "messages"]
        case .apiEligibilityCheck: ["api", "v1", "eligibility", "check"]
        case .apiWorkingDays: ["api", "v1", "calendar", "working-days"]
        case .apiLatestStart: ["api", "v1", "calendar", "latest-start"]
        case .apiSessionCreate, .apiSessionDelete: ["api", "v1", "session"]
        case .apiMe: ["api", "v1", "me"]
        case .apiOrganisations: ["api", "v1", "organisations"]
        case .apiOrganisation, .apiOrganisationUpdate: ["api", "v1", "organisations", ":organisationID"]
        case .apiUser: ["api", "v1", "users", ":userID"]
        case .apiCatalogue: ["api", "v1", "catalogue"]
        case .apiVerifications, .apiVerificationCreate: ["api", "v1", "verifications"]
        case .apiVerification: ["api", "v1", "verifications", ":verificationID"]
        case .apiVerificationDecide: ["api", "v1", "verifications", ":verificationID", "decision"]
        }
    }
}
