package app.yaohao.presentation.reminders

import app.yaohao.core.Reminder
import app.yaohao.core.ReminderKind
import app.yaohao.presentation.Lang
import app.yaohao.presentation.pick

/** The app's notification channels; the user can silence each in the system settings. */
enum class Channel(
    /** The channel id (never change it once shipped). */
    val id: String,
    /** Whether it interrupts (high importance). */
    val urgent: Boolean,
) {
    /** Draw results. */
    RESULTS("results", true),

    /** Deadlines with consequences: cut-off, confirmation, continuation, lapse. */
    DEADLINES("deadlines", true),

    /** Documents that expire: permits, licence, marital review. */
    DOCUMENTS("documents", false),

    /** Draw and publication days. */
    CALENDAR("calendar", false),
}

/** The channel of a reminder. */
fun ReminderKind.channel(): Channel = when (this) {
    ReminderKind.RESULTS_OUT -> Channel.RESULTS
    ReminderKind.CUTOFF_SOON, ReminderKind.CONFIRM_QUOTA, ReminderKind.CONTINUATION,
    ReminderKind.CONTINUATION_LAST_DAYS, ReminderKind.LAPSE_WARNING, ReminderKind.QUOTA_EXPIRY,
    -> Channel.DEADLINES
    ReminderKind.PERMIT_ENDORSEMENT, ReminderKind.PERMIT_EXPIRY, ReminderKind.LICENCE_EXPIRY,
    ReminderKind.MARITAL_REVIEW,
    -> Channel.DOCUMENTS
    ReminderKind.DRAW_DAY, ReminderKind.ALLOCATION_DAY -> Channel.CALENDAR
}

/** A notification ready for the platform: the core's text in the user's language. */
data class NotificationContent(
    /** Stable id (the platform notification id is derived from it). */
    val id: String,
    val channel: Channel,
    val title: String,
    val body: String,
    /** Where tapping leads (`yaohao://...`). */
    val deepLink: String,
) {
    /** A stable positive platform id for [id]. */
    val platformId: Int get() = id.hashCode() and Int.MAX_VALUE
}

/** The notification of a reminder in [lang]. */
fun Reminder.notification(lang: Lang): NotificationContent =
    NotificationContent(id, kind.channel(), title.pick(lang), body.pick(lang), deepLink)
