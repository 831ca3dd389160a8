package app.yaohao.presentation

import app.yaohao.core.CodeLookup
import app.yaohao.core.Verdict
import app.yaohao.presentation.lookup.LookupModel
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test

/** Any code looked up in a published list, with the core's replay of the draw. */
class LookupModelTest {
    private val list = repoFile("tests/fixtures/results/person-2016-bom.txt").readBytes()

    @Test
    fun aCodeIsFoundInAPublishedListWhoseDrawVerifies() = modelTest { scope ->
        val model = LookupModel(scope)
        model.open(list).join()
        assertNull(model.state.value.error)
        assertEquals("201612", model.state.value.verification?.period)
        assertEquals("026498", model.state.value.verification?.seed)
        assertEquals(Verdict.VERIFIED, model.state.value.verification?.verdict)

        model.editCode("1100 4899 99951")
        model.lookup().join()
        assertEquals(CodeLookup.Draw(true, 1u, 286u), model.state.value.found)

        model.editCode("1100000000000")
        model.lookup().join()
        assertEquals(false, (model.state.value.found as CodeLookup.Draw).won)
    }

    @Test
    fun aMalformedCodeOrFileIsTheCoresRefusal() = modelTest { scope ->
        val model = LookupModel(scope)
        model.open(list).join()
        model.editCode("12")
        model.lookup().join()
        assertTrue(model.state.value.error is UiError.Invalid)
        assertNull(model.state.value.found)

        model.open("not a result list".toByteArray()).join()
        assertTrue(model.state.value.error != null)
        assertNull(model.state.value.verification)
    }
}
