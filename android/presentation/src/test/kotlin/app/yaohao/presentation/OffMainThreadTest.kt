package app.yaohao.presentation

import app.yaohao.presentation.account.AccountModel
import app.yaohao.presentation.calculator.CalculatorModel
import app.yaohao.presentation.signin.SignInField
import app.yaohao.presentation.signin.SignInModel
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Runnable
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.util.concurrent.ConcurrentLinkedQueue
import kotlin.coroutines.CoroutineContext

/** Holds the work it is given until [release], which runs it on the test's thread. */
class GateDispatcher : CoroutineDispatcher() {
    private val queue = ConcurrentLinkedQueue<Runnable>()

    /** Work waiting. */
    val pending: Int get() = queue.size

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        queue += block
    }

    /** Runs everything waiting, and what that queues in turn. */
    fun release() {
        while (true) (queue.poll() ?: return).run()
    }
}

/**
 * The core's synchronous functions (field checks, points, odds) never run on the caller's thread:
 * an edit changes the typed value at once, and the core's answer arrives only once the
 * computation dispatcher ran the work (held here until released).
 */
class OffMainThreadTest {
    @Test
    fun signInFieldsAreCheckedOffTheCallersThread() = modelTest { scope ->
        val yaohao = facade()
        val gate = GateDispatcher()
        val model = SignInModel(yaohao, pushes(yaohao), scope, computation = gate)
        model.edit(SignInField.RESIDENT_ID, "110105194912310021")
        assertEquals("110105194912310021", model.state.value.value(SignInField.RESIDENT_ID))
        assertNull("checked on the caller's thread", model.state.value.problems[SignInField.RESIDENT_ID])
        assertTrue(gate.pending > 0)
        gate.release()
        assertEquals(listOf("id_checksum"), model.state.value.problems[SignInField.RESIDENT_ID]?.map { it.code })
    }

    @Test
    fun anOutdatedCheckIsDropped() = modelTest { scope ->
        val yaohao = facade()
        val gate = GateDispatcher()
        val model = SignInModel(yaohao, pushes(yaohao), scope, computation = gate)
        model.edit(SignInField.MOBILE, "1380013800")
        model.edit(SignInField.MOBILE, "13800138000")
        gate.release()
        assertEquals(emptyList<Any>(), model.state.value.problems[SignInField.MOBILE])
    }

    @Test
    fun theMobileChangeIsCheckedOffTheCallersThread() = modelTest { scope ->
        val gate = GateDispatcher()
        val model = AccountModel(facade(), MemoryScheduler(), scope, computation = gate)
        model.editMobile("139")
        assertEquals("139", model.state.value.newMobile)
        assertTrue(model.state.value.mobileProblems.isEmpty())
        gate.release()
        assertTrue(model.state.value.mobileProblems.isNotEmpty())
    }

    @Test
    fun pointsAndOddsAreComputedOffTheCallersThread() = modelTest { scope ->
        val gate = GateDispatcher()
        val model = CalculatorModel(scope, gate)
        assertNull("the policy read on the caller's thread", model.state.value.odds.drawsPerYear)
        model.editFamily { it.copy(familyFullYears = 2u) }
        model.editOdds { it.copy(poolSize = 2_900_000uL, quota = 11_000uL) }
        assertEquals(2u, model.state.value.points.familyFullYears)
        assertNull(model.state.value.points.points)
        assertNull(model.state.value.odds.odds)
        gate.release()
        assertEquals(6.0, model.state.value.odds.drawsPerYear!!, 0.0)
        assertTrue(model.state.value.points.let { it.points != null || it.error != null })
        assertTrue(model.state.value.odds.odds!!.curve.isNotEmpty())
    }
}
