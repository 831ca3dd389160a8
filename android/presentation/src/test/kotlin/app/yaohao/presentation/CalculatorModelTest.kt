package app.yaohao.presentation

import app.yaohao.core.Member
import app.yaohao.core.Relation
import app.yaohao.presentation.calculator.CalculatorModel
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test

/** Family points and odds from the real core. */
class CalculatorModelTest {
    @Test
    fun familyPointsWithTheFormula() = modelTest { scope ->
        val model = CalculatorModel(scope)
        model.editFamily {
            it.copy(members = listOf(Member(Relation.MAIN, 5u, 0u), Member(Relation.SPOUSE, 5u, 0u), Member(Relation.CHILD, 0u, 0u)))
        }.join()
        val points = model.state.value.points.points
        assertEquals(54u, points?.total)
        assertEquals("((7+6)×2+1)×2 = 54", points?.formula)
    }

    @Test
    fun anInvalidFamilyIsExplained() = modelTest { scope ->
        val model = CalculatorModel(scope)
        model.editFamily { it.copy(familyFullYears = 1u) }.join()
        val state = model.state.value.points
        assertNull(state.points)
        assertEquals("family_size", (state.error as UiError.Invalid).code)
    }

    @Test
    fun oddsOfTheNextDraw() = modelTest { scope ->
        val model = CalculatorModel(scope)
        assertEquals(6.0, model.state.awaitState { it.odds.drawsPerYear != null }.odds.drawsPerYear!!, 0.0)
        model.editOdds { it.copy(poolSize = 3_647_274uL) }.join()
        assertNull(model.state.value.odds.odds)
        model.editOdds { it.copy(quota = 17_804uL) }.join()
        assertEquals(205.4, model.state.value.odds.odds!!.oneIn, 0.5)
        model.editOdds { it.copy(unsuccessfulDraws = 37u, c5 = true) }.join()
        assertTrue(model.state.value.odds.odds!!.oneIn < 60.0)
    }

    @Test
    fun theStateCarriesTheCoresCurveForTheChart() = modelTest { scope ->
        val model = CalculatorModel(scope)
        model.state.awaitState { it.odds.drawsPerYear != null }
        model.editOdds { it.copy(poolSize = 2_900_000uL, quota = 11_000uL, unsuccessfulDraws = 13u) }.join()
        val odds = model.state.value.odds.odds!!
        val curve = odds.curve
        assertTrue("a curve of at most ~48 points: ${curve.size}", curve.size in 2..49)
        // Rising in draws, years and chance, ending near 99 % (the core's end), starting above 0.
        assertTrue(curve.zipWithNext().all { (a, b) -> a.draws < b.draws && a.years < b.years && a.probability <= b.probability })
        assertTrue(curve.first().probability > 0.0)
        assertTrue("ends at ${curve.last().probability}", curve.last().probability >= 0.98 || odds.capped)
        // The median the core names lies on the curve: half is reached there and not a point before.
        val half = curve.first { it.probability >= 0.5 }
        assertTrue("median ${odds.medianDraws} vs ${half.draws}", odds.medianDraws <= half.draws)
        assertTrue(curve.filter { it.draws < odds.medianDraws }.all { it.probability < 0.5 })
        // Years are the same draws at the policy's six a year.
        assertEquals(curve.last().draws.toDouble() / 6.0, curve.last().years, 1e-6)
    }
}
