package app.yaohao.presentation

import app.yaohao.core.Reason
import app.yaohao.core.Relation
import app.yaohao.presentation.form.ApplicationFormModel
import app.yaohao.presentation.form.FormFields
import app.yaohao.presentation.model.FieldCheck
import app.yaohao.presentation.model.MemberForm
import app.yaohao.presentation.model.PortalApplicationKind
import app.yaohao.presentation.model.Preview
import kotlinx.coroutines.CoroutineScope
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/** The application form: the core's field errors, draft autosave, preview and submit. */
class ApplicationFormModelTest {
    private val client = MemoryClient()
    private val id = client.account.residentId

    private suspend fun open(scope: CoroutineScope, delay: Duration = Duration.INFINITE): ApplicationFormModel {
        client.cached = MemoryClient.emptyDashboard().copy(account = client.account)
        val draft = client.createDraft(PortalApplicationKind.INDIVIDUAL_ORDINARY)
        val model = ApplicationFormModel(client, scope, delay)
        model.open(draft.localId).join()
        client.calls.clear()
        return model
    }

    @Test
    fun theLicenceNumberMixUpIsNamed() = modelTest { scope ->
        val model = open(scope)
        model.setLicenceFile(id)
        assertEquals(listOf("licence_file_is_licence_number"), model.state.value.problems[FormFields.LICENCE_FILE]?.map { it.code })
        model.setAddress("北京朝阳区建国路88号")
        assertEquals("address_city", model.state.value.problems[FormFields.ADDRESS]?.first()?.code)
    }

    @Test
    fun familyMembersAreCheckedToo() = modelTest { scope ->
        val model = open(scope)
        model.addMember(MemberForm(Relation.SPOUSE, "110105194912310021", "李四", 0u, 0u))
        assertEquals("id_checksum", model.state.value.problems[FormFields.member(0, "resident_id")]?.single()?.code)
        model.removeMember(0)
        assertTrue(model.state.value.problems.isEmpty())
    }

    @Test
    fun editsAreSavedAfterAPause() = modelTest { scope ->
        val model = open(scope, 5.milliseconds)
        model.setAddress("北京市朝阳区")
        model.setAddress("北京市朝阳区建国路88号")
        val saved = model.state.awaitState { !it.dirty && it.savedRevision > 0 }
        assertEquals("北京市朝阳区建国路88号", client.drafts.getValue("d1").form.address)
        assertEquals(saved.savedRevision, client.drafts.getValue("d1").revision)
    }

    @Test
    fun saveNowSavesOnceAndOnlyWhenDirty() = modelTest { scope ->
        val model = open(scope)
        model.saveNow().join()
        assertTrue(client.calls.isEmpty())
        model.setC5Licence(true)
        assertTrue(model.state.value.dirty)
        model.saveNow().join()
        assertEquals(listOf("saveDraft:d1"), client.calls)
        assertFalse(model.state.value.dirty)
        assertTrue(client.drafts.getValue("d1").form.c5Licence)
    }

    @Test
    fun previewShowsTheFieldErrorsAndBlocksSubmit() = modelTest { scope ->
        val model = open(scope)
        val missing = Reason("required", "请填写驾驶证档案编号", "Enter the licence file number")
        client.preview = Preview(false, listOf(FieldCheck(FormFields.LICENCE_FILE, false, null, listOf(missing))), emptyList(), null, null)
        model.setAddress("北京市朝阳区建国路88号")
        model.preview().join()
        assertEquals(listOf("saveDraft:d1", "preview:d1"), client.calls)
        assertEquals(listOf(missing), model.state.value.problems[FormFields.LICENCE_FILE])
        model.submit().join()
        assertNull(model.state.value.submitted)
        assertFalse("submit" in client.calls.joinToString())
    }

    @Test
    fun aReadyPreviewSubmits() = modelTest { scope ->
        val model = open(scope)
        model.preview().join()
        model.submit().join()
        assertEquals("1234567890123", model.state.value.submitted?.code)
        assertEquals(listOf("preview:d1", "submit:d1"), client.calls)
    }
}
