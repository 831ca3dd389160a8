package app.yaohao.presentation

import app.yaohao.presentation.eligibility.EligibilityModel
import app.yaohao.presentation.eligibility.ResidenceKind
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant
import java.time.LocalDate

/** The eligibility check of an individual, by the real core, on the Beijing date of the clock. */
class EligibilityModelTest {
    /** 2026-11-30 16:30 UTC is already 1 December in Beijing. */
    private val clock = FixedClock(Instant.parse("2026-11-30T16:30:00Z"))

    @Test
    fun aThirtyYearOldWithHukouAndLicenceMayApply() = modelTest { scope ->
        val model = EligibilityModel(scope, clock)
        val state = model.state.awaitState { it.verdict != null }
        assertEquals(LocalDate.of(1996, 12, 1), state.inputs.birthDate)
        assertTrue(state.verdict!!.eligible)
        assertEquals(emptyList<Any>(), state.verdict!!.failures)
    }

    @Test
    fun everyFailedConditionIsListedWithWhatToDo() = modelTest { scope ->
        val model = EligibilityModel(scope, clock)
        model.edit {
            it.copy(
                birthDate = LocalDate.of(2010, 1, 1),
                residence = ResidenceKind.RESIDENCE_PERMIT,
                socialInsuranceMonths = 10u,
                hasLicence = false,
                ownsBeijingCar = true,
            )
        }.join()
        val verdict = model.state.value.verdict!!
        assertFalse(verdict.eligible)
        assertEquals(listOf("social_insurance_months", "age", "licence_missing", "owns_car"), verdict.failures.map { it.code })
        // Each reason says what to do, in both languages.
        assertTrue(verdict.failures.all { it.messageZh.isNotBlank() && it.messageEn.isNotBlank() })
    }

    @Test
    fun aPermitExpiredBeforeTodayInBeijingIsRefused() = modelTest { scope ->
        val model = EligibilityModel(scope, clock)
        // Valid until 30 November: expired on 1 December in Beijing, though still 30 November in UTC.
        model.edit { it.copy(residence = ResidenceKind.WORK_PERMIT, permitValidUntil = LocalDate.of(2026, 11, 30)) }.join()
        assertEquals(listOf("work_permit_expired"), model.state.value.verdict!!.failures.map { it.code })
        model.edit { it.copy(permitValidUntil = LocalDate.of(2026, 12, 1)) }.join()
        assertTrue(model.state.value.verdict!!.eligible)
    }

    @Test
    fun theCheckRunsOffTheCallersThreadAndAnOutdatedAnswerIsDropped() = modelTest { scope ->
        val gate = GateDispatcher()
        val model = EligibilityModel(scope, clock, computation = gate)
        model.edit { it.copy(residence = ResidenceKind.NONE) }
        assertNull("checked on the caller's thread", model.state.value.verdict)
        model.edit { it.copy(residence = ResidenceKind.HUKOU) }
        gate.release()
        val state = model.state.value
        assertEquals(ResidenceKind.HUKOU, state.inputs.residence)
        assertTrue("the answer to the newest inputs", state.verdict!!.eligible)
    }
}
