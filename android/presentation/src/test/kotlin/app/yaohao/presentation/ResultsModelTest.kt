package app.yaohao.presentation

import app.yaohao.core.YaohaoException
import app.yaohao.presentation.model.PortalApplication
import app.yaohao.presentation.model.PortalApplicationKind
import app.yaohao.presentation.model.Quota
import app.yaohao.presentation.model.ResultOutcome
import app.yaohao.presentation.results.ResultCard
import app.yaohao.presentation.results.ResultsModel
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** Results: won with the 72-hour confirmation, not won with the draw count and ladder. */
class ResultsModelTest {
    private val client = MemoryClient()
    private val published = Instant.parse("2026-11-26T04:00:00Z")
    private val clock = FixedClock(published.plusSeconds(3_600))

    private fun application(id: Long, code: String, draws: Long, c5: Boolean) =
        PortalApplication(id, PortalApplicationKind.INDIVIDUAL_ORDINARY, "approved", code, draws, c5, emptyList())

    init {
        client.cached = MemoryClient.emptyDashboard().copy(
            applications = listOf(application(1, "1111111111111", 0, false), application(2, "2222222222222", 37, true)),
            latestResults = listOf(
                ResultOutcome("202606", "1111111111111", true, 17u, true),
                ResultOutcome("202606", "2222222222222", false, null, true),
            ),
        )
        client.fresh = client.cached
        client.quotas = listOf(
            Quota(9, 1, "202606", "BJ202606000017", "pending_confirmation", published.plusSeconds(72 * 3_600), published.plusSeconds(365 * 86_400)),
        )
    }

    @Test
    fun wonAndNotWonCards() = modelTest { scope ->
        val model = ResultsModel(client, scope, clock)
        model.load().join()
        val (won, lost) = model.state.value.cards
        won as ResultCard.Won
        assertTrue(won.canConfirm)
        assertEquals(Countdown(2, 23, 0), won.confirmWithin)
        assertEquals("BJ202606000017", won.quota?.certificate)
        lost as ResultCard.NotWon
        assertEquals(37u, lost.drawCount)
        assertEquals(4u, lost.nextWeight)
    }

    @Test
    fun confirmingEndsTheAction() = modelTest { scope ->
        val model = ResultsModel(client, scope, clock)
        model.load().join()
        model.confirm(9).join()
        val won = model.state.value.cards.first() as ResultCard.Won
        assertFalse(won.canConfirm)
        assertEquals("confirmed", won.quota?.status)
        assertEquals("confirmQuota:9", client.calls.last())
    }

    @Test
    fun theActionDisappearsAfterTheDeadline() = modelTest { scope ->
        val model = ResultsModel(client, scope, clock)
        model.load().join()
        clock.now = published.plusSeconds(72 * 3_600)
        model.tick()
        val won = model.state.value.cards.first() as ResultCard.Won
        assertFalse(won.canConfirm)
        assertEquals(null, won.confirmWithin)
    }

    @Test
    fun quotasUnavailableStillShowTheResults() = modelTest { scope ->
        val model = ResultsModel(client, scope, clock)
        client.failWith = YaohaoException.DataFreeze(null, "数据冻结中", "Data freeze")
        client.failOnly = "quotas"
        model.load().join()
        assertTrue(model.state.value.error is UiError.DataFreeze)
        assertEquals(2, model.state.value.cards.size)
        assertEquals(null, (model.state.value.cards.first() as ResultCard.Won).quota)
        client.failWith = null
        model.check().join()
        assertEquals(2, model.state.value.cards.size)
        assertEquals(listOf("refresh", "checkPublishedResults", "dashboard"), client.calls.takeLast(3))
    }
}
