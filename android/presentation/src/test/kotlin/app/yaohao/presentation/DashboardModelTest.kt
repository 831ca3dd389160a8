package app.yaohao.presentation

import app.yaohao.core.EventKind
import app.yaohao.core.Text
import app.yaohao.core.YaohaoException
import app.yaohao.presentation.dashboard.DashboardModel
import app.yaohao.presentation.model.ResultOutcome
import app.yaohao.presentation.model.UpcomingEvent
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** The home screen: cache first, then the portal; countdowns to the next cut-off and draw. */
class DashboardModelTest {
    private val client = MemoryClient()
    private val clock = FixedClock(Instant.parse("2026-11-20T02:00:00Z"))
    private val draw = UpcomingEvent(EventKind.DRAW, Text("摇号", "Draw"), Instant.parse("2026-11-26T02:15:00Z"), false)
    private val laterDraw = draw.copy(at = Instant.parse("2027-01-26T02:15:00Z"))
    private val cutoff = UpcomingEvent(EventKind.APPLICATION_CUTOFF, Text("截止", "Cut-off"), Instant.parse("2026-12-08T12:00:00Z"), true)

    @Test
    fun refreshReplacesTheCache() = modelTest { scope ->
        client.cached = MemoryClient.emptyDashboard().copy(nextEvents = listOf(laterDraw))
        client.fresh = MemoryClient.emptyDashboard().copy(
            nextEvents = listOf(laterDraw, cutoff, draw),
            latestResults = listOf(ResultOutcome("202605", "1234567890123", false, null, true)),
        )
        val model = DashboardModel(client, scope, clock)
        model.load().join()
        assertEquals(listOf("dashboard", "refresh"), client.calls)
        val state = model.state.value
        assertEquals(draw, state.nextDraw)
        assertEquals(cutoff, state.nextCutoff)
        assertEquals("202605", state.latestResult?.period)
        assertFalse(state.refreshing)
        assertEquals(Countdown(6, 0, 15), model.countdown(draw))
    }

    @Test
    fun aFailedRefreshKeepsTheCachedData() = modelTest { scope ->
        client.cached = MemoryClient.emptyDashboard().copy(nextEvents = listOf(draw))
        client.fresh = client.cached
        val model = DashboardModel(client, scope, clock)
        model.load().join()
        client.failWith = YaohaoException.Network("网络连接失败", "offline")
        model.refresh().join()
        val state = model.state.value
        assertTrue(state.error is UiError.Network)
        assertFalse(state.refreshing)
        assertEquals(draw, state.nextDraw)
    }
}
