package app.yaohao.app.ui.screens

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
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.app.AppGraph
import app.yaohao.app.R
import app.yaohao.app.ui.CheckedField
import app.yaohao.app.ui.ErrorBanner
import app.yaohao.app.ui.rememberHolder
import app.yaohao.presentation.ticks
import app.yaohao.presentation.signin.SignInField
import app.yaohao.presentation.signin.SignInMode
import app.yaohao.presentation.signin.SignInModel
import androidx.compose.runtime.collectAsState
import java.time.Duration
import java.time.Instant
import kotlin.time.Duration.Companion.seconds

/** Sign-in and registration with an SMS code. */
@Composable
fun SignInScreen(graph: AppGraph, onSignedIn: () -> Unit) {
    val model = rememberHolder { scope -> SignInModel(graph.client, scope) }
    val state by model.state.collectAsStateWithLifecycle()
    val now by ticks(period = 1.seconds).collectAsState(initial = Instant.now())

    LaunchedEffect(state.account) {
        if (state.account != null) onSignedIn()
    }

    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(24.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        SingleChoiceSegmentedButtonRow(modifier = Modifier.fillMaxWidth()) {
            SignInMode.entries.forEachIndexed { index, mode ->
                SegmentedButton(
                    selected = state.mode == mode,
                    onClick = { model.setMode(mode) },
                    shape = SegmentedButtonDefaults.itemShape(index, SignInMode.entries.size),
                ) {
                    Text(stringResource(if (mode == SignInMode.LOGIN) R.string.signin_login else R.string.signin_register))
                }
            }
        }
        state.fields.filter { it != SignInField.SMS_CODE }.forEach { field ->
            CheckedField(
                label = stringResource(field.label()),
                value = state.value(field),
                problems = state.problems[field],
                onValueChange = { model.edit(field, it) },
                keyboardType = if (field == SignInField.MOBILE) KeyboardType.Phone else KeyboardType.Text,
                secret = field == SignInField.PASSWORD,
            )
        }
        Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            Column(modifier = Modifier.weight(1f)) {
                CheckedField(
                    label = stringResource(R.string.field_sms_code),
                    value = state.value(SignInField.SMS_CODE),
                    problems = state.problems[SignInField.SMS_CODE],
                    onValueChange = { model.edit(SignInField.SMS_CODE, it) },
                    keyboardType = KeyboardType.NumberPassword,
                )
            }
            val waitSeconds = state.resendAt?.let { Duration.between(now, it).seconds } ?: 0L
            OutlinedButton(onClick = { model.requestCode() }, enabled = model.canRequestCode(now)) {
                if (waitSeconds <= 0L) {
                    Text(stringResource(R.string.signin_send_code))
                } else {
                    Text(stringResource(R.string.signin_resend_in, waitSeconds))
                }
            }
        }
        if (state.registered) {
            Text(stringResource(R.string.signin_registered), color = MaterialTheme.colorScheme.primary)
        }
        ErrorBanner(state.error)
        Button(onClick = { model.submit() }, enabled = !state.busy, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(if (state.mode == SignInMode.LOGIN) R.string.signin_login else R.string.signin_register))
        }
    }
}

/** The label of a sign-in field. */
private fun SignInField.label(): Int = when (this) {
    SignInField.RESIDENT_ID -> R.string.field_resident_id
    SignInField.NAME -> R.string.field_name
    SignInField.MOBILE -> R.string.field_mobile
    SignInField.PASSWORD -> R.string.field_password
    SignInField.SMS_CODE -> R.string.field_sms_code
}
