package app.yaohao.presentation

import app.yaohao.core.Text
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.util.Locale

/** Beijing time (UTC+8, no daylight saving), in which every date of the lottery is shown. */
object BeijingTime {
    /** The offset of Beijing time. */
    val offset: ZoneOffset = ZoneOffset.ofHours(8)

    private val zh = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.SIMPLIFIED_CHINESE)
    private val en = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)

    private val zhDate = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.SIMPLIFIED_CHINESE)
    private val enDate = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)

    /** A date the core gives as a Beijing calendar date (`2015-03-26`, no time) in both languages. */
    fun formatDate(date: String): Text {
        val day = LocalDate.parse(date)
        return Text(zhDate.format(day), "${enDate.format(day)} (Beijing)")
    }

    /** [instant] as a Beijing date and time in both languages. */
    fun format(instant: Instant): Text {
        val local = instant.atOffset(offset)
        return Text(zh.format(local), "${en.format(local)} (Beijing)")
    }
}

/** Whole days, hours and minutes until an instant; zero once it has passed. */
data class Countdown(val days: Long, val hours: Long, val minutes: Long) {
    /** Whether the instant has passed. */
    val elapsed: Boolean get() = days == 0L && hours == 0L && minutes == 0L

    /** The countdown as "3天5小时20分" / "3 d 5 h 20 min". */
    fun text(): Text = when {
        elapsed -> Text("已到时间", "now")
        days > 0 -> Text("${days}天${hours}小时", "$days d $hours h")
        hours > 0 -> Text("${hours}小时${minutes}分", "$hours h $minutes min")
        else -> Text("${minutes}分钟", "$minutes min")
    }

    companion object {
        /** The countdown from [now] to [at], rounded down to the minute. */
        fun between(now: Instant, at: Instant): Countdown {
            val left = Duration.between(now, at)
            if (left.isNegative || left.isZero) return Countdown(0, 0, 0)
            return Countdown(left.toDays(), left.toHoursPart().toLong(), left.toMinutesPart().toLong())
        }
    }
}
