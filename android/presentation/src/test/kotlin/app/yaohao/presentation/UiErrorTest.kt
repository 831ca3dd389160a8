package app.yaohao.presentation

import app.yaohao.core.Family
import app.yaohao.core.Member
import app.yaohao.core.Relation
import app.yaohao.presentation.reminders.ScheduleRefused
import app.yaohao.core.Text
import app.yaohao.core.YaohaoException
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
        val error = ScheduleRefused("no").toUiError()
        assertTrue(error is UiError.ExactAlarmsDenied)
    }

    @Test
    fun facadeErrorsKeepTheirTextAndWhatToDo() {
        val network = YaohaoException.Network("网络连接失败", "Could not reach the portal").toUiError()
        assertEquals(UiError.Network(Text("网络连接失败", "Could not reach the portal")), network)
        assertTrue(network.retryable)
        val freeze = YaohaoException.DataFreeze(java.time.Instant.EPOCH, "冻结", "frozen").toUiError() as UiError.DataFreeze
        assertEquals(java.time.Instant.EPOCH, freeze.until)
        assertTrue(YaohaoException.AuthRequired("请登录", "Sign in").toUiError().needsSignIn)
        assertEquals(30L, (YaohaoException.RateLimited(30uL, "稍后", "later").toUiError() as UiError.RateLimited).retryAfterSeconds)
        assertEquals(null, (YaohaoException.InvalidInput("", "invalid_state", "状态", "state").toUiError() as UiError.Invalid).field)
        assertTrue(UiError.SignedInElsewhere(Text("", "")).needsSignIn)
        assertTrue(IllegalStateException("boom").toUiError() is UiError.Other)
    }

    @Test(expected = CancellationException::class)
    fun cancellationIsNeverSwallowed() {
        CancellationException("left the screen").toUiError()
    }

    @Test(expected = CancellationException::class)
    fun aCancelledFacadeCallStaysACancellation() {
        YaohaoException.Cancelled().toUiError()
    }
}
