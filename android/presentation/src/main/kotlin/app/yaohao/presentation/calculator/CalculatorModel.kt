package app.yaohao.presentation.calculator

import app.yaohao.core.Family
import app.yaohao.core.FamilyPoints
import app.yaohao.core.Member
import app.yaohao.core.Odds
import app.yaohao.core.OddsInput
import app.yaohao.core.Relation
import app.yaohao.core.familyPoints
import app.yaohao.core.estimateOdds
import app.yaohao.core.ladderWeight
import app.yaohao.core.policies
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.toUiError
import kotlinx.coroutines.CoroutineScope

/** The family points calculator's inputs and the core's answer. */
data class PointsState(
    val generations: UByte? = null,
    val familyFullYears: UInt = 0u,
    /** The main applicant first. */
    val members: List<Member> = listOf(Member(Relation.MAIN, 0u, 0u)),
    val points: FamilyPoints? = null,
    val error: UiError? = null,
)

/** The odds calculator's inputs and the core's answer. */
data class OddsState(
    val poolSize: ULong = 0u,
    val quota: ULong = 0u,
    val unsuccessfulDraws: UInt = 0u,
    val c5: Boolean = false,
    /** Ordinary draws a year under the default policy. */
    val drawsPerYear: Double = policies().first { it.isDefault }.ordinaryDrawsPerYear.toDouble(),
    val odds: Odds? = null,
    val error: UiError? = null,
)

/** Both calculators' state. */
data class CalculatorState(val points: PointsState = PointsState(), val odds: OddsState = OddsState())

/** Family points and individual odds, recomputed by the core on every change. */
class CalculatorModel(scope: CoroutineScope) : StateHolder<CalculatorState>(CalculatorState(), scope) {

    /** Changes the family inputs. */
    fun editFamily(change: (PointsState) -> PointsState) = update {
        val input = change(it.points)
        it.copy(points = compute(input))
    }

    /** Changes the odds inputs. */
    fun editOdds(change: (OddsState) -> OddsState) = update {
        val input = change(it.odds)
        it.copy(odds = compute(input))
    }

    private fun compute(input: PointsState): PointsState = try {
        input.copy(points = familyPoints(Family(input.generations, input.familyFullYears, input.members)), error = null)
    } catch (failure: Exception) {
        input.copy(points = null, error = failure.toUiError())
    }

    private fun compute(input: OddsState): OddsState {
        if (input.poolSize == 0uL || input.quota == 0uL) return input.copy(odds = null, error = null)
        return try {
            val weight = ladderWeight(input.unsuccessfulDraws, input.c5)
            val odds = estimateOdds(OddsInput(input.poolSize, input.quota, weight, input.unsuccessfulDraws, input.c5, input.drawsPerYear))
            input.copy(odds = odds, error = null)
        } catch (failure: Exception) {
            input.copy(odds = null, error = failure.toUiError())
        }
    }
}
