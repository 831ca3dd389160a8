package app.yaohao.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.DocumentKind
import app.yaohao.presentation.form.ApplicationFormModel
import app.yaohao.presentation.form.FormFields

/** The application form: the core's field errors as typed, autosaved draft, preview, submit. */
@Composable
fun ApplicationFormScreen(
    services: ScreenServices,
    draftId: String,
    onCapture: (DocumentKind) -> Unit,
    onSubmitted: () -> Unit,
) {
    CountRecomposition("form")
    val model = rememberHolder(key = "form:$draftId") { scope ->
        ApplicationFormModel(services.client, scope)
    }
    val state by model.state.collectAsStateWithLifecycle()

    LaunchedEffect(draftId) { model.open(draftId) }
    LaunchedEffect(state.submitted) {
        if (state.submitted != null) onSubmitted()
    }
    // Leaving the screen (or the app) saves at once.
    LifecycleEventEffect(Lifecycle.Event.ON_STOP) { model.saveNow() }
    DisposableEffect(draftId) { onDispose { model.saveNow() } }

    Column(
        modifier = Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        CheckedField(
            label = tr("field_licence_file"),
            value = state.form.licenceFile.orEmpty(),
            problems = state.problems[FormFields.LICENCE_FILE],
            onValueChange = model::setLicenceFile,
        )
        CheckedField(
            label = tr("field_address"),
            value = state.form.address.orEmpty(),
            problems = state.problems[FormFields.ADDRESS],
            onValueChange = model::setAddress,
        )
        Row(verticalAlignment = Alignment.CenterVertically) {
            Checkbox(checked = state.form.c5Licence, onCheckedChange = model::setC5Licence)
            Text(tr("field_c5"))
        }
        Text(
            tr(if (state.dirty) "draft_saving" else "draft_saved"),
            style = MaterialTheme.typography.bodySmall,
        )
        Text(tr("documents_title"), style = MaterialTheme.typography.titleMedium)
        listOf(DocumentKind.ID_CARD_FRONT, DocumentKind.ID_CARD_BACK, DocumentKind.DRIVING_LICENCE).forEach { kind ->
            val queued = state.draft?.pendingUploads?.contains(kind) == true
            AssistChip(
                onClick = { onCapture(kind) },
                label = { Text(tr(kind.label()) + if (queued) " ✓" else "") },
            )
        }
        state.preview?.let { preview ->
            preview.familyProblem?.let { Text(it.local(), color = MaterialTheme.colorScheme.error) }
            preview.missingDocuments.forEach { name ->
                val label = portalDocumentKind(name)?.let { tr(it.label()) } ?: name
                Text(tr("documents_missing", label), color = MaterialTheme.colorScheme.error)
            }
            preview.points?.let { Text(tr("points_total", it.total.toInt(), it.formula)) }
        }
        ErrorBanner(state.error, onRetry = { model.preview() })
        OutlinedButton(onClick = { model.preview() }, enabled = !state.busy, modifier = Modifier.fillMaxWidth()) {
            Text(tr("form_check"))
        }
        Button(
            onClick = { model.submit() },
            enabled = !state.busy && state.preview?.ready == true,
            modifier = Modifier.fillMaxWidth(),
        ) {
            Text(tr("form_submit"))
        }
    }
}

/** The material of a portal name in a preview (`id_front`, ...), if this build knows it. */
private fun portalDocumentKind(name: String): DocumentKind? = when (name) {
    "id_front" -> DocumentKind.ID_CARD_FRONT
    "id_back" -> DocumentKind.ID_CARD_BACK
    "id_photo" -> DocumentKind.ID_PHOTO
    "driving_licence" -> DocumentKind.DRIVING_LICENCE
    "residence_permit" -> DocumentKind.RESIDENCE_PERMIT
    "work_residence_permit" -> DocumentKind.WORK_RESIDENCE_PERMIT
    "social_insurance_record" -> DocumentKind.SOCIAL_INSURANCE_RECORD
    "family_relation_proof" -> DocumentKind.FAMILY_RELATION_PROOF
    else -> null
}

/** The label of a material. */
fun DocumentKind.label(): String = when (this) {
    DocumentKind.ID_CARD_FRONT -> "doc_id_front"
    DocumentKind.ID_CARD_BACK -> "doc_id_back"
    DocumentKind.ID_PHOTO -> "doc_id_photo"
    DocumentKind.DRIVING_LICENCE -> "doc_driving_licence"
    DocumentKind.RESIDENCE_PERMIT -> "doc_residence_permit"
    DocumentKind.WORK_RESIDENCE_PERMIT -> "doc_work_residence_permit"
    DocumentKind.SOCIAL_INSURANCE_RECORD -> "doc_social_insurance"
    DocumentKind.FAMILY_RELATION_PROOF -> "doc_family_relation_proof"
    DocumentKind.MARRIAGE_CERTIFICATE -> "doc_marriage"
    DocumentKind.BUSINESS_LICENCE -> "doc_business_licence"
    DocumentKind.TAX_PROOF -> "doc_tax_proof"
}
