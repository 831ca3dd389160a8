package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.ActionKind
import app.yaohao.core.AddressChange
import app.yaohao.core.MaritalChange
import app.yaohao.core.MaritalChangeStatus
import app.yaohao.core.MaritalStatus
import app.yaohao.core.QuotaStatus
import app.yaohao.core.Reason
import app.yaohao.presentation.BeijingTime
import app.yaohao.presentation.account.AccountModel
import app.yaohao.presentation.account.AccountState
import app.yaohao.presentation.ticks
import java.time.Duration
import java.time.Instant
import kotlin.time.Duration.Companion.seconds

/**
 * The account: the core's card, the mobile change, the marital-status change, exporting the data
 * the portal holds (saved where the user chooses), deleting the account and logging out.
 */
@Composable
fun AccountScreen(services: ScreenServices, onSignedOut: () -> Unit) {
    CountRecomposition("account")
    val model = rememberHolder { scope -> AccountModel(services.yaohao, services.scheduler, scope, services.clock) }
    val state by model.state.collectAsStateWithLifecycle()
    val clock = services.clock
    val now by remember(clock) { ticks(clock, period = 1.seconds) }.collectAsState(initial = clock.now())
    var marital by rememberSaveable { mutableStateOf(MaritalStatus.MARRIED) }
    val certificate = services.platform.rememberPhotoSources(onPhoto = { bytes -> model.requestMaritalChange(marital, bytes) })
    val addressProof = services.platform.rememberPhotoSources(onPhoto = { bytes -> model.requestAddressChange(bytes) })

    val saveExport = services.platform.rememberJsonSaver(content = { model.state.value.export?.json }, onDone = model::exportFinished)

    LaunchedEffect(Unit) { model.load() }
    LaunchedEffect(state.signedOut) { if (state.signedOut) onSignedOut() }
    LaunchedEffect(state.export) {
        val export = state.export
        if (export != null && !export.saving) {
            model.exportSaving()
            saveExport(export.fileName)
        }
    }

    AccountContent(
        state,
        now,
        AccountActions(
            editMobile = model::editMobile,
            requestCodes = { model.requestMobileCodes() },
            changeMobile = { old, new -> model.changeMobile(old, new) },
            chooseMarital = { marital = it },
            sendCertificate = certificate.pick,
            editAddress = model::editAddress,
            sendAddressProof = addressProof.pick,
            export = { model.export() },
            showDeletion = model::showDeletion,
            deleteAccount = { model.deleteAccount(it) },
            logout = { model.logout() },
        ),
        marital,
    )
}

/** What the account's content asks its holder to do. */
class AccountActions(
    val editMobile: (String) -> Unit,
    val requestCodes: () -> Unit,
    val changeMobile: (String, String) -> Unit,
    val chooseMarital: (MaritalStatus) -> Unit,
    val sendCertificate: () -> Unit,
    val editAddress: (String) -> Unit,
    val sendAddressProof: () -> Unit,
    val export: () -> Unit,
    val showDeletion: (Boolean) -> Unit,
    val deleteAccount: (password: String) -> Unit,
    val logout: () -> Unit,
)

