package app.yaohao.presentation

import app.yaohao.core.EventKind
import app.yaohao.core.Text
import app.yaohao.core.YaohaoException
import app.yaohao.presentation.model.UpcomingEvent
import app.yaohao.presentation.push.DrawDayChecks
import app.yaohao.presentation.push.PlannedCheck
import app.yaohao.presentation.model.ResultNotification
import app.yaohao.presentation.model.ResultOutcome
import app.yaohao.presentation.push.ResultPush
import app.yaohao.presentation.reminders.Channel
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** The push payload goes to the core's result check; its notifications are shown. */
class ResultPushTest {
    private val client = MemoryClient().apply {
        notifications = listOf(
            ResultNotification(
                "result:202606:1111111111111",
                ResultOutcome("202606", "1111111111111", true, 17u, true),
                Text("摇号结果：中签", "Draw result: you won"),
                Text("请在 72 小时内确认指标。", "Confirm the quota within 72 hours."),
                "yaohao://results/202606/1111111111111",
            ),
        )
    }
    private val push = ResultPush(client)

    @Test
    fun aResultsPushChecksItsPeriod() = runBlocking {
        val shown = push.onMessage(mapOf("type" to "results", "period" to "202606"), Lang.ZH)
        assertEquals(listOf("refresh", "checkResults:202606"), client.calls)
        val notification = shown.single()
        assertEquals("摇号结果：中签", notification.title)
        assertEquals(Channel.RESULTS, notification.channel)
        assertEquals("yaohao://results/202606/1111111111111", notification.deepLink)
    }

    @Test
    fun aPushWithoutAUsablePeriodChecksEveryPublishedPeriod() = runBlocking {
        val shown = push.onMessage(mapOf("type" to "results", "period" to "2026-11"), Lang.EN)
        assertEquals(listOf("refresh", "checkPublishedResults"), client.calls)
        assertEquals("Draw result: you won", shown.single().title)
    }

    @Test
    fun offlineTheCheckRunsOnTheCache() = runBlocking {
        client.failWith = YaohaoException.Network("网络连接失败", "offline")
        client.failOnly = "refresh"
        val shown = push.checkPublished(Lang.ZH)
        assertEquals(listOf("refresh", "checkPublishedResults"), client.calls)
        assertEquals(1, shown.size)
    }

    @Test
    fun otherPushesAreIgnored() = runBlocking {
        assertTrue(push.onMessage(mapOf("type" to "marketing"), Lang.ZH).isEmpty())
        assertTrue(client.calls.isEmpty())
        push.onNewToken("token-1")
        assertEquals(listOf("registerDeviceToken:token-1"), client.calls)
    }

    @Test
    fun drawDayChecksFollowTheCalendar() {
        val draw = Instant.parse("2026-11-26T02:15:00Z")
        val published = Instant.parse("2026-11-26T08:00:00Z")
        fun event(kind: EventKind, at: Instant) = UpcomingEvent(kind, Text("", ""), at, false)
        val events = listOf(
            event(EventKind.RESULTS_PUBLISHED, published),
            event(EventKind.APPLICATION_CUTOFF, Instant.parse("2026-12-08T12:00:00Z")),
            event(EventKind.DRAW, draw),
            event(EventKind.DRAW, draw),
            event(EventKind.DRAW, Instant.parse("2026-09-26T02:15:00Z")),
        )
        val plan = DrawDayChecks.plan(events, Instant.parse("2026-11-20T00:00:00Z"))
        assertEquals(
            listOf(
                PlannedCheck("results-check:${draw.epochSecond}", draw.plusSeconds(600)),
                PlannedCheck("results-check:${published.epochSecond}", published.plusSeconds(600)),
            ),
            plan,
        )
    }
}
