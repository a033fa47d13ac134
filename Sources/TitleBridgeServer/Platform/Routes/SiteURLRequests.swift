import Vapor

/// How each address of the site is called: its method, whether a plain link opens it, and the
/// body it takes.
extension SiteURL {
    public var method: HTTPMethod {
        switch self {
        case .apiEligibilityCheck, .signInSubmit, .signOut, .accountSessionEnd, .accountSessionsEndOthers, .unitUpdate, .adminOrganisationCreate, .adminUserCreate,
             .adminUserRoles, .apiSessionCreate, .verificationCreate, .verificationDecide, .verificationImportSubmit,
             .adminCatalogueImport, .apiVerificationCreate, .apiVerificationDecide, .registerSubmit, .applicationCreate,
             .applicationStepSave, .applicationTransition, .apiAccountCreate, .apiApplicationCreate, .apiApplicationTransition,
             .applicationUpload, .applicationUploadDelete, .apiApplicationUpload, .applicationPublicity, .apiApplicationPublicity,
             .applicationPublicityOutcome, .apiApplicationPublicityOutcome, .unitAppointmentCreate, .apiAppointmentCreate, .paperSchedule, .paperReceipt, .apiPaperReceipt,
             .committeeSessionCreate, .committeeSessionChange, .committeeSessionPlace, .committeeRecusal, .committeeInterview,
             .committeeOpinion, .committeeBallot, .committeeClose, .apiCommitteeSessionCreate, .apiCommitteeSessionPlace,
             .apiCommitteeRecusal, .apiCommitteeInterview, .apiCommitteeBallot, .apiCommitteeClose,
             .resultObjectionSubmit, .resultsPublish, .objectionRule, .certificateRun, .certificateRevoke,
             .adminBatchCreate, .adminBatchUpdate, .adminBatchChoose, .adminBatchClose: .POST
        case .apiApplicationStep, .apiCommitteeOpinion: .PUT
        case .apiSessionDelete: .DELETE
        case .apiOrganisationUpdate, .apiCommitteeSessionChange: .PATCH
        default: .GET
        }
    }

    /// A page anyone opens by following a plain link (answers 200 to an anonymous bare GET).
    public var isPage: Bool {
        switch self {
        case .home, .selfCheck, .stylesheet, .ziCounterScript, .confirmScript, .refreshScript, .favicon, .healthz, .livez, .metrics, .signIn, .register,
             .results, .objectionLookup, .certificateLookup, .certificateIssuer: true
        default: false
        }
    }

    /// Routes that take files accept bodies up to this size (a file of the largest upload size,
    /// 10 MB, and the form around it); every other route keeps the application's 1 MB.
    public var maximumBodySize: ByteCount? {
        switch self {
        case .verificationCreate, .verificationImportSubmit, .adminCatalogueImport, .apiVerificationCreate, .applicationUpload,
             .apiApplicationUpload, .applicationPublicity, .apiApplicationPublicity: "12mb"
        default: nil
        }
    }
}

/// Links to each address: its parameters filled in.
extension SiteURL {
    /// The names of the path's parameters, in order.
    public var parameterNames: [String] {
        pathComponents.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
    }

    /// The address a link points to; parameters are filled in order from `values`.
    public func path(_ values: String...) -> String {
        path(parameters: values)
    }

    public func path(parameters values: [String]) -> String {
        var remaining = values[...]
        return "/" + pathComponents.map { component in
            if case .parameter = component, let value = remaining.popFirst() { return value }
            return component.description
        }.joined(separator: "/")
    }

    /// The address of a route without parameters.
    public var path: String { path() }

    /// The same address with the page language chosen.
    public func path(language: String) -> String {
        path + "?lang=" + language
    }
}