/** The account's content for a state. */
@Composable
fun AccountContent(state: AccountState, now: Instant, actions: AccountActions, marital: MaritalStatus) {
    var oldCode by rememberSaveable { mutableStateOf("") }
    var newCode by rememberSaveable { mutableStateOf("") }
    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        // The deletion form shows a wrong password under its field.
        if (state.passwordError == null) ErrorBanner(state.error)
        val card = state.card
        if (card != null) {
            Card(modifier = Modifier.fillMaxWidth()) {
                ListItem(
                    headlineContent = { Text(card.account.name) },
                    supportingContent = { Text(tr("account_summary", card.residentIdMasked, card.mobileMasked)) },
                    trailingContent = { Text(card.maritalStatusLabel.local()) },
                )
            }
        }
        val deletion = card?.actions?.firstOrNull { it.kind == ActionKind.DELETE_ACCOUNT }
        if (state.deleting && deletion?.allowed == true) {
            // Deleting: the form alone under the account card, with nothing to scroll past.
            DeletionForm(state, actions)
            return@Column
        }
        state.quotas.forEach { quota ->
            ListItem(
                headlineContent = { Text(tr("result_certificate", quota.certificate)) },
                supportingContent = { Text(tr("result_valid_until", BeijingTime.format(quota.expiresAt).local())) },
                trailingContent = { Text(tr(quota.status.label())) },
                modifier = Modifier.testTag("quota:${quota.id}"),
            )
        }
        Text(tr("account_mobile_change"), style = MaterialTheme.typography.titleMedium)
        CheckedField(tr("account_new_mobile"), state.newMobile, state.mobileProblems, actions.editMobile, keyboardType = KeyboardType.Phone)
        val wait = state.resendAt?.let { Duration.between(now, it).seconds } ?: 0L
        OutlinedButton(onClick = actions.requestCodes, enabled = !state.busy && wait <= 0L, modifier = Modifier.fillMaxWidth().testTag("mobile-codes")) {
            Text(if (wait <= 0L) tr("account_send_codes") else tr("signin_resend_in", wait))
        }
        if (state.resendAt != null) {
            Text(tr("account_codes_sent"), style = MaterialTheme.typography.bodySmall)
            CheckedField(tr("account_old_code"), oldCode, null, { oldCode = it }, keyboardType = KeyboardType.NumberPassword)
            CheckedField(tr("account_new_code"), newCode, null, { newCode = it }, keyboardType = KeyboardType.NumberPassword)
            Button(onClick = { actions.changeMobile(oldCode, newCode) }, enabled = !state.busy, modifier = Modifier.fillMaxWidth().testTag("change-mobile")) {
                Text(tr("account_change_mobile"))
            }
        }
        Text(tr("account_marital"), style = MaterialTheme.typography.titleMedium)
        state.maritalChange?.let { MaritalChangeView(it) }
        val change = card?.actions?.firstOrNull { it.kind == ActionKind.CHANGE_MARITAL_STATUS }
        if (change != null) {
            // Allowed: choose the new status, then the certificate; refused: the core's reason.
            if (change.allowed) {
                MaritalStatus.entries.forEach { status ->
                    ListItem(
                        headlineContent = { Text(tr(status.label())) },
                        leadingContent = { RadioButton(selected = status == marital, onClick = { actions.chooseMarital(status) }) },
                        modifier = Modifier.testTag("marital:${status.name}"),
                    )
                }
                Text(tr("account_marital_certificate"), style = MaterialTheme.typography.bodySmall)
            }
            ActionButtons(listOf(change)) { actions.sendCertificate() }
        }
        val addressChange = card?.actions?.firstOrNull { it.kind == ActionKind.CHANGE_ADDRESS }
        if (addressChange != null) {
            // Allowed: type the address (the core checks it as typed), then the proof's photo;
            // refused: the core's reason (before approval the form is edited instead).
            Text(tr("account_address"), style = MaterialTheme.typography.titleMedium)
            card.addressChange?.let { AddressChangeView(it) }
            if (addressChange.allowed) {
                CheckedField(tr("account_new_address"), state.newAddress, state.addressProblems, actions.editAddress)
                Text(tr("account_address_proof"), style = MaterialTheme.typography.bodySmall)
                OutlinedButton(
                    onClick = actions.sendAddressProof,
                    enabled = !state.busy && state.newAddress.isNotBlank() && state.addressProblems.isEmpty(),
                    modifier = Modifier.fillMaxWidth().testTag("action:CHANGE_ADDRESS"),
                ) {
                    Text(addressChange.label.local())
                }
            } else {
                ActionButtons(listOf(addressChange)) {}
            }
        }
        Text(tr("account_privacy"), style = MaterialTheme.typography.titleMedium)
        Text(tr("account_export_explain"), style = MaterialTheme.typography.bodySmall)
        OutlinedButton(onClick = actions.export, enabled = !state.busy && state.export == null, modifier = Modifier.fillMaxWidth().testTag("export")) {
            Text(tr("account_export"))
        }
        state.exportSaved?.let { saved ->
            Text(tr(if (saved) "account_export_saved" else "account_export_cancelled"), style = MaterialTheme.typography.bodySmall, modifier = Modifier.testTag("export-result"))
        }
        deletion?.let { ActionButtons(listOf(it)) { actions.showDeletion(true) } }
        OutlinedButton(onClick = actions.logout, enabled = !state.busy, modifier = Modifier.fillMaxWidth().testTag("logout")) {
            Text(tr("account_logout"))
        }
    }
}

