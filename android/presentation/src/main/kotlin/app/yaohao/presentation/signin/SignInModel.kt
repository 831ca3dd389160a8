package app.yaohao.presentation.signin

import app.yaohao.core.Account
import app.yaohao.core.AccountHolder
import app.yaohao.core.Field
import app.yaohao.core.Reason
import app.yaohao.core.Registration
import app.yaohao.core.SmsPurpose
import app.yaohao.core.UnitRegistration
import app.yaohao.core.Yaohao
import app.yaohao.core.YaohaoException
import app.yaohao.presentation.Clock
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.fieldProblems
import app.yaohao.presentation.push.PushRegistration
import app.yaohao.presentation.requiredReason
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import java.time.Instant

/** Signing in to an existing account, registering a new one, or resetting the password. */
enum class SignInMode {
    LOGIN,
    REGISTER,
    RESET_PASSWORD,
}

/** Whose account: a person's (by resident ID) or a unit's (单位, by its credit code). */
enum class AccountType {
    PERSON,
    UNIT,
}

/**
 * The fields of the sign-in and registration form. For a unit, [RESIDENT_ID], [NAME] and [MOBILE]
 * are its contact person's (经办人).
 */
enum class SignInField {
    CREDIT_CODE,
    UNIT_NAME,
    RESIDENT_ID,
    NAME,
    MOBILE,
    PASSWORD,
    SMS_CODE,
}

/** The sign-in screen's state. */
data class SignInState(
    val mode: SignInMode = SignInMode.LOGIN,
    val accountType: AccountType = AccountType.PERSON,
    val values: Map<SignInField, String> = emptyMap(),
    /** The core's problems per field, shown under each field. */
    val problems: Map<SignInField, List<Reason>> = emptyMap(),
    /** When another SMS code may be requested; null before the first. */
    val resendAt: Instant? = null,
    val busy: Boolean = false,
    val error: UiError? = null,
    /** The account was just registered: the screen says so and asks to sign in. */
    val registered: Boolean = false,
    /** The password was just reset: the screen says so and asks to sign in. */
    val passwordReset: Boolean = false,
    /** Set once signed in: the screen navigates on. */
    val account: Account? = null,
) {
    /** The value typed in [field]. */
    fun value(field: SignInField): String = values[field].orEmpty()

    /** The field that names the account: the resident ID, or a unit's credit code. */
    val keyField: SignInField
        get() = if (accountType == AccountType.UNIT) SignInField.CREDIT_CODE else SignInField.RESIDENT_ID

    /** The fields this mode shows, in order. */
    val fields: List<SignInField>
        get() = when (mode) {
            SignInMode.LOGIN -> listOf(keyField, SignInField.PASSWORD, SignInField.SMS_CODE)
            SignInMode.REGISTER -> when (accountType) {
                AccountType.PERSON -> SignInField.entries - SignInField.CREDIT_CODE - SignInField.UNIT_NAME
                AccountType.UNIT -> SignInField.entries
            }
            SignInMode.RESET_PASSWORD -> listOf(keyField, SignInField.MOBILE, SignInField.PASSWORD, SignInField.SMS_CODE)
        }

    /** The account the typed key names. */
    val holder: AccountHolder
        get() = when (accountType) {
            AccountType.PERSON -> AccountHolder.Person(value(SignInField.RESIDENT_ID).trim())
            AccountType.UNIT -> AccountHolder.Unit(value(SignInField.CREDIT_CODE).trim())
        }
}

/**
 * Sign-in, registration and password reset with an SMS code, for a person's or a unit's account;
 * every field is checked by the core as typed. Right after signing in, the push token is sent again ([pushes]): before, the portal had no
 * account to attach it to.
 */
