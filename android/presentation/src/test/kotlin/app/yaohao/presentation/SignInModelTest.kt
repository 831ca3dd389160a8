package app.yaohao.presentation

import app.yaohao.core.YaohaoException
import app.yaohao.presentation.signin.SignInField
import app.yaohao.presentation.signin.SignInMode
import app.yaohao.presentation.signin.SignInModel
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** Sign-in and registration with an SMS code. */
class SignInModelTest {
    private val client = MemoryClient()
    private val clock = FixedClock(Instant.parse("2026-11-20T02:00:00Z"))

    @Test
    fun fieldsAreCheckedByTheCoreAsTyped() = modelTest { scope ->
        val model = SignInModel(client, scope, clock)
        model.edit(SignInField.RESIDENT_ID, "110105194912310021")
        assertEquals(listOf("id_checksum"), model.state.value.problems[SignInField.RESIDENT_ID]?.map { it.code })
        model.edit(SignInField.RESIDENT_ID, "11010519491231002x")
        assertEquals(emptyList<Any>(), model.state.value.problems[SignInField.RESIDENT_ID])
        model.edit(SignInField.MOBILE, "1380013800")
        assertEquals("phone_length", model.state.value.problems[SignInField.MOBILE]?.single()?.code)
    }

    @Test
    fun blankFieldsAreMarkedAndNothingIsSent() = modelTest { scope ->
        val model = SignInModel(client, scope, clock)
        model.submit().join()
        val problems = model.state.value.problems
        assertEquals(setOf(SignInField.RESIDENT_ID, SignInField.PASSWORD, SignInField.SMS_CODE), problems.filterValues { it.isNotEmpty() }.keys)
        assertTrue(client.calls.isEmpty())
    }

    @Test
    fun smsCodeCanBeRequestedAgainOnlyAfterThePortalsDelay() = modelTest { scope ->
        val model = SignInModel(client, scope, clock)
        model.edit(SignInField.RESIDENT_ID, "11010519491231002X")
        model.requestCode().join()
        assertEquals(listOf("requestSmsCode:LOGIN:11010519491231002X"), client.calls)
        assertFalse(model.canRequestCode(clock.now.plusSeconds(59)))
        assertTrue(model.canRequestCode(clock.now.plusSeconds(60)))
    }

    @Test
    fun registeringThenSigningInWithANewCode() = modelTest { scope ->
        val model = SignInModel(client, scope, clock)
        model.setMode(SignInMode.REGISTER)
        listOf(
            SignInField.RESIDENT_ID to "11010519491231002X",
            SignInField.NAME to "张三",
            SignInField.MOBILE to "13800138000",
            SignInField.PASSWORD to "correct horse",
            SignInField.SMS_CODE to "123456",
        ).forEach { (field, value) -> model.edit(field, value) }
        model.submit().join()
        assertEquals(listOf("register:11010519491231002X"), client.calls)
        val registered = model.state.value
        assertTrue(registered.registered)
        assertEquals(SignInMode.LOGIN, registered.mode)
        assertEquals("", registered.value(SignInField.SMS_CODE))
        assertEquals("11010519491231002X", registered.value(SignInField.RESIDENT_ID))
        model.requestCode().join()
        model.edit(SignInField.SMS_CODE, "654321")
        model.submit().join()
        assertEquals("login:11010519491231002X:654321", client.calls.last())
        assertEquals("张三", model.state.value.account?.name)
        assertFalse(model.state.value.busy)
    }

    @Test
    fun aRefusalNamingAFieldIsShownUnderIt() = modelTest { scope ->
        val model = SignInModel(client, scope, clock)
        model.edit(SignInField.RESIDENT_ID, "11010519491231002X")
        model.edit(SignInField.PASSWORD, "secret")
        model.edit(SignInField.SMS_CODE, "000000")
        client.failWith = YaohaoException.InvalidInput("sms_code", "sms_code_wrong", "验证码错误", "Wrong code")
        model.submit().join()
        val state = model.state.value
        assertNull(state.error)
        assertNull(state.account)
        assertEquals("验证码错误", state.problems[SignInField.SMS_CODE]?.single()?.messageZh)
    }
}
