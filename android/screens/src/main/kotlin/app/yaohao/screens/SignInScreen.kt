package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.SegmentedButton
import androidx.compose.material3.SegmentedButtonDefaults
import androidx.compose.material3.SingleChoiceSegmentedButtonRow
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.presentation.signin.AccountType
import app.yaohao.presentation.signin.SignInField
import app.yaohao.presentation.signin.SignInMode
import app.yaohao.presentation.signin.SignInModel
import app.yaohao.presentation.ticks
import java.time.Duration
import kotlin.time.Duration.Companion.seconds

/** Sign-in and registration with an SMS code. */
@Composable
fun SignInScreen(services: ScreenServices, onSignedIn: () -> Unit) {
    CountRecomposition("signin")
    val model = rememberHolder { scope -> SignInModel(services.yaohao, services.pushes, scope, services.clock) }
    val state by model.state.collectAsStateWithLifecycle()
    // One ticker for the screen's lifetime: a new flow on every recomposition would restart the
    // collection, emit at once and recompose again, every frame.
    val clock = services.clock
    val now by remember(clock) { ticks(clock, period = 1.seconds) }.collectAsState(initial = clock.now())

    // The holder outlives a visit: only a sign-in made on this visit leads on.
    val signedInBefore = remember { state.account }
    LaunchedEffect(state.account) {
        if (state.account != null && state.account !== signedInBefore) onSignedIn()
    }

    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(24.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Choice(SignInMode.entries, state.mode, "mode", { tr(it.label()) }, model::setMode)
        Choice(AccountType.entries, state.accountType, "as", { tr(it.label()) }, model::setAccountType)
        state.fields.filter { it != SignInField.SMS_CODE }.forEach { field ->
            CheckedField(
                label = tr(field.label(state.accountType)),
                value = state.value(field),
                problems = state.problems[field],
                onValueChange = { model.edit(field, it) },
                keyboardType = if (field == SignInField.MOBILE) KeyboardType.Phone else KeyboardType.Text,
                secret = field == SignInField.PASSWORD,
            )
        }
        Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            CheckedField(
                label = tr("field_sms_code"),
                value = state.value(SignInField.SMS_CODE),
                problems = state.problems[SignInField.SMS_CODE],
                onValueChange = { model.edit(SignInField.SMS_CODE, it) },
                keyboardType = KeyboardType.NumberPassword,
                modifier = Modifier.weight(1f),
            )
            val waitSeconds = state.resendAt?.let { Duration.between(now, it).seconds } ?: 0L
            OutlinedButton(onClick = { model.requestCode() }, enabled = model.canRequestCode(now), modifier = Modifier.testTag("send-code")) {
                Text(if (waitSeconds <= 0L) tr("signin_send_code") else tr("signin_resend_in", waitSeconds))
            }
        }
        if (state.registered) {
            Text(tr("signin_registered"), color = MaterialTheme.colorScheme.primary)
        }
        if (state.passwordReset) {
            Text(tr("signin_password_reset"), color = MaterialTheme.colorScheme.primary, modifier = Modifier.testTag("password-reset"))
        }
        ErrorBanner(state.error)
        Button(onClick = { model.submit() }, enabled = !state.busy, modifier = Modifier.fillMaxWidth().testTag("submit")) {
            Text(tr(state.mode.label()))
        }
    }
}

/** One choice among [entries] as a row of segmented buttons, each tagged `tag:NAME`. */
@Composable
private fun <T : Enum<T>> Choice(entries: List<T>, selected: T, tag: String, label: @Composable (T) -> String, onSelect: (T) -> Unit) {
    SingleChoiceSegmentedButtonRow(modifier = Modifier.fillMaxWidth()) {
        entries.forEachIndexed { index, entry ->
            SegmentedButton(
                selected = selected == entry,
                onClick = { onSelect(entry) },
                shape = SegmentedButtonDefaults.itemShape(index, entries.size),
                modifier = Modifier.testTag("$tag:${entry.name}"),
            ) {
                Text(label(entry))
            }
        }
    }
}

/** The label of a sign-in mode (and of its submit button). */
private fun SignInMode.label(): String = when (this) {
    SignInMode.LOGIN -> "signin_login"
    SignInMode.REGISTER -> "signin_register"
    SignInMode.RESET_PASSWORD -> "signin_reset"
}

/** The label of an account type. */
private fun AccountType.label(): String = when (this) {
    AccountType.PERSON -> "signin_as_person"
    AccountType.UNIT -> "signin_as_unit"
}

/** The label of a sign-in field; a unit's ID, name and mobile are its contact person's. */
private fun SignInField.label(type: AccountType): String = when (this) {
    SignInField.CREDIT_CODE -> "field_credit_code"
    SignInField.UNIT_NAME -> "field_unit_name"
    SignInField.RESIDENT_ID -> if (type == AccountType.UNIT) "field_contact_resident_id" else "field_resident_id"
    SignInField.NAME -> if (type == AccountType.UNIT) "field_contact_name" else "field_name"
    SignInField.MOBILE -> if (type == AccountType.UNIT) "field_contact_mobile" else "field_mobile"
    SignInField.PASSWORD -> "field_password"
    SignInField.SMS_CODE -> "field_sms_code"
}
