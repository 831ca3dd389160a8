package app.yaohao.presentation

import app.yaohao.core.Family
import app.yaohao.core.Member
import app.yaohao.core.Relation
import app.yaohao.core.SchedulerException
import app.yaohao.core.Text
import app.yaohao.core.familyPoints
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test
import kotlin.coroutines.cancellation.CancellationException

/** The core's and the platform's failures as UI errors. */
class UiErrorTest {
    @Test
    fun coreRefusalKeepsFieldCodeAndBothMessages() {
        val error = try {
            familyPoints(Family(null, 0u, listOf(Member(Relation.MAIN, 0u, 0u))))
            fail("a one-person family was accepted")
            return
        } catch (e: Exception) {
            e.toUiError()
        }
        val invalid = error as UiError.Invalid
        assertEquals("members", invalid.field)
        assertEquals("family_size", invalid.code)
        assertTrue(invalid.message.zh.contains("2 人"))
        assertFalse(invalid.retryable)
    }

    @Test
    fun refusedAlarmsAskForThePermission() {
        val error = SchedulerException.Refused("no").toUiError()
        assertTrue(error is UiError.ExactAlarmsDenied)
    }

    @Test
    fun clientFailuresPassThroughAndSayWhatToDo() {
        val network = UiError.Network(Text("网络连接失败", "Could not reach the portal"))
        assertEquals(network, ClientFailure(network).toUiError())
        assertTrue(network.retryable)
        assertTrue(UiError.SignedInElsewhere(Text("", "")).needsSignIn)
        assertTrue(IllegalStateException("boom").toUiError() is UiError.Other)
    }

    @Test(expected = CancellationException::class)
    fun cancellationIsNeverSwallowed() {
        CancellationException("left the screen").toUiError()
    }
}
