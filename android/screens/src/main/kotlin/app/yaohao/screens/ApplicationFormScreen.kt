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
import androidx.compose.material3.Card
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.yaohao.core.DocumentKind
import app.yaohao.core.MemberForm
import app.yaohao.core.Preview
import app.yaohao.core.Reason
import app.yaohao.core.Relation
import app.yaohao.core.documentLabel
import app.yaohao.presentation.form.ApplicationFormModel
import app.yaohao.presentation.form.FormFields

/** The application form: the core's field errors as typed, autosaved draft, preview, submit. */
@Composable
fun ApplicationFormScreen(
    services: ScreenServices,
    draftId: String,
    onCapture: (DocumentKind) -> Unit,
    onDone: () -> Unit,
) {
    CountRecomposition("form")
    val model = rememberHolder(key = "form:$draftId") { scope ->
        ApplicationFormModel(services.yaohao, scope)
    }
    val state by model.state.collectAsStateWithLifecycle()

    LaunchedEffect(draftId) { model.open(draftId) }
    LaunchedEffect(state.submitted, state.discarded) {
        if (state.submitted != null || state.discarded) onDone()
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
        // The core gives a family kind's form its family section: shown because it is there.
        val family = state.form.family
        if (family != null) {
            Text(tr("family_main_points"), style = MaterialTheme.typography.titleMedium)
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                NumberField(tr("points_ladder"), family.mainLadderSteps, Modifier.weight(1f)) { model.setMainPoints(it, family.mainNevQueueFullYears) }
                NumberField(tr("points_nev_years"), family.mainNevQueueFullYears, Modifier.weight(1f)) { model.setMainPoints(family.mainLadderSteps, it) }
            }
            FamilyMembers(state.members, state.problems, model::setMember, model::removeMember, model::addMember)
        }
        Text(tr("documents_title"), style = MaterialTheme.typography.titleMedium)
        // The materials the core's preview says this kind needs, and whatever else it asks for.
        val queued = state.draft?.pendingUploads.orEmpty().map { it.kind }
        val kinds = (state.preview?.requiredDocuments.orEmpty() + state.preview?.missingDocuments.orEmpty()).distinct()
        kinds.forEach { kind ->
            AssistChip(
                onClick = { onCapture(kind) },
                label = { Text(documentLabel(kind).local() + if (kind in queued) " ✓" else "") },
                modifier = Modifier.testTag("capture:${kind.name}"),
            )
        }
        state.preview?.let { preview -> PreviewSummary(preview) }
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
        TextButton(onClick = { model.discard() }, enabled = !state.busy, modifier = Modifier.fillMaxWidth().testTag("discard")) {
            Text(tr("draft_discard"))
        }
    }
}

/** The read-only preview: every check the portal will run, the missing materials, the family points. */
@Composable
private fun PreviewSummary(preview: Preview) {
    Card(modifier = Modifier.fillMaxWidth().testTag("preview")) {
        Column(modifier = Modifier.padding(12.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(tr(if (preview.ready) "form_ready" else "form_not_ready"), style = MaterialTheme.typography.titleSmall)
            preview.checks.filter { !it.valid }.flatMap { it.errors }.forEach { Text("✗ " + it.local(), color = MaterialTheme.colorScheme.error) }
            preview.familyProblem?.let { Text(it.local(), color = MaterialTheme.colorScheme.error) }
            preview.missingDocuments.forEach { kind ->
                Text(tr("documents_missing", documentLabel(kind).local()), color = MaterialTheme.colorScheme.error)
            }
            preview.points?.let { Text(tr("points_total", it.total.toInt(), it.formula)) }
        }
    }
}

/** A family's members besides the main applicant: relation, name, ID (checked by the core) and their own points inputs. */
@Composable
private fun FamilyMembers(
    members: List<MemberForm>,
    problems: Map<String, List<Reason>>,
    onChange: (Int, MemberForm) -> Unit,
    onRemove: (Int) -> Unit,
    onAdd: (MemberForm) -> Unit,
) {
    Text(tr("family_members"), style = MaterialTheme.typography.titleMedium)
    members.forEachIndexed { index, member ->
        Card(modifier = Modifier.fillMaxWidth().testTag("family-member:$index")) {
            Column(modifier = Modifier.padding(12.dp)) {
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Text(tr(member.relation.label()), modifier = Modifier.weight(1f), style = MaterialTheme.typography.titleSmall)
                    TextButton(onClick = { onRemove(index) }, modifier = Modifier.testTag("family-remove:$index")) { Text(tr("action_remove")) }
                }
                CheckedField(tr("field_name"), member.name, problems[FormFields.member(index, "name")], { onChange(index, member.copy(name = it)) })
                CheckedField(tr("field_resident_id"), member.residentId, problems[FormFields.member(index, "resident_id")], { onChange(index, member.copy(residentId = it)) })
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    NumberField(tr("points_ladder"), member.ladderSteps, Modifier.weight(1f)) { onChange(index, member.copy(ladderSteps = it)) }
                    NumberField(tr("points_nev_years"), member.nevQueueFullYears, Modifier.weight(1f)) { onChange(index, member.copy(nevQueueFullYears = it)) }
                }
            }
        }
    }
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        listOf(Relation.SPOUSE, Relation.CHILD, Relation.PARENT).forEach { relation ->
            OutlinedButton(onClick = { onAdd(MemberForm(relation, "", "", 0u, 0u)) }, modifier = Modifier.weight(1f).testTag("family-add:${relation.name}")) {
                Text("+ " + tr(relation.label()))
            }
        }
    }
}
