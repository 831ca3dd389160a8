package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.nio.file.Files
import java.time.Instant
import kotlin.test.assertFailsWith

/** A clock the test sets, read by Rust whenever the facade needs the time. */
class FixedClock(var instant: Instant) : Clock {
    val threads: MutableSet<String> = java.util.concurrent.ConcurrentHashMap.newKeySet()
    override fun now(): Instant = instant.also { threads += systemThreadName() }
}

/** Accounts through the facade against a real portal: password reset, mobile and marital changes, devices. */
class AccountsTest : PortalTest() {
    private val photo = File("tests/fixtures/photos/licence.jpg").readBytes()

    private fun app(store: SecretStore = MemorySecretStore(), locale: Lang = Lang.ZH): Yaohao =
        Yaohao(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), locale, store)

    @Test
    fun passwordResetEndsTheSessionAndTheNewPasswordWorks() = runBlocking {
        val app = app()
        portal.registerAndLogin(app, ID_RESET, MOBILE_RESET)
        portal.advance(61)
        val holder: AccountHolder = AccountHolder.Person(ID_RESET)
        val sent: CodeSent = app.requestSmsCode(SmsPurpose.RESET_PASSWORD, MOBILE_RESET, holder)
        assertTrue(sent.expiresIn > 0)
        app.resetPassword(holder, MOBILE_RESET, portal.smsCode(MOBILE_RESET), "NewSecret456")
        assertFalse(app.isLoggedIn())
        assertFailsWith<YaohaoException.InvalidInput>("the old password still worked") {
            portal.login(app, ID_RESET, MOBILE_RESET)
        }.let { e ->
            assertEquals("password", e.field)
        }
        val account: Account = portal.login(app, ID_RESET, MOBILE_RESET, "NewSecret456")
        assertEquals(ID_RESET, account.residentId)
    }

    @Test
    fun aUnitRegistersLogsInByCreditCodeAndResetsItsPassword() = runBlocking {
        val app = app()
        // The core checks the unit's fields as typed, as it does a person's.
        assertTrue(validateField(Field.CREDIT_CODE, CREDIT_CODE).valid)
        assertTrue(validateField(Field.UNIT_NAME, UNIT_NAME).valid)
        assertFalse(validateField(Field.UNIT_NAME, "  ").valid)
        app.requestSmsCode(SmsPurpose.REGISTER, MOBILE_UNIT, null)
        val registration = UnitRegistration(CREDIT_CODE, UNIT_NAME, ID_CONTACT, "钱经办", MOBILE_UNIT, PortalProcess.PASSWORD, portal.smsCode(MOBILE_UNIT))
        val registered: Account = app.registerUnit(registration)
        assertEquals(UNIT_NAME, registered.unit?.unitName)

        val unit: AccountHolder = AccountHolder.Unit(CREDIT_CODE)
        portal.advance(61)
        app.requestSmsCode(SmsPurpose.LOGIN, null, unit)
        val account = app.login(unit, PortalProcess.PASSWORD, portal.smsCode(MOBILE_UNIT))
        assertEquals(CREDIT_CODE, account.unit?.creditCode)
        // The dashboard offers a unit's account only the unit kinds.
        val kinds = app.refresh(null).applicationKinds
        assertTrue(kinds.isNotEmpty())
        assertTrue(kinds.toString(), kinds.all { it == ApplicationKind.UNIT_ORDINARY || it == ApplicationKind.UNIT_NEV })

        portal.advance(61)
        app.requestSmsCode(SmsPurpose.RESET_PASSWORD, MOBILE_UNIT, unit)
        app.resetPassword(unit, MOBILE_UNIT, portal.smsCode(MOBILE_UNIT), "NewUnit2027pass")
        assertFalse(app.isLoggedIn())
        portal.advance(61)
        app.requestSmsCode(SmsPurpose.LOGIN, null, unit)
        app.login(unit, "NewUnit2027pass", portal.smsCode(MOBILE_UNIT))
        assertTrue(app.isLoggedIn())
    }

    @Test
    fun mobileChangeNeedsCodesToTheOldAndTheNewNumber() = runBlocking {
        val app = app()
        portal.registerAndLogin(app, ID_MOBILE, MOBILE_OLD)
        portal.advance(61)
        val sent = app.requestMobileChangeCodes(MOBILE_NEW)
        assertTrue(sent.resendAfter > 0)
        val changed = app.changeMobile(MOBILE_NEW, portal.smsCode(MOBILE_OLD), portal.smsCode(MOBILE_NEW))
        assertEquals(MOBILE_NEW, changed.mobile)
        // The cached account card has the new number at once, and so has the portal's profile.
        val card: AccountCard = app.dashboard().account!!
        assertEquals(MOBILE_NEW, card.account.mobile)
        // A person's account: no unit (a unit's account carries its credit code and name).
        val unit: UnitProfile? = card.account.unit
        assertNull(unit)
        assertEquals(MOBILE_NEW, app.refresh(null).account!!.account.mobile)
        // The device's push token is accepted once logged in, and repeating it is harmless.
        app.registerDevice("dev", "kotlin-device-token", null)
        app.registerDevice("dev", "kotlin-device-token", null)
        // A Web Push (UnifiedPush) subscription: its endpoint with the keys; a bad key is named.
        val keys = WebPushKeys(P256DH, AUTH)
        app.registerDevice("web_push", "https://push.example.org/up/kotlin", keys)
        assertFailsWith<YaohaoException.InvalidInput> {
            app.registerDevice("web_push", "https://push.example.org/up/kotlin", keys.copy(auth = "c2hvcnQ"))
        }.let { e -> assertEquals("keys.auth", e.field) }
    }

    @Test
    fun maritalChangeIsRequestedWithACertificateAndReviewed() = runBlocking {
        val app = app()
        portal.registerAndLogin(app, ID_MARITAL, MOBILE_MARITAL)
        assertNull(app.refreshMaritalChange())
        val requested: MaritalChange = app.requestMaritalChange(MaritalStatus.MARRIED, photo)
        assertEquals(MaritalStatus.MARRIED, requested.requestedStatus)
        assertEquals(MaritalChangeStatus.Pending, requested.status)
        assertEquals(requested.id, app.maritalChange()!!.id)
        portal.decideChange("marital", requested.id, approve = true)
        val decided = app.refreshMaritalChange()!!
        assertEquals(MaritalChangeStatus.Approved, decided.status)
        assertNotNull(decided.decidedAt)
        assertEquals(MaritalStatus.MARRIED, app.refresh(null).account!!.account.maritalStatus)
    }

    @Test
    fun addressChangeIsCheckedReviewedAndReachesTheApprovedForm() = runBlocking {
        val app = app()
        portal.registerAndLogin(app, ID_ADDRESS, MOBILE_ADDRESS)
        portal.submitApplication(app, photo)
        portal.makeEligible(ID_ADDRESS, PortalProcess.LICENCE_FILE)
        portal.review()
        val offered = app.refresh(null).account!!.actions.single { it.kind == ActionKind.CHANGE_ADDRESS }
        assertTrue(offered.allowed)
        // The core checks the address before anything is sent, and names the field.
        assertFailsWith<YaohaoException.InvalidInput>("北京 without 市 was accepted") {
            app.requestAddressChange("北京西城区金融大街7号", photo)
        }.let { e -> assertEquals("address", e.field) }
        val requested: AddressChange = app.requestAddressChange(NEW_ADDRESS, photo)
        assertEquals(MaritalChangeStatus.Pending, requested.status)
        val card = app.dashboard().account!!
        assertEquals(requested, card.addressChange)
        assertEquals("address_change_pending", card.actions.single { it.kind == ActionKind.CHANGE_ADDRESS }.reason?.code)
        portal.decideChange("address", requested.id, approve = true)
        val home = app.refresh(null)
        assertEquals(MaritalChangeStatus.Approved, home.account!!.addressChange!!.status)
        assertEquals(NEW_ADDRESS, home.applications.single().application.form.address)
    }

    @Test
    fun aSecondCodeWithinAMinuteIsRateLimited() = runBlocking {
        val app = app()
        app.requestSmsCode(SmsPurpose.REGISTER, MOBILE_LIMIT, null)
        assertFailsWith<YaohaoException.RateLimited>("two codes within a minute") {
            app.requestSmsCode(SmsPurpose.REGISTER, MOBILE_LIMIT, null)
        }.let { e ->
            assertTrue("${e.retryAfterSeconds}", e.retryAfterSeconds in 1uL..60uL)
            assertTrue(e.messageZh.isNotEmpty())
        }
    }

    @Test
    fun theAppsClockAndLocaleAreUsed() = runBlocking<Unit> {
        val at = Instant.parse("2026-11-20T08:00:00Z")
        val clock = FixedClock(at)
        val app = Yaohao.withClock(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.EN,
            MemorySecretStore(), clock)
        assertEquals(Lang.EN, app.locale())
        assertEquals(at, app.createDraft(ApplicationKind.FAMILY).updatedAt)
        assertTrue(clock.threads.isNotEmpty())
        assertNull(app.dashboard().refreshedAt)
    }

    companion object {
        const val ID_RESET = "110101198001010010"
        const val MOBILE_RESET = "13800138101"
        const val ID_MOBILE = "110101198502020022"
        const val MOBILE_OLD = "13800138102"
        const val MOBILE_NEW = "13900139102"
        const val ID_MARITAL = "110105199203030036"
        const val MOBILE_MARITAL = "13800138103"
        const val MOBILE_LIMIT = "13800138104"
        const val ID_ADDRESS = "110105199204040041"
        const val MOBILE_ADDRESS = "13800138105"
        const val NEW_ADDRESS = "北京市西城区金融大街7号英蓝国际中心1201"
        const val CREDIT_CODE = "91110108MA01D3M742"
        const val UNIT_NAME = "北京测试科技有限公司"
        const val ID_CONTACT = "110108198503150018"
        const val MOBILE_UNIT = "13800138106"

        /** A subscription's keys as a UnifiedPush connector gives them (a real P-256 point). */
        const val P256DH =
            "BLn9b-VR0ca83knDNZ32dCHGyjJp-1riX9ZTN40MqV8K_LpQmLqxC_DoHvqvFXO_nGdAB4W9dogZb_sM-uV4JbY"
        const val AUTH = "_ordMnz7uTCmrpBTeUV4Bw"
    }
}
