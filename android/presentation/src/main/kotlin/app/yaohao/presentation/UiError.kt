package app.yaohao.presentation

import app.yaohao.presentation.reminders.ScheduleRefused
import app.yaohao.core.Text
import app.yaohao.core.YaohaoException
import java.time.Instant
import kotlin.coroutines.cancellation.CancellationException

/** What went wrong, as a screen acts on it; every case carries the text to show. */
sealed interface UiError {
    /** What to show. */
    val message: Text

    /** The portal could not be reached; the cached data is still shown. */
    data class Network(override val message: Text) : UiError

    /** Queries are paused before a draw until [until]; not a fault. */
    data class DataFreeze(val until: Instant?, override val message: Text) : UiError

    /** No valid session: go to sign-in. */
    data class SignInRequired(override val message: Text) : UiError

    /** Another device signed in with this account, which ended this session. */
    data class SignedInElsewhere(override val message: Text) : UiError

    /** Too many attempts; wait [retryAfterSeconds]. */
    data class RateLimited(val retryAfterSeconds: Long, override val message: Text) : UiError

    /** The input was refused: [field] names the form field to fix, if known. */
    data class Invalid(val field: String?, val code: String, override val message: Text) : UiError

    /** The thing asked for does not exist (any more). */
    data class NotFound(override val message: Text) : UiError

    /** The portal failed; try again later. */
    data class Server(override val message: Text) : UiError

    /** The system refused exact alarms: ask the user for the permission. */
    data class ExactAlarmsDenied(override val message: Text) : UiError

    /** Anything else. */
    data class Other(override val message: Text) : UiError
}

/** Whether repeating the same action later may succeed without any change by the user. */
val UiError.retryable: Boolean
    get() = this is UiError.Network || this is UiError.DataFreeze || this is UiError.RateLimited || this is UiError.Server

/** Whether the screen should send the user to sign-in. */
val UiError.needsSignIn: Boolean
    get() = this is UiError.SignInRequired || this is UiError.SignedInElsewhere

/** The UI error for a failure of the core or the platform; cancellation is never mapped. */
fun Throwable.toUiError(): UiError = when (this) {
    is CancellationException -> throw this
    is YaohaoException -> toUiError()
    is ScheduleRefused -> UiError.ExactAlarmsDenied(
        Text("系统未允许精确提醒，请在设置中允许“闹钟和提醒”", "Exact alarms are not allowed; allow \"Alarms & reminders\" in Settings"),
    )
    else -> UiError.Other(Text("出现意外错误，请稍后重试", "Something went wrong; please try again"))
}

/** The UI error of the core's boundary error (a cancelled call stays a cancellation). */
private fun YaohaoException.toUiError(): UiError = when (this) {
    is YaohaoException.InvalidInput -> UiError.Invalid(field.ifEmpty { null }, code, Text(messageZh, messageEn))
    is YaohaoException.Network -> UiError.Network(Text(messageZh, messageEn))
    is YaohaoException.DataFreeze -> UiError.DataFreeze(until, Text(messageZh, messageEn))
    is YaohaoException.AuthRequired -> UiError.SignInRequired(Text(messageZh, messageEn))
    is YaohaoException.LoggedInElsewhere -> UiError.SignedInElsewhere(Text(messageZh, messageEn))
    is YaohaoException.RateLimited -> UiError.RateLimited(retryAfterSeconds.toLong(), Text(messageZh, messageEn))
    is YaohaoException.NotFound -> UiError.NotFound(Text(messageZh, messageEn))
    is YaohaoException.Server -> UiError.Server(Text(messageZh, messageEn))
    is YaohaoException.Other -> UiError.Other(Text(messageZh, messageEn))
    is YaohaoException.Contract -> UiError.Other(Text(messageZh, messageEn))
    is YaohaoException.Cancelled -> throw CancellationException("cancelled through its CancelToken")
}
