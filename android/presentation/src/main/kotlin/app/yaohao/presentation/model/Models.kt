package app.yaohao.presentation.model

import app.yaohao.core.DocumentKind
import app.yaohao.core.EventKind
import app.yaohao.core.FamilyPoints
import app.yaohao.core.Reason
import app.yaohao.core.Relation
import app.yaohao.core.Reminder
import app.yaohao.core.Text
import java.time.Instant

/** The signed-in applicant's account. */
data class Account(
    /** Resident ID number (shown masked). */
    val residentId: String,
    /** Name as on the ID. */
    val name: String,
    /** Registered mobile. */
    val mobile: String,
)

/** What an SMS code is for. */
enum class SmsPurpose {
    REGISTER,
    LOGIN,
}

/** An SMS code was sent. */
data class CodeSent(
    /** Seconds the code stays valid. */
    val expiresInSeconds: Long,
    /** Seconds before another code may be requested. */
    val resendAfterSeconds: Long,
)

/** A new account's details. */
data class Registration(
    val residentId: String,
    val name: String,
    val mobile: String,
    val password: String,
    val smsCode: String,
)

/** The kinds of application. */
enum class PortalApplicationKind {
    INDIVIDUAL_ORDINARY,
    INDIVIDUAL_NEV,
    FAMILY,
}

/** An application as the portal last reported it. */
data class PortalApplication(
    /** Portal id. */
    val id: Long,
    /** Kind. */
    val kind: PortalApplicationKind,
    /** The portal's status name (`draft`, `under_review`, `approved`, `rejected`, `won`, `removed`). */
    val status: String,
    /** 13-digit application code, once submitted. */
    val code: String?,
    /** Unsuccessful draws so far. */
    val drawCount: Long,
    /** Holds a C5 licence (one more ladder step). */
    val c5Licence: Boolean,
    /** Why the last review rejected it. */
    val rejectionReasons: List<Reason>,
)

/** A family member besides the main applicant. */
data class MemberForm(
    val relation: Relation,
    val residentId: String,
    val name: String,
    val ladderSteps: UInt,
    val nevQueueFullYears: UInt,
)

/** An application form; any field may be missing in a draft. */
data class ApplicationForm(
    /** Driving-licence file number (档案编号). */
    val licenceFile: String? = null,
    /** Contact address. */
    val address: String? = null,
    /** Holds a C5 licence. */
    val c5Licence: Boolean = false,
    /** Everyone but the main applicant (family applications). */
    val members: List<MemberForm> = emptyList(),
)

/** A locally saved application draft. */
data class Draft(
    /** Local id. */
    val localId: String,
    /** The portal application holding it, once created there. */
    val applicationId: Long?,
    /** Kind. */
    val kind: PortalApplicationKind,
    /** The form as last saved. */
    val form: ApplicationForm,
    /** Bumped on every save. */
    val revision: Long,
    /** Whether the portal has the latest revision. */
    val synced: Boolean,
    /** Materials queued for upload. */
    val pendingUploads: List<DocumentKind>,
)

/** One field check of a submission preview. */
data class FieldCheck(
    /** The form field, e.g. `licence_file` or `family.members[0].name`. */
    val field: String,
    /** Whether it passes. */
    val valid: Boolean,
    /** The value as it should be submitted, if a fix is certain. */
    val normalized: String?,
    /** Every problem, in fixing order. */
    val errors: List<Reason>,
)

/** Everything a submission would check. */
data class Preview(
    /** Whether submitting would succeed now. */
    val ready: Boolean,
    /** Field checks. */
    val checks: List<FieldCheck>,
    /** Required materials the portal does not have yet (portal names, e.g. `id_front`). */
    val missingDocuments: List<String>,
    /** Family points (family applications). */
    val points: FamilyPoints?,
    /** Why the family is not valid, if it is not. */
    val familyProblem: Reason?,
)

/** A calendar event ahead. */
data class UpcomingEvent(val kind: EventKind, val title: Text, val at: Instant, val announced: Boolean)

/** The outcome of one code in one period. */
data class ResultOutcome(
    /** Period number: the year and the draw's sequence in it (`202606` is the sixth draw of 2026). */
    val period: String,
    /** Application code. */
    val code: String,
    /** Whether the code won. */
    val won: Boolean,
    /** Row (序号) in the published list, when won. */
    val row: UInt?,
    /** Whether the core recomputed the published draw from its seed and it matched. */
    val verified: Boolean,
)

/** A notification the core decided to show now (each code and period once). */
data class ResultNotification(
    /** Stable id: `result:<period>:<code>`. */
    val id: String,
    val outcome: ResultOutcome,
    val title: Text,
    val body: Text,
    /** Where tapping leads. */
    val deepLink: String,
)

/** A quota won in a draw. */
data class Quota(
    val id: Long,
    val applicationId: Long,
    val period: String,
    val certificate: String,
    /** `pending_confirmation`, `confirmed`, `forfeited` or `expired`. */
    val status: String,
    /** Confirm before this instant (72 hours after publication). */
    val confirmBy: Instant,
    val expiresAt: Instant,
)

/** A policy notice. */
data class Announcement(val id: Long, val title: Text, val body: Text, val publishedAt: Instant)

/** The home screen, from the cache only. */
data class Dashboard(
    val account: Account?,
    /** Applications, newest first. */
    val applications: List<PortalApplication>,
    val drafts: List<Draft>,
    /** The next calendar events. */
    val nextEvents: List<UpcomingEvent>,
    /** Latest results of the account's codes, newest period first. */
    val latestResults: List<ResultOutcome>,
    /** Upcoming reminders (stable ids). */
    val reminders: List<Reminder>,
    /** When the cache was last refreshed from the portal. */
    val refreshedAt: Instant?,
)
