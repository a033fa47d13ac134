import TitleBridgeCore

/// Who may call each route: one table, consulted by `RouteGuard` before any handler runs.
/// A route missing here is refused to everyone (and the authorisation matrix test fails).
/// Which records a caller admitted here may touch is decided by `RecordAccess` in the core.
enum RoutePolicy {
    static let unitReaders: Set<Role> = [.employer, .supervisor, .bureau, .admin]
    static let unitEditors: Set<Role> = [.employer, .admin]
    /// Who may open an application file (the record rule then narrows it to their own).
    static let applicationReaders: Set<Role> = [.applicant, .employer, .supervisor, .bureau, .admin]
    /// Who opens one file: its readers, and the committee (its desk then admits only the file's
    /// panel, unrecused and not absent, and the secretary).
    static let fileReaders: Set<Role> = applicationReaders.union([.expert, .secretary])
    /// The committee's people: its experts and its secretary.
    static let committee: Set<Role> = [.expert, .secretary]
    /// Who causes stage changes (the transition table says which, from which stage).
    static let transitionActors: Set<Role> = [.applicant, .employer, .supervisor, .bureau, .secretary]
    /// Holders see their own verifications; the verifier, the bureau and the administrator all.
    static let verificationReaders: Set<Role> = [.applicant, .verifier, .bureau, .admin]
    /// Who keeps the certificate catalogue: reads it, imports the official list, exports it.
    static let catalogueKeepers: Set<Role> = [.bureau, .admin]

