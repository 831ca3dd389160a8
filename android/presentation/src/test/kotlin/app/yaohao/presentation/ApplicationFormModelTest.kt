package app.yaohao.presentation

import app.yaohao.core.ApplicationKind
import app.yaohao.core.MemberForm
import app.yaohao.core.Relation
import app.yaohao.core.Yaohao
import app.yaohao.core.YaohaoException
import app.yaohao.presentation.form.ApplicationFormModel
import app.yaohao.presentation.form.FormFields
import kotlinx.coroutines.CoroutineScope
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/** The application form over the real facade: the core's field errors, draft autosave, preview, discard. */
class ApplicationFormModelTest {
    private val yaohao: Yaohao = facade()

    private suspend fun open(scope: CoroutineScope, delay: Duration = Duration.INFINITE, kind: ApplicationKind = ApplicationKind.INDIVIDUAL_ORDINARY): ApplicationFormModel {
        val draft = yaohao.createDraft(kind)
        val model = ApplicationFormModel(yaohao, scope, delay)
        model.open(draft.localId).join()
        assertNull(model.state.value.error)
        return model
    }

    @Test
    fun theLicenceNumberMixUpIsNamedForTheSignedInApplicant() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val signedIn = facade(portal.url)
            signIn(portal, signedIn, scope)
            signedIn.refresh(null)
            val model = ApplicationFormModel(signedIn, scope)
            model.open(signedIn.createDraft(ApplicationKind.INDIVIDUAL_ORDINARY).localId).join()
            model.setLicenceFile(Applicant.ID).join()
            assertEquals(listOf("licence_file_is_licence_number"), model.state.value.problems[FormFields.LICENCE_FILE]?.map { it.code })
            model.setAddress("北京朝阳区建国路88号").join()
            assertEquals("address_city", model.state.value.problems[FormFields.ADDRESS]?.first()?.code)
        }
    }

    @Test
    fun familyMembersAreAddedCheckedAndRemoved() = modelTest { scope ->
        val model = open(scope, kind = ApplicationKind.FAMILY)
        model.addMember(MemberForm(Relation.SPOUSE, "110105194912310021", "李四", 0u, 0u)).join()
        model.addMember(MemberForm(Relation.CHILD, "11010519491231002X", "张小三", 0u, 0u)).join()
        assertEquals(2, model.state.value.members.size)
        assertEquals("id_checksum", model.state.value.problems[FormFields.member(0, "resident_id")]?.single()?.code)
        model.setMember(1, model.state.value.members[1].copy(relation = Relation.PARENT)).join()
        assertEquals(Relation.PARENT, model.state.value.members[1].relation)
        model.removeMember(0).join()
        assertEquals(listOf("张小三"), model.state.value.members.map { it.name })
        assertTrue(model.state.value.problems.isEmpty())
        model.setMember(0, model.state.value.members[0].copy(ladderSteps = 4u, nevQueueFullYears = 1u)).join()
        model.setMainPoints(6u, 2u).join()
        model.saveNow().join()
        val family = yaohao.draft(model.state.value.draft!!.localId).form.family!!
        assertEquals(listOf("张小三"), family.members.map { it.name })
        assertEquals(4u, family.members.single().ladderSteps)
        assertEquals(1u, family.members.single().nevQueueFullYears)
        assertEquals(6u, family.mainLadderSteps)
        assertEquals(2u, family.mainNevQueueFullYears)
    }

    @Test
    fun editsAreSavedAfterAPause() = modelTest { scope ->
        val model = open(scope, 5.milliseconds)
        model.setAddress("北京市朝阳区").join()
        model.setAddress("北京市朝阳区建国路88号").join()
        val saved = model.state.awaitState { !it.dirty && it.savedRevision > 1 }
        val stored = yaohao.draft(saved.draft!!.localId)
        assertEquals("北京市朝阳区建国路88号", stored.form.address)
        assertEquals(saved.savedRevision, stored.revision)
    }

    @Test
    fun saveNowSavesOnlyWhenDirty() = modelTest { scope ->
        val model = open(scope)
        val first = model.state.value.savedRevision
        model.saveNow().join()
        assertEquals(first, yaohao.draft(model.state.value.draft!!.localId).revision)
        model.setC5Licence(true).join()
        assertTrue(model.state.value.dirty)
        model.saveNow().join()
        assertFalse(model.state.value.dirty)
        val stored = yaohao.draft(model.state.value.draft!!.localId)
        assertTrue(stored.form.c5Licence)
        assertTrue(stored.revision > first)
    }

    @Test
    fun thePreviewShowsTheCoresChecksAndBlocksSubmit() = modelTest { scope ->
        val model = open(scope)
        model.setAddress("北京市朝阳区建国路88号").join()
        model.preview().join()
        val preview = model.state.value.preview!!
        assertFalse(preview.ready)
        assertTrue(preview.missingDocuments.isNotEmpty())
        val failing = preview.checks.filter { !it.valid }.map { it.field }
        assertTrue(FormFields.LICENCE_FILE in failing)
        assertEquals(preview.checks.first { it.field == FormFields.LICENCE_FILE }.errors, model.state.value.problems[FormFields.LICENCE_FILE])
        model.submit().join()
        assertNull(model.state.value.submitted)
        assertNull(model.state.value.error)
    }

    @Test
    fun aDiscardedDraftIsGone() = modelTest { scope ->
        val model = open(scope)
        val localId = model.state.value.draft!!.localId
        model.discard().join()
        assertNull(model.state.value.error)
        assertTrue(model.state.value.discarded)
        val gone = runCatching { yaohao.draft(localId) }.exceptionOrNull()
        assertTrue("still there: $gone", gone is YaohaoException.NotFound)
    }
}
