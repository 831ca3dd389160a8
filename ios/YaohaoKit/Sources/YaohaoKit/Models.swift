import Foundation
import YaohaoFFI

// The portal records the app shows, as plain Sendable values. The facade adapter fills them from
// the core; tests fill them by hand.

/// The logged-in applicant's account.
public struct Account: Sendable, Hashable, Identifiable {
    /// Portal account id.
    public var id: Int64
    /// Resident ID number (show it masked: `maskedResidentId`).
    public var residentId: String
    /// Name as on the ID.
    public var name: String
    /// Registered mobile.
    public var mobile: String

    /// An account.
    public init(id: Int64, residentId: String, name: String, mobile: String) {
        self.id = id
        self.residentId = residentId
        self.name = name
        self.mobile = mobile
    }

    /// The resident ID with everything but the first 3 and last 4 characters hidden.
    public var maskedResidentId: String {
        guard residentId.count > 7 else { return residentId }
        return residentId.prefix(3) + String(repeating: "*", count: residentId.count - 7) + residentId.suffix(4)
    }
}

/// An SMS code was sent.
public struct CodeSent: Sendable, Hashable {
    /// Seconds the code stays valid.
    public var expiresIn: Int64
    /// Seconds before another code may be requested.
    public var resendAfter: Int64

    /// A sent code.
    public init(expiresIn: Int64, resendAfter: Int64) {
        self.expiresIn = expiresIn
        self.resendAfter = resendAfter
    }
}

/// An application form; any field may be missing in a draft.
public struct ApplicationForm: Sendable, Hashable {
    /// Driving-licence file number (档案编号).
    public var licenceFile: String?
    /// Contact address.
    public var address: String?
    /// Holds a C5 licence.
    public var c5Licence: Bool

    /// A form.
    public init(licenceFile: String? = nil, address: String? = nil, c5Licence: Bool = false) {
        self.licenceFile = licenceFile
        self.address = address
        self.c5Licence = c5Licence
    }
}

/// A material waiting to be sent.
public struct PendingUpload: Sendable, Hashable {
    /// Which material.
    public var kind: DocumentType
    /// Size of the prepared JPEG in bytes.
    public var size: Int64

    /// A queued material.
    public init(kind: DocumentType, size: Int64) {
        self.kind = kind
        self.size = size
    }
}

/// A locally saved application draft.
public struct Draft: Sendable, Hashable, Identifiable {
    /// Local id.
    public var localId: String
    /// Kind.
    public var kind: PortalApplication.Kind
    /// The form as last saved.
    public var form: ApplicationForm
    /// Bumped on every save.
    public var revision: Int64
    /// Whether the portal has the latest revision.
    public var synced: Bool
    /// Materials queued for upload.
    public var pendingUploads: [PendingUpload]

    /// A draft.
    public init(localId: String, kind: PortalApplication.Kind, form: ApplicationForm = ApplicationForm(),
                revision: Int64 = 0, synced: Bool = false, pendingUploads: [PendingUpload] = []) {
        self.localId = localId
        self.kind = kind
        self.form = form
        self.revision = revision
        self.synced = synced
        self.pendingUploads = pendingUploads
    }

    /// The local id.
    public var id: String { localId }
}

/// An application as the portal last reported it.
public struct PortalApplication: Sendable, Hashable, Identifiable {
    /// Portal id.
    public var id: Int64
    /// Kind.
    public var kind: PortalApplication.Kind
    /// Status.
    public var status: PortalApplication.Status
    /// 13-digit application code, once submitted.
    public var code: String?
    /// Why the last review rejected it.
    public var rejectionReasons: [LocalizedText]
    /// Unsuccessful draws so far.
    public var drawCount: Int64

    /// An application.
    public init(id: Int64, kind: PortalApplication.Kind, status: PortalApplication.Status, code: String?,
                rejectionReasons: [LocalizedText] = [], drawCount: Int64 = 0) {
        self.id = id
        self.kind = kind
        self.status = status
        self.code = code
        self.rejectionReasons = rejectionReasons
        self.drawCount = drawCount
    }
}

/// One field check of a submission preview.
public struct FieldCheck: Sendable, Hashable {
    /// The form field, e.g. `licence_file`.
    public var field: String
    /// Every problem, in fixing order (empty when the field passes).
    public var errors: [LocalizedText]

    /// A check.
    public init(field: String, errors: [LocalizedText]) {
        self.field = field
        self.errors = errors
    }
}

/// Everything a submission would check.
public struct Preview: Sendable, Hashable {
    /// Whether submitting would succeed now.
    public var ready: Bool
    /// Field checks.
    public var checks: [FieldCheck]
    /// Required materials the portal does not have yet.
    public var missingDocuments: [DocumentType]

    /// A preview.
    public init(ready: Bool, checks: [FieldCheck], missingDocuments: [DocumentType]) {
        self.ready = ready
        self.checks = checks
        self.missingDocuments = missingDocuments
    }
}

/// A calendar event ahead.
public struct UpcomingEvent: Sendable, Hashable, Identifiable {
    /// What happens.
    public var kind: EventKind
    /// Its label.
    public var title: LocalizedText
    /// When.
    public var at: Date
    /// Whether the date was announced (not projected).
    public var announced: Bool

    /// An event.
    public init(kind: EventKind, title: LocalizedText, at: Date, announced: Bool) {
        self.kind = kind
        self.title = title
        self.at = at
        self.announced = announced
    }

