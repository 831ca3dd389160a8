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
        }
        val points = model.state.value.points.points
        assertEquals(54u, points?.total)
        assertEquals("((7+6)×2+1)×2 = 54", points?.formula)
    }

    @Test
    fun anInvalidFamilyIsExplained() = modelTest { scope ->
        val model = CalculatorModel(scope)
        model.editFamily { it.copy(familyFullYears = 1u) }
        val state = model.state.value.points
        assertNull(state.points)
        assertEquals("family_size", (state.error as UiError.Invalid).code)
    }

    @Test
    fun oddsOfTheNextDraw() = modelTest { scope ->
        val model = CalculatorModel(scope)
        assertEquals(6.0, model.state.value.odds.drawsPerYear, 0.0)
        model.editOdds { it.copy(poolSize = 3_647_274uL) }
        assertNull(model.state.value.odds.odds)
        model.editOdds { it.copy(quota = 17_804uL) }
        assertEquals(205.4, model.state.value.odds.odds!!.oneIn, 0.5)
        model.editOdds { it.copy(unsuccessfulDraws = 37u, c5 = true) }
        assertTrue(model.state.value.odds.odds!!.oneIn < 60.0)
    }
}
