package app.yaohao.presentation

import app.yaohao.core.ApplicationKind
import app.yaohao.core.DocumentKind
import app.yaohao.presentation.reminders.NotificationScheduler
import app.yaohao.core.PlannedCheck
import app.yaohao.core.Reminder
import app.yaohao.presentation.reminders.ScheduleRefused
import app.yaohao.core.SecretStore
import app.yaohao.core.Yaohao
import app.yaohao.presentation.documents.CaptureState
import app.yaohao.presentation.documents.DocumentCaptureModel
import app.yaohao.presentation.form.ApplicationFormModel
import app.yaohao.presentation.push.CheckJobs
import app.yaohao.presentation.push.PushRegistration
import app.yaohao.presentation.push.PushToken
import app.yaohao.presentation.push.PushTokens
import app.yaohao.presentation.settings.Settings
import app.yaohao.presentation.settings.SettingsStore
import app.yaohao.presentation.signin.SignInField
import app.yaohao.presentation.signin.SignInMode
import app.yaohao.presentation.signin.SignInModel
import kotlinx.coroutines.CoroutineScope
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import java.nio.file.Files
import java.time.Instant
import app.yaohao.core.Clock as CoreClock
import app.yaohao.core.Lang as CoreLang

/** The app's secret store kept in memory, as the Keystore store would keep it. */
class MemorySecrets : SecretStore {
    val values = mutableMapOf<String, String>()

    override fun get(key: String): String? = synchronized(values) { values[key] }

    override fun set(key: String, value: String) {
        synchronized(values) { values[key] = value }
    }

    override fun delete(key: String) {
        synchronized(values) { values.remove(key) }
    }
}

/** The settings kept in memory, as DataStore would keep them. */
class MemorySettings(var saved: Settings = Settings()) : SettingsStore {
    override suspend fun load() = saved

    override suspend fun save(settings: Settings) {
        saved = settings
    }
}

/** The push service's token, counting how often it was asked for. */
class FakePushTokens(private val token: PushToken? = PushToken("fcm", "token-of-this-phone")) : PushTokens {
    var asked = 0

    override suspend fun current(): PushToken? {
        asked++
        return token
    }
}

/** What WorkManager would hold: one job per check id. */
class FakeCheckJobs : CheckJobs {
    val jobs = linkedMapOf<String, PlannedCheck>()

    override fun schedule(check: PlannedCheck) {
        jobs[check.id] = check
    }
}

/** What the app's AlarmManager scheduler does, kept in memory. */
class MemoryScheduler(var refuse: Boolean = false) : NotificationScheduler {
    val scheduled = linkedMapOf<String, Reminder>()

    override fun scheduledIds(): List<String> = synchronized(this) { scheduled.keys.toList() }

    override fun schedule(reminder: Reminder) = synchronized(this) {
        if (refuse) throw ScheduleRefused("exact alarms not permitted")
        scheduled[reminder.id] = reminder
    }

    override fun cancel(id: String) {
        synchronized(this) { scheduled.remove(id) }
    }
}

/** The applicant the portal tests register (the screens' tests too). */
object Applicant {
    const val ID = "110105199001011232"
    const val NAME = "张三"
    const val MOBILE = "13800138000"
    const val PASSWORD = "Secret123"
    const val LICENCE_FILE = "110000123456"
    const val ADDRESS = "北京市海淀区中关村大街1号院2号楼"
}

/** The core's clock in the tests: the portal's start, 2026-03-01 08:00 Beijing time. */
val testClock = object : CoreClock {
    override fun now(): Instant = Instant.parse(TestPortal.START)
}

/** The real facade on a fresh data directory, talking to [url] (nothing listens on the default). */
fun facade(url: String = "http://127.0.0.1:9", secrets: SecretStore = MemorySecrets(), lang: CoreLang = CoreLang.ZH): Yaohao {
    val dir = Files.createTempDirectory("yaohao-app").toFile()
    dir.deleteOnExit()
    return Yaohao.withClock(url, dir.path, lang, secrets, testClock)
}

/** Consent given and a push token at hand: what a signed-in phone sends. */
fun pushes(yaohao: Yaohao, tokens: PushTokens = FakePushTokens(), settings: SettingsStore = MemorySettings(Settings(consented = true))) =
    PushRegistration(yaohao, tokens, settings)

/** Registers [Applicant] (in the registry when [eligible]) and signs in through the sign-in screen's model. */
suspend fun signIn(
    portal: TestPortal,
    yaohao: Yaohao,
    scope: CoroutineScope,
    push: PushRegistration = pushes(yaohao),
    eligible: Boolean = true,
): SignInModel {
    if (eligible) portal.makeEligible(Applicant.ID, Applicant.LICENCE_FILE)
    val model = SignInModel(yaohao, push, scope, Clock { Instant.parse(TestPortal.START) })
    model.setMode(SignInMode.REGISTER)
    model.edit(SignInField.RESIDENT_ID, Applicant.ID)
    model.edit(SignInField.NAME, Applicant.NAME)
    model.edit(SignInField.MOBILE, Applicant.MOBILE)
    model.edit(SignInField.PASSWORD, Applicant.PASSWORD)
    portal.advance(61)
    model.requestCode().join()
    model.edit(SignInField.SMS_CODE, portal.lastCode(Applicant.MOBILE))
    model.submit().join()
    assertNull(model.state.value.error)
    assertTrue(model.state.value.registered)
    portal.advance(61)
    model.requestCode().join()
    model.edit(SignInField.SMS_CODE, portal.lastCode(Applicant.MOBILE))
    model.submit().join()
    assertNull(model.state.value.error)
    assertEquals(Applicant.NAME, model.state.value.account?.name)
    return model
}

/** Fills, documents and submits an individual application through the form's models; returns its code. */
suspend fun apply(yaohao: Yaohao, scope: CoroutineScope): String {
    val draft = yaohao.createDraft(ApplicationKind.INDIVIDUAL_ORDINARY)
    val form = ApplicationFormModel(yaohao, scope)
    form.open(draft.localId).join()
    form.setLicenceFile(Applicant.LICENCE_FILE)
    form.setAddress(Applicant.ADDRESS)
    val photo = repoFile("tests/fixtures/photos/licence.jpg").readBytes()
    for (kind in listOf(DocumentKind.ID_CARD_FRONT, DocumentKind.ID_CARD_BACK, DocumentKind.DRIVING_LICENCE)) {
        val capture = DocumentCaptureModel(yaohao, scope, draft.localId, kind)
        capture.onPhoto(photo).join()
        capture.upload().join()
        assertTrue("$kind: ${capture.state.value}", capture.state.value is CaptureState.Done)
    }
    form.preview().join()
    assertTrue("not ready: ${form.state.value.preview}", form.state.value.preview?.ready == true)
    form.submit().join()
    return form.state.value.submitted?.code ?: error("not submitted: ${form.state.value.error}")
}

/** A UnifiedPush endpoint, as a distributor gives it. */
const val ENDPOINT = "https://push.example.org/up/android"

/** A real P-256 point and a 16-byte secret, base64url as the connector gives them. */
const val P256DH = "BLn9b-VR0ca83knDNZ32dCHGyjJp-1riX9ZTN40MqV8K_LpQmLqxC_DoHvqvFXO_nGdAB4W9dogZb_sM-uV4JbY"
const val AUTH = "_ordMnz7uTCmrpBTeUV4Bw"