    /// Kind and time.
    public var id: String { "\(kind):\(at.timeIntervalSince1970)" }
}

/// The outcome of one code in one period.
public struct ResultOutcome: Sendable, Hashable, Identifiable {
    /// Period number: the year and the draw's sequence in it (`202606` is the sixth draw of 2026).
    public var period: String
    /// Application code.
    public var code: String
    /// Whether the code won.
    public var won: Bool
    /// Row (序号) in the published list, when won.
    public var row: UInt32?
    /// Whether the core verified the published draw.
    public var verified: Bool

    /// An outcome.
    public init(period: String, code: String, won: Bool, row: UInt32?, verified: Bool) {
        self.period = period
        self.code = code
        self.won = won
        self.row = row
        self.verified = verified
    }

    /// Period and code.
    public var id: String { "\(period):\(code)" }
}

/// A result notification to show now (handed out once per code and period by the core).
public struct ResultNotification: Sendable, Hashable, Identifiable {
    /// Stable id, `result:<period>:<code>`.
    public var id: String
    /// The outcome.
    public var outcome: ResultOutcome
    /// Title.
    public var title: LocalizedText
    /// Body.
    public var body: LocalizedText
    /// Where tapping leads.
    public var deepLink: String

    /// A notification.
    public init(id: String, outcome: ResultOutcome, title: LocalizedText, body: LocalizedText, deepLink: String) {
        self.id = id
        self.outcome = outcome
        self.title = title
        self.body = body
        self.deepLink = deepLink
    }
}

/// A quota won in a draw, to be confirmed before `confirmBy`.
public struct Quota: Sendable, Hashable, Identifiable {
    /// Where a quota stands on the portal.
    public enum Status: Sendable, Hashable {
        /// Won; confirm before the deadline.
        case pendingConfirmation
        /// Confirmed: usable until it expires.
        case confirmed
        /// Not confirmed in time or given up.
        case forfeited
        /// Past its validity.
        case expired
        /// A status this build does not know, with the portal's name.
        case other(String)

        /// The status with the portal's name.
        public init(portalName: String) {
            switch portalName {
            case "pending_confirmation": self = .pendingConfirmation
            case "confirmed": self = .confirmed
            case "forfeited": self = .forfeited
            case "expired": self = .expired
            default: self = .other(portalName)
            }
        }
    }

    /// Portal id.
    public var id: Int64
    /// The period it was won in.
    public var period: String
    /// Certificate number.
    public var certificate: String
    /// Where it stands.
    public var status: Status
    /// Confirm before this instant.
    public var confirmBy: Date
    /// Valid until.
    public var expiresAt: Date

    /// A quota.
    public init(id: Int64, period: String, certificate: String, status: Status, confirmBy: Date, expiresAt: Date) {
        self.id = id
        self.period = period
        self.certificate = certificate
        self.status = status
        self.confirmBy = confirmBy
        self.expiresAt = expiresAt
    }

    /// Whether it can still be confirmed at `date`.
    public func isConfirmable(at date: Date) -> Bool {
        status == .pendingConfirmation && date < confirmBy
    }
}

/// A policy notice.
public struct Announcement: Sendable, Hashable, Identifiable {
    /// Portal id.
    public var id: Int64
    /// Title.
    public var title: LocalizedText
    /// Body.
    public var body: LocalizedText
    /// When it was posted.
    public var publishedAt: Date

    /// A notice.
    public init(id: Int64, title: LocalizedText, body: LocalizedText, publishedAt: Date) {
        self.id = id
        self.title = title
        self.body = body
        self.publishedAt = publishedAt
    }
}

/// The home screen, from the cache.
public struct Dashboard: Sendable, Hashable {
    /// The account, if logged in.
    public var account: Account?
    /// Applications, newest first.
    public var applications: [PortalApplication]
    /// Local drafts.
    public var drafts: [Draft]
    /// The next calendar events.
    public var nextEvents: [UpcomingEvent]
    /// Latest results of the account's codes.
    public var latestResults: [ResultOutcome]
    /// Upcoming reminders, as the core computed them (stable ids).
    public var reminders: [Reminder]
    /// When the cache was last refreshed from the portal.
    public var refreshedAt: Date?

    /// A dashboard.
    public init(account: Account? = nil, applications: [PortalApplication] = [], drafts: [Draft] = [],
                nextEvents: [UpcomingEvent] = [], latestResults: [ResultOutcome] = [],
                reminders: [Reminder] = [], refreshedAt: Date? = nil) {
        self.account = account
        self.applications = applications
        self.drafts = drafts
        self.nextEvents = nextEvents
        self.latestResults = latestResults
        self.reminders = reminders
        self.refreshedAt = refreshedAt
    }
}

extension PortalApplication {
    /// The kinds of application.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 个人普通指标 (lottery).
        case individualOrdinary = "individual_ordinary"
        /// 个人新能源指标 (queue).
        case individualNev = "individual_nev"
        /// 家庭新能源指标 (points).
        case family
    }

    /// Where an application stands.
    public enum Status: Sendable, Hashable {
        /// Being edited.
        case draft
        /// 审核中.
        case underReview
        /// 审核通过: in the pool.
        case approved
        /// 审核未通过.
        case rejected
        /// Won a quota.
        case won
        /// Removed from the pool.
        case removed
        /// A status this build does not know, with the portal's name.
        case other(String)
    }
}
