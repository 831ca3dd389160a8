package app.yaohao.presentation

import app.yaohao.core.Reason
import app.yaohao.core.Text
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.Test
import java.time.Instant
import kotlin.time.Duration.Companion.milliseconds

/** Beijing time, countdowns and language choice. */
class FormattingTest {
    @Test
    fun beijingTimeIsUtcPlusEight() {
        val text = BeijingTime.format(Instant.parse("2015-06-26T02:15:00Z"))
        assertEquals("2015年6月26日 10:15", text.zh)
        assertEquals("26 Jun 2015, 10:15 (Beijing)", text.en)
    }

    @Test
    fun beijingDateCrossesMidnightBeforeUtc() {
        assertEquals("2026年1月1日 02:30", BeijingTime.format(Instant.parse("2025-12-31T18:30:00Z")).zh)
    }

    @Test
    fun aBeijingDateIsShownAsItIs() {
        val text = BeijingTime.formatDate("2015-03-26")
        assertEquals("2015年3月26日", text.zh)
        assertEquals("26 Mar 2015 (Beijing)", text.en)
    }

    @Test
    fun countdownRoundsDownToTheMinute() {
        val now = Instant.parse("2026-11-20T00:00:00Z")
        assertEquals(Countdown(3, 5, 20), Countdown.between(now, now.plusSeconds(3 * 86_400 + 5 * 3_600 + 20 * 60 + 59)))
        assertEquals(Text("3天5小时", "3 d 5 h"), Countdown(3, 5, 20).text())
        assertEquals(Text("2小时7分", "2 h 7 min"), Countdown.between(now, now.plusSeconds(2 * 3_600 + 7 * 60)).text())
    }

    @Test
    fun passedInstantsCountDownToZero() {
        val now = Instant.parse("2026-11-20T00:00:00Z")
        val countdown = Countdown.between(now, now.minusSeconds(10))
        assertTrue(countdown.elapsed)
        assertEquals("now", countdown.text().en)
    }

    @Test
    fun chineseUnlessTheSystemIsEnglish() {
        assertEquals(Lang.EN, Lang.forTag("en-GB"))
        assertEquals(Lang.ZH, Lang.forTag("zh-Hans-CN"))
        assertEquals(Lang.ZH, Lang.forTag("fr"))
        assertEquals(Lang.ZH, Lang.forTag(null))
        val reason = Reason("x", "中文", "English")
        assertEquals("中文", reason.message(Lang.ZH))
        assertEquals("English", Text("中文", "English").pick(Lang.EN))
    }

    @Test
    fun ticksCarryTheClocksInstant() = runBlocking {
        val clock = FixedClock(Instant.parse("2026-11-20T00:00:00Z"))
        val seen = ticks(clock, 1.milliseconds).take(2).toList()
        assertEquals(listOf(clock.now, clock.now), seen)
    }

    @Test
    fun theCoresDeepLinksOpenTheirScreens() {
        assertEquals(Destination.RESULTS, DeepLinks.destination("yaohao://results/202606/1234567890123"))
        assertEquals(Destination.RESULTS, DeepLinks.destination("yaohao://quota/1234567890123"))
        assertEquals(Destination.REMINDERS, DeepLinks.destination("yaohao://profile/permits"))
        assertEquals(Destination.HOME, DeepLinks.destination("yaohao://calendar/2026-12-08"))
        assertEquals(Destination.HOME, DeepLinks.destination("https://example.com/results"))
        assertEquals(Destination.HOME, DeepLinks.destination("not a uri at all"))
    }
}
