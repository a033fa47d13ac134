import Fluent

/// Every migration, in order. A landed migration is never edited: a change is a new one.
enum AppMigrations {
    static let all: [any Migration] = [
        CreateReferenceData(),
        CreateAccounts(),
        CreateVerifications(),
        CreateApplications(),
        CreateApplicationUploads(),
        CreateUnitReview(),
        CreateAcceptance(),
        AddPublicityOutcome(),
        AddSignInChecks(),
        AddApplicationNumbers(),
        CreateFormRefusals(),
        AddListIndexes(),
        CreateCommittee(),
        CreateResultsAndCertificates(),
        AddBatchAdministration(),
        AddReportedAt(),
        RateLimitsAndSessionActivity(),
    ]
}
