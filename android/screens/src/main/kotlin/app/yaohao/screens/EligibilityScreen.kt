package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Checkbox
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.Reason
import app.yaohao.presentation.eligibility.EligibilityInputs
import app.yaohao.presentation.eligibility.EligibilityModel
import app.yaohao.presentation.eligibility.EligibilityState
import app.yaohao.presentation.eligibility.ResidenceKind
import java.time.LocalDate
import java.time.format.DateTimeParseException

/** Whether an individual may apply today, with every condition the core finds unmet and what to do. */
@Composable
fun EligibilityScreen(services: ScreenServices) {
    CountRecomposition("eligibility")
    val model = rememberHolder { scope -> EligibilityModel(scope, services.clock) }
    val state by model.state.collectAsStateWithLifecycle()
    EligibilityContent(state) { change -> model.edit(change) }
}

/** The eligibility form and the core's verdict. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun EligibilityContent(state: EligibilityState, edit: ((EligibilityInputs) -> EligibilityInputs) -> Unit) {
    val inputs = state.inputs
    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        DateField(tr("eligibility_birth_date"), inputs.birthDate, "birth-date") { date -> edit { it.copy(birthDate = date) } }
        Text(tr("eligibility_residence"), style = MaterialTheme.typography.titleSmall)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            ResidenceKind.entries.forEach { kind ->
                FilterChip(
                    selected = inputs.residence == kind,
                    onClick = { edit { it.copy(residence = kind) } },
                    label = { Text(tr(kind.label())) },
                    modifier = Modifier.testTag("residence:${kind.name}"),
                )
            }
        }
        if (inputs.residence == ResidenceKind.WORK_PERMIT || inputs.residence == ResidenceKind.RESIDENCE_PERMIT) {
            DateField(tr("eligibility_permit_until"), inputs.permitValidUntil, "permit-until") { date -> edit { it.copy(permitValidUntil = date) } }
        }
        if (inputs.residence == ResidenceKind.RESIDENCE_PERMIT) {
            NumberField(tr("eligibility_insurance_months"), inputs.socialInsuranceMonths) { months -> edit { it.copy(socialInsuranceMonths = months) } }
            NumberField(tr("eligibility_tax_months"), inputs.incomeTaxMonths) { months -> edit { it.copy(incomeTaxMonths = months) } }
        }
        Toggle(tr("eligibility_has_licence"), inputs.hasLicence, "has-licence") { has -> edit { it.copy(hasLicence = has) } }
        if (inputs.hasLicence) {
            DateField(tr("eligibility_licence_until"), inputs.licenceValidUntil, "licence-until") { date -> edit { it.copy(licenceValidUntil = date) } }
        }
        Toggle(tr("eligibility_owns_car"), inputs.ownsBeijingCar, "owns-car") { owns -> edit { it.copy(ownsBeijingCar = owns) } }
        Toggle(tr("eligibility_holds_quota"), inputs.holdsValidQuota, "holds-quota") { holds -> edit { it.copy(holdsValidQuota = holds) } }
        state.verdict?.let { verdict ->
            if (verdict.eligible) {
                Text(tr("eligibility_eligible"), color = MaterialTheme.colorScheme.primary, modifier = Modifier.testTag("eligible"))
            } else {
                Text(tr("eligibility_not_eligible"), style = MaterialTheme.typography.titleSmall, color = MaterialTheme.colorScheme.error)
                verdict.failures.forEach { FailedCondition(it) }
            }
        }
        ErrorBanner(state.error)
    }
}

/** One condition the core finds unmet, with what to do about it. */
@Composable
private fun FailedCondition(reason: Reason) {
    Text("• " + reason.local(), modifier = Modifier.testTag("failure:${reason.code}"))
}

/** A checkbox with its label. */
@Composable
private fun Toggle(label: String, checked: Boolean, tag: String, onChange: (Boolean) -> Unit) {
    Row(verticalAlignment = Alignment.CenterVertically) {
        Checkbox(checked = checked, onCheckedChange = onChange, modifier = Modifier.testTag(tag))
        Text(label)
    }
}

/** A date typed as 2026-01-31; the inputs change once the text is a date, and it says so until then. */
@Composable
private fun DateField(label: String, date: LocalDate, tag: String, onDate: (LocalDate) -> Unit) {
    var text by remember(date) { mutableStateOf(date.toString()) }
    val problem = if (parseDate(text) == null) listOf(Reason("date_format", "请按 2026-01-31 的格式填写日期", "Type the date as 2026-01-31")) else null
    CheckedField(
        label = label,
        value = text,
        problems = problem,
        onValueChange = { typed ->
            text = typed
            parseDate(typed)?.let(onDate)
        },
        keyboardType = KeyboardType.Number,
        modifier = Modifier.testTag(tag),
    )
}

/** [text] as a date, or null when it is not one (yet). */
private fun parseDate(text: String): LocalDate? = try {
    LocalDate.parse(text.trim())
} catch (_: DateTimeParseException) {
    null
}

/** The label of a residence ground. */
private fun ResidenceKind.label(): String = when (this) {
    ResidenceKind.HUKOU -> "residence_hukou"
    ResidenceKind.MILITARY -> "residence_military"
    ResidenceKind.WORK_PERMIT -> "residence_work_permit"
    ResidenceKind.RESIDENCE_PERMIT -> "residence_permit"
    ResidenceKind.NONE -> "residence_none"
}
