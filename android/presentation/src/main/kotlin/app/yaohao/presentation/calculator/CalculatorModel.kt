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
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job

/** The family points calculator's inputs and the core's answer. */
data class PointsState(
    val generations: UByte? = null,
    val familyFullYears: UInt = 0u,
    /** The main applicant first. */
    val members: List<Member> = listOf(Member(Relation.MAIN, 0u, 0u)),
    val points: FamilyPoints? = null,
    val error: UiError? = null,
) {
    /** The inputs alone (what the core's answer was computed from). */
    internal val inputs: PointsState get() = copy(points = null, error = null)
}

/** The odds calculator's inputs and the core's answer. */
data class OddsState(
    val poolSize: ULong = 0u,
    val quota: ULong = 0u,
    val unsuccessfulDraws: UInt = 0u,
    val c5: Boolean = false,
    /** Ordinary draws a year under the default policy (read from the core off the main thread; none until then). */
    val drawsPerYear: Double? = null,
    /**
     * The core's odds: the next draw's chance, the median wait, and [Odds.curve], the chance of
     * having won within n draws that the chart draws.
     */
    val odds: Odds? = null,
    val error: UiError? = null,
) {
    /** The inputs alone (what the core's answer was computed from). */
    internal val inputs: OddsState get() = copy(odds = null, error = null)
}

/** Both calculators' state. */
data class CalculatorState(val points: PointsState = PointsState(), val odds: OddsState = OddsState())

/**
 * Family points and individual odds, recomputed by the core on every change. The inputs change at
 * once; the core computes on [computation] (the odds' curve is the longest of these calls) and an
 * answer is kept only while its inputs are still the ones on screen.
 */
class CalculatorModel(
    scope: CoroutineScope,
    computation: CoroutineDispatcher = Dispatchers.Default,
) : StateHolder<CalculatorState>(CalculatorState(), scope, computation) {

    init {
        recheck("policy") {
            val perYear = policies().first { it.isDefault }.ordinaryDrawsPerYear.toDouble()
            val input = updateAndGet { it.copy(odds = it.odds.copy(drawsPerYear = it.odds.drawsPerYear ?: perYear)) }.odds
            recomputeOdds(input)
        }
    }

    /** Changes the family inputs; the returned job ends once the core's points are in the state. */
    fun editFamily(change: (PointsState) -> PointsState): Job {
        val input = updateAndGet { it.copy(points = change(it.points)) }.points
        return recheck("points") {
            val answer = compute(input)
            update { if (it.points.inputs == input.inputs) it.copy(points = answer) else it }
        }
    }

    /** Changes the odds inputs; the returned job ends once the core's odds are in the state. */
    fun editOdds(change: (OddsState) -> OddsState): Job {
        val input = updateAndGet { it.copy(odds = change(it.odds)) }.odds
        return recheck("odds") { recomputeOdds(input) }
    }

    private fun recomputeOdds(input: OddsState) {
        val answer = compute(input)
        update { if (it.odds.inputs == input.inputs) it.copy(odds = answer) else it }
    }

    private fun compute(input: PointsState): PointsState = try {
        input.copy(points = familyPoints(Family(input.generations, input.familyFullYears, input.members)), error = null)
    } catch (failure: Exception) {
        input.copy(points = null, error = failure.toUiError())
    }

    private fun compute(input: OddsState): OddsState {
        val perYear = input.drawsPerYear
        if (input.poolSize == 0uL || input.quota == 0uL || perYear == null) return input.copy(odds = null, error = null)
        return try {
            val weight = ladderWeight(input.unsuccessfulDraws, input.c5)
            val odds = estimateOdds(OddsInput(input.poolSize, input.quota, weight, input.unsuccessfulDraws, input.c5, perYear))
            input.copy(odds = odds, error = null)
        } catch (failure: Exception) {
            input.copy(odds = null, error = failure.toUiError())
        }
    }
}
