package app.yaohao.presentation

import app.yaohao.presentation.following.FollowModel
import app.yaohao.presentation.push.DrawDayChecks
import app.yaohao.presentation.push.ResultPush
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test

/** Following codes from the official system with no account. */
class FollowModelTest {
    private val file = repoFile("tests/fixtures/results/unit-2015-named.utf8.txt").readBytes()

    @Test
    fun codesAreFollowedAndAnImportedFileAnnouncesEachOnce() = modelTest { scope ->
        // No account and no portal: nothing listens at the facade's address.
        val yaohao = facade()
        val jobs = FakeCheckJobs()
        val model = FollowModel(yaohao, DrawDayChecks(yaohao, jobs), scope)
        model.load().join()
        assertTrue(model.state.value.codes.isEmpty())

        model.editInput("123")
        model.follow().join()
        val refused = model.state.value.error
        assertTrue("not the core's refusal: $refused", refused is UiError.Invalid && refused.field == "code")
        assertTrue("the error names the invalid code", refused!!.message.zh.contains("123"))
        assertTrue(model.state.value.codes.isEmpty())
        assertTrue(jobs.jobs.isEmpty())

        model.editInput("２０００ ００００ ００６６３")
        model.follow().join()
        assertNull(model.state.value.error)
        assertEquals(listOf("2000000000663"), model.state.value.codes)
        assertEquals("", model.state.value.input)
        assertTrue("no draw-day check planned for a follower", jobs.jobs.isNotEmpty())

        model.importFile(file).join()
        assertNull(model.state.value.error)
        val found = model.state.value.imported ?: error("nothing imported")
        assertEquals(listOf("2000000000663"), found.map { it.outcome.code })
        assertTrue(found.single().outcome.verified)
        model.importFile(file).join()
        assertEquals("announced once", emptyList<Any>(), model.state.value.imported)

        model.importFile("not a result list".toByteArray()).join()
        assertTrue(model.state.value.error != null)
        assertNull(model.state.value.imported)

        model.unfollow("2000-0000-00663").join()
        assertTrue(model.state.value.codes.isEmpty())
        assertEquals(emptyList<String>(), FollowModel(yaohao, DrawDayChecks(yaohao, jobs), scope).also { it.load().join() }.state.value.codes)
    }

    @Test
    fun aFollowerSignedOutFindsThePublishedResultOnDrawDay() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val applicant = facade(portal.url)
            signIn(portal, applicant, scope)
            val code = apply(applicant, scope)
            portal.review()

            val follower = facade(portal.url)
            assertFalse(follower.isLoggedIn())
            val jobs = FakeCheckJobs()
            val model = FollowModel(follower, DrawDayChecks(follower, jobs), scope)
            model.editInput(code)
            model.follow().join()
            assertNull(model.state.value.error)
            assertTrue("no draw-day check planned for a follower", jobs.jobs.isNotEmpty())

            // The draw-day job, signed out: the core checks the published lists for the followed code.
            val period = portal.runPeriod(1, "123456")
            val push = ResultPush(follower)
            val found = push.checkPublished(Lang.ZH)
            assertEquals(listOf("result:$period:$code"), found.map { it.id })
            assertTrue(push.checkPublished(Lang.ZH).isEmpty())
        }
    }
}
