package app.yaohao.presentation.eligibility

import app.yaohao.core.Eligibility
import app.yaohao.core.PersonFacts
import app.yaohao.core.Residence
import app.yaohao.core.checkIndividualEligibility
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.Clock
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.toUiError
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import java.time.LocalDate

/** Where the right to apply comes from, as the form asks it; the core's [Residence] is built from it. */
enum class ResidenceKind {
    /** 北京户籍. */
    HUKOU,

    /** 驻京部队. */
    MILITARY,

    /** 工作居住证. */
    WORK_PERMIT,

    /** 居住证, with social insurance and income tax paid in Beijing. */
    RESIDENCE_PERMIT,

    /** None of these. */
    NONE,
}

/** What the applicant states about themselves; dates are Beijing calendar dates. */
data class EligibilityInputs(
    val birthDate: LocalDate,
    val residence: ResidenceKind = ResidenceKind.HUKOU,
    /** Until when the work-residence or residence permit is valid (asked for those two only). */
    val permitValidUntil: LocalDate,
    val socialInsuranceMonths: UInt = 60u,
    val incomeTaxMonths: UInt = 60u,
    val hasLicence: Boolean = true,
    /** Until when the driving licence is valid (asked when [hasLicence]). */
    val licenceValidUntil: LocalDate,
    val ownsBeijingCar: Boolean = false,
    val holdsValidQuota: Boolean = false,
) {
    /** The facts as the core takes them. */
    val facts: PersonFacts
        get() = PersonFacts(
            birthDate.toString(),
            coreResidence,
            licenceValidUntil.toString().takeIf { hasLicence },
            ownsBeijingCar,
            holdsValidQuota,
        )

    private val coreResidence: Residence
        get() = when (residence) {
            ResidenceKind.HUKOU -> Residence.BeijingHukou
            ResidenceKind.MILITARY -> Residence.MilitaryInBeijing
            ResidenceKind.WORK_PERMIT -> Residence.WorkResidencePermit(permitValidUntil.toString())
            ResidenceKind.RESIDENCE_PERMIT ->
                Residence.ResidencePermit(permitValidUntil.toString(), socialInsuranceMonths, incomeTaxMonths)
            ResidenceKind.NONE -> Residence.Unqualified
        }

    companion object {
        /** A plausible start on [today]: 30 years old, Beijing hukou, a licence valid five more years. */
        fun startingOn(today: LocalDate) = EligibilityInputs(
            birthDate = today.minusYears(30),
            permitValidUntil = today.plusYears(1),
            licenceValidUntil = today.plusYears(5),
        )
    }
}

/** The eligibility check's state: the inputs and the core's verdict with every failed condition. */
data class EligibilityState(
    val inputs: EligibilityInputs,
    /** The core's verdict on [inputs]: eligible, or each failed condition with what to do. */
    val verdict: Eligibility? = null,
    val error: UiError? = null,
)

/**
 * Whether an individual may apply today (Beijing date), by the core's rules: every change of the
 * inputs is checked by the core on [computation], and an answer is kept only while its inputs are
 * still the ones on screen. Needs no account and no network.
 */
class EligibilityModel(
    scope: CoroutineScope,
    private val clock: Clock = Clock.System,
    computation: CoroutineDispatcher = Dispatchers.Default,
) : StateHolder<EligibilityState>(EligibilityState(EligibilityInputs.startingOn(today(clock))), scope, computation) {

    init {
        edit { it }
    }

    /** Changes the inputs; the returned job ends once the core's verdict on them is in the state. */
    fun edit(change: (EligibilityInputs) -> EligibilityInputs): Job {
        val inputs = updateAndGet { it.copy(inputs = change(it.inputs)) }.inputs
        return recheck("eligibility") {
            val answer = try {
                EligibilityState(inputs, checkIndividualEligibility(inputs.facts, today(clock).toString()))
            } catch (failure: Exception) {
                EligibilityState(inputs, error = failure.toUiError())
            }
            update { if (it.inputs == inputs) answer else it }
        }
    }
}

/** Today's Beijing calendar date. */
private fun today(clock: Clock): LocalDate = clock.now().atOffset(BeijingTime.offset).toLocalDate()