class SignInModel(
    private val yaohao: Yaohao,
    private val pushes: PushRegistration,
    scope: CoroutineScope,
    private val clock: Clock = Clock.System,
    computation: CoroutineDispatcher = Dispatchers.Default,
) : StateHolder<SignInState>(SignInState(), scope, computation) {

    /** Switches between signing in and registering (typed values stay). */
    fun setMode(mode: SignInMode) = update { it.copy(mode = mode, error = null) }

    /** Switches between a person's and a unit's account (typed values stay; a code sent is not reused). */
    fun setAccountType(type: AccountType) = update {
        if (it.accountType == type) it else it.copy(accountType = type, error = null, resendAt = null, values = it.values - SignInField.SMS_CODE)
    }

    /**
     * Records a typed value at once, then the core's problems with it, checked off the caller's
     * thread (kept only while the value is still the one typed); the job ends once they are in the state.
     */
    fun edit(field: SignInField, value: String): Job {
        update { it.copy(values = it.values + (field to value)) }
        return recheck(field.name) {
            val problems = problems(field, value)
            update { if (it.value(field) == value) it.copy(problems = it.problems + (field to problems)) else it }
        }
    }

    /** Whether a new SMS code may be requested at [now]. */
    fun canRequestCode(now: Instant = clock.now()): Boolean {
        val at = state.value.resendAt
        return !state.value.busy && (at == null || !now.isBefore(at))
    }

    /** Requests an SMS code: to the new mobile when registering, to the account's when signing in. */
    fun requestCode(): Job = act(::fail) {
        awaitChecks()
        val s = state.value
        val needed = when (s.mode) {
            SignInMode.REGISTER -> listOf(SignInField.MOBILE)
            SignInMode.LOGIN -> listOf(s.keyField)
            SignInMode.RESET_PASSWORD -> listOf(s.keyField, SignInField.MOBILE)
        }
        if (!checkFilled(needed)) return@act
        update { it.copy(busy = true, error = null) }
        val mobile = s.value(SignInField.MOBILE).trim()
        val sent = when (s.mode) {
            SignInMode.REGISTER -> yaohao.requestSmsCode(SmsPurpose.REGISTER, mobile, null)
            SignInMode.LOGIN -> yaohao.requestSmsCode(SmsPurpose.LOGIN, null, s.holder)
            SignInMode.RESET_PASSWORD -> yaohao.requestSmsCode(SmsPurpose.RESET_PASSWORD, mobile, s.holder)
        }
        update { it.copy(busy = false, resendAt = clock.now().plusSeconds(sent.resendAfter)) }
    }

    /** Signs in, or registers (then the form switches to signing in, which needs a new code). */
    fun submit(): Job = act(::fail) {
        awaitChecks()
        val s = state.value
        if (!checkFilled(s.fields)) return@act
        update { it.copy(busy = true, error = null) }
        val password = s.value(SignInField.PASSWORD)
        val code = s.value(SignInField.SMS_CODE).trim()
        if (s.mode == SignInMode.RESET_PASSWORD) {
            yaohao.resetPassword(s.holder, s.value(SignInField.MOBILE).trim(), code, password)
            update { it.copy(busy = false, mode = SignInMode.LOGIN, values = it.values - SignInField.SMS_CODE, resendAt = null, passwordReset = true) }
            return@act
        }
        if (s.mode == SignInMode.REGISTER) {
            val id = s.value(SignInField.RESIDENT_ID).trim()
            val name = s.value(SignInField.NAME).trim()
            val mobile = s.value(SignInField.MOBILE).trim()
            when (s.accountType) {
                AccountType.PERSON -> yaohao.register(Registration(id, name, mobile, password, code))
                AccountType.UNIT -> yaohao.registerUnit(
                    UnitRegistration(
                        s.value(SignInField.CREDIT_CODE).trim(),
                        s.value(SignInField.UNIT_NAME).trim(),
                        id,
                        name,
                        mobile,
                        password,
                        code,
                    ),
                )
            }
            // The registration code is used up: signing in takes a code sent for signing in.
            update {
                it.copy(
                    busy = false,
                    mode = SignInMode.LOGIN,
                    values = it.values - SignInField.SMS_CODE,
                    resendAt = null,
                    registered = true,
                )
            }
            return@act
        }
        val account = yaohao.login(s.holder, password, code)
        try {
            pushes.register()
        } catch (unsent: YaohaoException) {
            // Signed in all the same: the token is sent again at the next launch (TokenWorker).
        }
        update { it.copy(busy = false, account = account) }
    }

    /** Marks blank required fields; true when every field is filled and has no problem. */
    private fun checkFilled(fields: List<SignInField>): Boolean {
        val blank = fields.filter { state.value.value(it).isBlank() }
        update { it.copy(problems = it.problems + blank.associateWith { listOf(requiredReason) }) }
        return fields.all { state.value.problems[it].isNullOrEmpty() }
    }

    /** Shows [error]; a refusal naming a field is shown under that field. */
    private fun fail(error: UiError) = update {
        val field = (error as? UiError.Invalid)?.field?.let(::fieldNamed)
        if (field == null) {
            it.copy(busy = false, error = error)
        } else {
            val reason = Reason(error.code, error.message.zh, error.message.en)
            it.copy(busy = false, error = null, problems = it.problems + (field to listOf(reason)))
        }
    }

    private fun problems(field: SignInField, value: String): List<Reason> = when (field) {
        SignInField.CREDIT_CODE -> fieldProblems(Field.CREDIT_CODE, value)
        SignInField.UNIT_NAME -> fieldProblems(Field.UNIT_NAME, value)
        SignInField.RESIDENT_ID -> fieldProblems(Field.ID, value)
        SignInField.NAME -> fieldProblems(Field.NAME, value)
        SignInField.MOBILE -> fieldProblems(Field.PHONE, value)
        // The portal's password policy and code check decide these; its refusal names the field.
        SignInField.PASSWORD, SignInField.SMS_CODE -> emptyList()
    }

    /** The form field of the portal's field name. */
    private fun fieldNamed(name: String): SignInField? = when (name) {
        "credit_code" -> SignInField.CREDIT_CODE
        "unit_name" -> SignInField.UNIT_NAME
        "resident_id", "contact_resident_id", "id" -> SignInField.RESIDENT_ID
        "name", "contact_name" -> SignInField.NAME
        "mobile", "phone" -> SignInField.MOBILE
        "password" -> SignInField.PASSWORD
        "sms_code", "code" -> SignInField.SMS_CODE
        else -> null
    }
}