/**
 * Deleting the account: what it erases, the password (the core's refusal of a wrong one under it)
 * and the confirmation word typed out, before the button is enabled.
 */
@Composable
private fun DeletionForm(state: AccountState, actions: AccountActions) {
    var password by remember { mutableStateOf("") }
    var typed by rememberSaveable { mutableStateOf("") }
    val word = tr("account_delete_word")
    val wrong = state.passwordError?.let { listOf(Reason(it.code, it.message.zh, it.message.en)) }
    Card(
        modifier = Modifier.fillMaxWidth().testTag("deletion"),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer),
    ) {
        Column(modifier = Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(tr("account_delete_explain"), color = MaterialTheme.colorScheme.onErrorContainer)
            CheckedField(tr("account_delete_password"), password, wrong, { password = it }, keyboardType = KeyboardType.Password, secret = true)
            CheckedField(tr("account_delete_type", word), typed, null, { typed = it })
            Button(
                onClick = { actions.deleteAccount(password) },
                enabled = !state.busy && password.isNotEmpty() && typed.trim() == word,
                colors = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.error, contentColor = MaterialTheme.colorScheme.onError),
                modifier = Modifier.fillMaxWidth().testTag("delete-account"),
            ) {
                Text(tr("account_delete_confirm"))
            }
            TextButton(onClick = { actions.showDeletion(false) }, modifier = Modifier.fillMaxWidth().testTag("delete-cancel")) {
                Text(tr("action_cancel"))
            }
        }
    }
}

/** A marital-status change and its review state. */
@Composable
private fun MaritalChangeView(change: MaritalChange) {
    Card(modifier = Modifier.fillMaxWidth().testTag("marital-change")) {
        Column(modifier = Modifier.padding(12.dp)) {
            Text(tr("account_marital_requested", tr(change.requestedStatus.label()), BeijingTime.format(change.createdAt).local()))
            Text(tr(change.status.reviewLabel()), style = MaterialTheme.typography.titleSmall)
            change.reason?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        }
    }
}

/** An address change and its review state. */
@Composable
private fun AddressChangeView(change: AddressChange) {
    Card(modifier = Modifier.fillMaxWidth().testTag("address-change-state")) {
        Column(modifier = Modifier.padding(12.dp)) {
            Text(tr("account_address_requested", change.requestedAddress, BeijingTime.format(change.createdAt).local()))
            Text(tr(change.status.reviewLabel()), style = MaterialTheme.typography.titleSmall)
            change.reason?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        }
    }
}

/** The label of a reviewed change's state. */
private fun MaritalChangeStatus.reviewLabel(): String = when (this) {
    MaritalChangeStatus.Pending -> "marital_pending"
    MaritalChangeStatus.Approved -> "marital_approved"
    MaritalChangeStatus.Rejected -> "marital_rejected"
    else -> "status_unknown"
}

/** The label of a quota status. */
private fun QuotaStatus.label(): String = when (this) {
    QuotaStatus.PendingConfirmation -> "quota_pending"
    QuotaStatus.Confirmed -> "quota_confirmed"
    QuotaStatus.Forfeited -> "quota_forfeited"
    QuotaStatus.Expired -> "quota_expired"
    else -> "status_unknown"
}

/** The label of a marital status. */
fun MaritalStatus.label(): String = when (this) {
    MaritalStatus.UNMARRIED -> "marital_unmarried"
    MaritalStatus.MARRIED -> "marital_married"
    MaritalStatus.DIVORCED -> "marital_divorced"
    MaritalStatus.WIDOWED -> "marital_widowed"
}
