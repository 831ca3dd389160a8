package app.yaohao.presentation.form

import app.yaohao.core.Application
import app.yaohao.core.ApplicationForm
import app.yaohao.core.Draft
import app.yaohao.core.FamilyForm
import app.yaohao.core.Field
import app.yaohao.core.MemberForm
import app.yaohao.core.Preview
import app.yaohao.core.Reason
import app.yaohao.core.Yaohao
import app.yaohao.core.validateLicenceFile
import app.yaohao.presentation.StateHolder
import app.yaohao.presentation.UiError
import app.yaohao.presentation.fieldProblems
import app.yaohao.presentation.toUiError
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/** The form field names the core and the portal use. */
object FormFields {
    const val LICENCE_FILE = "licence_file"
    const val ADDRESS = "address"

    /** The name of a member's field, e.g. `family.members[0].name`. */
    fun member(index: Int, field: String) = "family.members[$index].$field"
}

/** The application form's state. */
data class FormState(
    val draft: Draft? = null,
    val form: ApplicationForm = ApplicationForm(null, null, false, null),
    /** Problems per field (the core's, as typed, then the preview's). */
    val problems: Map<String, List<Reason>> = emptyMap(),
    /** Edits not saved yet. */
    val dirty: Boolean = false,
    /** The revision of the last local save. */
    val savedRevision: Long = 0,
    val preview: Preview? = null,
    val busy: Boolean = false,
    val error: UiError? = null,
    /** Set once submitted: the screen shows the code and leaves. */
    val submitted: Application? = null,
    /** Set once the draft was discarded: the screen leaves. */
    val discarded: Boolean = false,
) {
    /** The family members besides the main applicant (family applications). */
    val members: List<MemberForm> get() = form.family?.members.orEmpty()
}

/**
 * The application form: edits are checked by the core as typed and saved locally after a short
 * pause ([autosaveDelay]) or at once with [saveNow] (when the screen stops); the preview shows
 * the core's field errors before submitting.
 */
class ApplicationFormModel(
    private val yaohao: Yaohao,
    scope: CoroutineScope,
    private val autosaveDelay: Duration = 800.milliseconds,
    computation: CoroutineDispatcher = Dispatchers.Default,
) : StateHolder<FormState>(FormState(), scope, computation) {
    private var pendingSave: Job? = null

    /** The signed-in applicant's ID number, to name the licence-number mix-up. */
    private var residentId: String? = null

    /** Opens a draft. */
    fun open(localId: String): Job = act(::fail) {
        residentId = yaohao.dashboard().account?.account?.residentId
        val draft = yaohao.draft(localId)
        val problems = compute { checkAll(draft.form) }
        update { FormState(draft = draft, form = draft.form, savedRevision = draft.revision, problems = problems) }
    }

    /** Types the licence file number. */
    fun setLicenceFile(value: String) = edit { it.copy(licenceFile = value) }

    /** Types the contact address. */
    fun setAddress(value: String) = edit { it.copy(address = value) }

    /** Ticks or unticks the C5 licence. */
    fun setC5Licence(value: Boolean) = edit { it.copy(c5Licence = value) }

    /** Adds a family member. */
    fun addMember(member: MemberForm) = editMembers { it + member }

    /** Changes family member [index]. */
    fun setMember(index: Int, member: MemberForm) = editMembers { members -> members.mapIndexed { i, m -> if (i == index) member else m } }

    /** Removes family member [index]. */
    fun removeMember(index: Int) = editMembers { members -> members.filterIndexed { i, _ -> i != index } }

    /** Sets the main applicant's own points inputs of a family application (ladder steps, full NEV-queue years). */
    fun setMainPoints(ladderSteps: UInt, nevQueueFullYears: UInt) = edit { form ->
        val family = form.family ?: FamilyForm(null, 0u, 0u, emptyList())
        form.copy(family = family.copy(mainLadderSteps = ladderSteps, mainNevQueueFullYears = nevQueueFullYears))
    }

    /** Discards the draft here and at the portal. */
    fun discard(): Job = act(::fail) {
        pendingSave?.cancel()
        val localId = state.value.draft?.localId ?: return@act
        yaohao.discardDraft(localId)
        update { it.copy(discarded = true, dirty = false) }
    }

    private fun editMembers(change: (List<MemberForm>) -> List<MemberForm>) = edit { form ->
        val family = form.family ?: FamilyForm(null, 0u, 0u, emptyList())
        form.copy(family = family.copy(members = change(family.members)))
    }

    /** Saves the form now (the screen calls it when it stops). */
    fun saveNow(): Job = act(::fail) {
        pendingSave?.cancel()
        save()
    }

    /** Saves, then asks for every check a submission would run, shown per field. */
    fun preview(): Job = act(::fail) {
        pendingSave?.cancel()
        awaitChecks()
        save()
        val localId = state.value.draft?.localId ?: return@act
        update { it.copy(busy = true, error = null) }
        val preview = yaohao.preview(localId)
        val fromPreview = preview.checks.associate { it.field to it.errors }
        update { it.copy(busy = false, preview = preview, problems = it.problems + fromPreview) }
    }

    /** Submits once the preview is ready. */
    fun submit(): Job = act(::fail) {
        val localId = state.value.draft?.localId ?: return@act
        if (state.value.preview?.ready != true) return@act
        update { it.copy(busy = true, error = null) }
        val application = yaohao.submit(localId)
        update { it.copy(busy = false, submitted = application) }
    }

    /**
     * Applies an edit at once, re-checks the form with the core off the caller's thread (the
     * answer is kept only while the form is still the one checked) and schedules the autosave.
     * The returned job ends once the core's problems are in the state.
     */
    private fun edit(change: (ApplicationForm) -> ApplicationForm): Job {
        val form = updateAndGet { it.copy(form = change(it.form), dirty = true, preview = null) }.form
        val checked = recheck("form") {
            val problems = checkAll(form)
            update { if (it.form == form) it.copy(problems = problems) else it }
        }
        pendingSave?.cancel()
        pendingSave = scope.launch {
            delay(autosaveDelay)
            try {
                save()
            } catch (failure: Exception) {
                fail(failure.toUiError())
            }
        }
        return checked
    }

    private suspend fun save() {
        val s = state.value
        val draft = s.draft ?: return
        if (!s.dirty) return
        val saved = yaohao.saveDraft(draft.localId, s.form)
        // Edits typed while saving stay dirty and are saved by their own pending save.
        update { it.copy(draft = saved, savedRevision = saved.revision, dirty = it.form != s.form) }
    }

    /** The core's problems with every field of [form]. */
    private fun checkAll(form: ApplicationForm): Map<String, List<Reason>> = buildMap {
        form.licenceFile?.takeIf { it.isNotBlank() }?.let { put(FormFields.LICENCE_FILE, validateLicenceFile(it, residentId).errors) }
        form.address?.let { put(FormFields.ADDRESS, fieldProblems(Field.ADDRESS, it)) }
        form.family?.members.orEmpty().forEachIndexed { i, m ->
            put(FormFields.member(i, "resident_id"), fieldProblems(Field.ID, m.residentId))
            put(FormFields.member(i, "name"), fieldProblems(Field.NAME, m.name))
        }
    }.filterValues { it.isNotEmpty() }

    private fun fail(error: UiError) = update { it.copy(busy = false, error = error) }
}