    static let table: [SiteURL: Audience] = [
        .home: .everyone,
        .healthz: .everyone,
        .livez: .everyone,
        // Scraped from the operators' network; the public proxy does not forward it.
        .metrics: .everyone,
        .stylesheet: .everyone,
        .ziCounterScript: .everyone,
        .confirmScript: .everyone,
        .refreshScript: .everyone,
        .favicon: .everyone,
        .selfCheck: .everyone,
        // 结果公示 and 证书核验 are public: the list, objections (rate-limited by the desk),
        // verification; publishing, rulings, issuing and revoking are the bureau's.
        .results: .everyone,
        .resultObjection: .everyone,
        .resultObjectionSubmit: .everyone,
        .objectionLookup: .everyone,
        .resultsDesk: .roles([.bureau]),
        .resultsPublish: .roles([.bureau]),
        .objectionRule: .roles([.bureau]),
        .certificateRun: .roles([.bureau]),
        .bureauDashboard: .roles([.bureau]),
        .bureauExports: .roles([.bureau]),
        .bureauExport: .roles([.bureau]),
        .certificateLookup: .everyone,
        .certificate: .everyone,
        .certificateCredential: .everyone,
        // The holder's own (the desk checks it is theirs) and the bureau's.
        .certificatePDF: .roles([.applicant, .bureau]),
        .certificateRevoke: .roles([.bureau]),
        .certificateIssuer: .everyone,
        .certificateStatusList: .everyone,
        .apiCertificate: .everyone,
        .signIn: .everyone,
        .signInSubmit: .everyone,
        .signOut: .signedIn,
        .openIDStart: .everyone,
        .openIDCallback: .everyone,
        .account: .signedIn,
        .accountSessionEnd: .signedIn,
        .accountSessionsEndOthers: .signedIn,
        .unit: .roles(unitReaders),
        .unitUpdate: .roles(unitEditors),
        .adminOrganisations: .roles([.admin]),
        .adminOrganisationCreate: .roles([.admin]),
        .adminUsers: .roles([.admin]),
        .adminUserCreate: .roles([.admin]),
        .adminUserRoles: .roles([.admin]),
        .adminBatches: .roles([.admin]),
        .adminBatchCreate: .roles([.admin]),
        .adminBatch: .roles([.admin]),
        .adminBatchUpdate: .roles([.admin]),
        .adminBatchChoose: .roles([.admin]),
        .adminBatchClose: .roles([.admin]),
        .verifications: .roles(verificationReaders),
        .verificationCreate: .roles([.applicant]),
        .verification: .roles(verificationReaders),
        .verificationDecide: .roles([.verifier]),
        .verificationImport: .roles([.bureau, .admin]),
        .verificationImportSubmit: .roles([.bureau, .admin]),
        // The bureau imports the official certificate list (README); the administrator too.
        .adminCatalogue: .roles(catalogueKeepers),
        .adminCatalogueImport: .roles(catalogueKeepers),
        .adminCatalogueExport: .roles(catalogueKeepers),
        .file: .signedIn,
        .register: .everyone,
        .registerSubmit: .everyone,
        .applications: .roles([.applicant]),
        .applicationCreate: .roles([.applicant]),
        .application: .roles(fileReaders),
        .applicationStep: .roles([.applicant]),
        .applicationStepSave: .roles([.applicant]),
        .applicationTransition: .roles(transitionActors),
        // The applicant its proofs, the employer its stamped opinion (the desk checks which).
        .applicationUpload: .roles([.applicant, .employer]),
        .applicationForm: .roles(fileReaders),
        .unitApplications: .roles([.employer, .supervisor]),
        // The applicant its proofs, the employer what its unit uploaded (the desk checks which).
        .applicationUploadDelete: .roles([.applicant, .employer]),
        .apiApplicationUpload: .roles([.applicant, .employer]),
        .applicationPublicity: .roles([.employer]),
        .apiApplicationPublicity: .roles([.employer]),
        .applicationPublicityOutcome: .roles([.employer]),
        .apiApplicationPublicityOutcome: .roles([.employer]),
        .acceptanceQueue: .roles([.bureau]),
        .paperDesk: .roles([.bureau]),
        .paperSchedule: .roles([.bureau]),
        .paperReceipt: .roles([.bureau]),
        .apiPaperReceipt: .roles([.bureau]),
        .apiAcceptanceChecklist: .roles([.bureau]),
        // The committee: the secretary runs the sessions, the experts judge; which file each
        // may touch is the committee desk's seat (panel, recusal, attendance).
        .committee: .roles(committee),
        .committeeSessionCreate: .roles([.secretary]),
        .committeeSession: .roles([.secretary]),
        .committeeSessionChange: .roles([.secretary]),
        .committeeSessionPlace: .roles([.secretary]),
        .committeeFile: .roles(committee),
        .committeeRecusal: .roles(committee),
        .committeeInterview: .roles([.secretary]),
        .committeeOpinion: .roles([.expert]),
        .committeeBallot: .roles([.expert]),
        .committeeClose: .roles([.secretary]),
        .apiCommitteeSessions: .roles([.secretary]),
        .apiCommitteeSessionCreate: .roles([.secretary]),
        .apiCommitteeSession: .roles([.secretary]),
        .apiCommitteeSessionChange: .roles([.secretary]),
        .apiCommitteeSessionPlace: .roles([.secretary]),
        .apiCommitteeFile: .roles(committee),
        .apiCommitteeRecusal: .roles(committee),
        .apiCommitteeInterview: .roles([.secretary]),
        .apiCommitteeOpinion: .roles([.expert]),
        .apiCommitteeBallot: .roles([.expert]),
        .apiCommitteeClose: .roles([.secretary]),
        .unitAppointments: .roles([.employer]),
        .unitAppointmentCreate: .roles([.employer]),
        .unitAppointmentForm: .roles([.employer, .bureau, .admin]),
        .apiAppointments: .roles([.employer, .bureau, .admin]),
        .apiAppointmentCreate: .roles([.employer]),
        .apiAppointmentForm: .roles([.employer, .bureau, .admin]),
        .apiApplicationForm: .roles(fileReaders),
        .messages: .signedIn,
        .apiAccountCreate: .everyone,
        .apiApplications: .roles(applicationReaders),
        .apiApplicationCreate: .roles([.applicant]),
        .apiApplication: .roles(fileReaders),
        .apiApplicationStep: .roles([.applicant]),
        .apiApplicationTransition: .roles(transitionActors),
        .apiMessages: .signedIn,
        .apiEligibilityCheck: .everyone,
        .apiWorkingDays: .everyone,
        .apiLatestStart: .everyone,
        .apiSessionCreate: .everyone,
        .apiSessionDelete: .signedIn,
        .apiMe: .signedIn,
        // Applicants too: they choose their employer from the list (name, credit code and kind only).
        .apiOrganisations: .roles(unitReaders.union([.applicant])),
        .apiOrganisation: .roles(unitReaders),
        .apiOrganisationUpdate: .roles(unitEditors),
        .apiUser: .signedIn,
        .apiCatalogue: .everyone,
        .apiVerifications: .roles(verificationReaders),
        .apiVerificationCreate: .roles([.applicant]),
        .apiVerification: .roles(verificationReaders),
        .apiVerificationDecide: .roles([.verifier]),
    ]

    static func audience(for url: SiteURL) -> Audience? { table[url] }
}
