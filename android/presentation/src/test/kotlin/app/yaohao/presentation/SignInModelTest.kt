package app.yaohao.presentation

import app.yaohao.presentation.consent.ConsentModel
import app.yaohao.presentation.push.PushRegistration
import app.yaohao.presentation.settings.Settings
import app.yaohao.presentation.signin.AccountType
import app.yaohao.presentation.signin.SignInField
import app.yaohao.presentation.signin.SignInMode
import app.yaohao.presentation.signin.SignInModel
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.time.Instant

/** Sign-in with an SMS code, and the consent that gates the push token. */
class SignInModelTest {
    private val clock = FixedClock(Instant.parse(TestPortal.START))

    @Test
    fun fieldsAreCheckedByTheCoreAsTyped() = modelTest { scope ->
        val yaohao = facade()
        val model = SignInModel(yaohao, pushes(yaohao), scope, clock)
        model.edit(SignInField.RESIDENT_ID, "110105194912310021").join()
        assertEquals(listOf("id_checksum"), model.state.value.problems[SignInField.RESIDENT_ID]?.map { it.code })
        model.edit(SignInField.RESIDENT_ID, "11010519491231002x").join()
        assertEquals(emptyList<Any>(), model.state.value.problems[SignInField.RESIDENT_ID])
        model.edit(SignInField.MOBILE, "1380013800").join()
        assertEquals("phone_length", model.state.value.problems[SignInField.MOBILE]?.single()?.code)
    }

    @Test
    fun blankFieldsAreMarkedAndNothingIsSent() = modelTest { scope ->
        val yaohao = facade()
        val model = SignInModel(yaohao, pushes(yaohao), scope, clock)
        model.submit().join()
        val problems = model.state.value.problems
        assertEquals(setOf(SignInField.RESIDENT_ID, SignInField.PASSWORD, SignInField.SMS_CODE), problems.filterValues { it.isNotEmpty() }.keys)
        // Nothing was sent: an attempt at the unreachable portal would have failed with a network error.
        assertNull(model.state.value.error)
        assertFalse(model.state.value.busy)
    }

    @Test
    fun smsCodeCanBeRequestedAgainOnlyAfterThePortalsDelayAndAWrongCodeIsShownUnderItsField() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            signIn(portal, yaohao, scope)
            yaohao.logout()
            val model = SignInModel(yaohao, pushes(yaohao), scope, clock)
            model.edit(SignInField.RESIDENT_ID, Applicant.ID)
            portal.advance(61)
            model.requestCode().join()
            assertNull(model.state.value.error)
            val resendAt = assertNotNullValue(model.state.value.resendAt)
            assertFalse(model.canRequestCode(resendAt.minusSeconds(1)))
            assertTrue(model.canRequestCode(resendAt))

            val right = portal.lastCode(Applicant.MOBILE)
            model.edit(SignInField.PASSWORD, Applicant.PASSWORD)
            model.edit(SignInField.SMS_CODE, if (right == "000000") "111111" else "000000")
            model.submit().join()
            assertNull(model.state.value.account)
            assertTrue("the refusal: ${model.state.value}", model.state.value.problems[SignInField.SMS_CODE].orEmpty().isNotEmpty() || model.state.value.error != null)
        }
    }

    @Test
    fun aUnitRegistersByItsContactPersonAndSignsInByCreditCode() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            val tokens = FakePushTokens()
            val model = SignInModel(yaohao, PushRegistration(yaohao, tokens, MemorySettings(Settings(consented = true))), scope, clock)
            model.setMode(SignInMode.REGISTER)
            model.setAccountType(AccountType.UNIT)
            assertEquals(
                listOf(SignInField.CREDIT_CODE, SignInField.UNIT_NAME, SignInField.RESIDENT_ID, SignInField.NAME,
                    SignInField.MOBILE, SignInField.PASSWORD, SignInField.SMS_CODE),
                model.state.value.fields,
            )
            // The core checks the credit code as typed and names the wrong check character.
            model.edit(SignInField.CREDIT_CODE, UNIT_CODE.dropLast(1) + "0").join()
            assertEquals("credit_code_checksum", model.state.value.problems[SignInField.CREDIT_CODE]?.single()?.code)
            model.edit(SignInField.CREDIT_CODE, UNIT_CODE)
            model.edit(SignInField.UNIT_NAME, "北京测试科技有限公司")
            model.edit(SignInField.RESIDENT_ID, "110108198503150018")
            model.edit(SignInField.NAME, "钱经办")
            model.edit(SignInField.MOBILE, UNIT_MOBILE)
            model.edit(SignInField.PASSWORD, Applicant.PASSWORD)
            portal.advance(61)
            model.requestCode().join()
            model.edit(SignInField.SMS_CODE, portal.lastCode(UNIT_MOBILE))
            model.submit().join()
            assertNull(model.state.value.error)
            assertTrue(model.state.value.registered)
            assertEquals(listOf(SignInField.CREDIT_CODE, SignInField.PASSWORD, SignInField.SMS_CODE), model.state.value.fields)

            portal.advance(61)
            model.requestCode().join()
            model.edit(SignInField.SMS_CODE, portal.lastCode(UNIT_MOBILE))
            model.submit().join()
            assertNull(model.state.value.error)
            assertEquals(UNIT_CODE, model.state.value.account?.unit?.creditCode)
            assertEquals("the push token is sent right after login", 1, tokens.asked)
        }
    }

    @Test
    fun switchingToAUnitForgetsTheCodeSentForAPerson() = modelTest { scope ->
        val yaohao = facade()
        val model = SignInModel(yaohao, pushes(yaohao), scope, clock)
        model.edit(SignInField.SMS_CODE, "123456")
        model.setAccountType(AccountType.UNIT)
        assertEquals("", model.state.value.value(SignInField.SMS_CODE))
        assertEquals(SignInField.CREDIT_CODE, model.state.value.fields.first())
        model.submit().join()
        assertEquals(
            setOf(SignInField.CREDIT_CODE, SignInField.PASSWORD, SignInField.SMS_CODE),
            model.state.value.problems.filterValues { it.isNotEmpty() }.keys,
        )
    }

    @Test
    fun noPushTokenIsAskedForOrSentBeforeConsentNorWithoutASession() = modelTest { scope ->
        TestPortal.start().use { portal ->
            val yaohao = facade(portal.url)
            val settings = MemorySettings()
            val tokens = FakePushTokens()
            val registration = PushRegistration(yaohao, tokens, settings)
            assertFalse(registration.register())
            assertEquals(0, tokens.asked)

            val consent = ConsentModel(settings, scope)
            consent.load().join()
            assertEquals(false, consent.state.value.consented)
            consent.accept().join()
            assertTrue(settings.saved.consented)
            assertFalse("no session yet", registration.register())
            assertEquals(0, tokens.asked)

            signIn(portal, yaohao, scope, registration)
            assertEquals("sent right after login", 1, tokens.asked)
            assertTrue(registration.register())

            consent.withdraw().join()
            assertEquals(false, consent.state.value.consented)
            assertEquals(Settings(consented = false), settings.saved)
            assertFalse(registration.register())
            assertEquals(2, tokens.asked)
        }
    }
}

/** A valid credit code (GB 32100) and its contact's mobile, for the unit tests. */
private const val UNIT_CODE = "91110108MA01D3M742"
private const val UNIT_MOBILE = "13900139000"

/** [value], failing the test when it is null. */
fun <T : Any> assertNotNullValue(value: T?): T {
    assertNotNull(value)
    return value!!
}
