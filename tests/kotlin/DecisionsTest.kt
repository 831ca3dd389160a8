package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.nio.file.Files
import java.time.Instant

/** The portal's simulated clock, read on every call: the app and the portal agree on "now". */
class PortalClock(private val portal: PortalProcess) : Clock {
    override fun now(): Instant = Instant.parse(PortalProcess.field(portal.operator("GET", "/v1/clock"), "now"))
}

/**
 * The decisions the core makes for the screens, through the real library: codes read as typed,
 * the offline preview, and the dashboard's cards (the actions allowed now with deadlines and
 * reasons, the masked account, result cards) and the draw-day check plan.
 */
class DecisionsTest : PortalTest() {
    private val photo = File("tests/fixtures/photos/licence.jpg").readBytes()
    private val text = File("tests/fixtures/results/unit-2015-named.utf8.txt").readText()

    @Test
    fun codesAndCreditCodesAreReadAsTyped() = runBlocking<Unit> {
        for (typed in listOf("1234 5678 90123", "１２３４５６７８９０１２３", "1234-5678-90123")) {
            assertEquals("1234567890123", validateField(Field.CODE, typed).normalized)
        }
        val first = Regex("\\b\\d{13}\\b").find(text)!!.value
        val spaced = "${first.substring(0, 4)} ${first.substring(4, 8)} ${first.substring(8)}"
        val hit = checkCode(text.toByteArray(), spaced) as CodeLookup.Draw
        assertTrue(hit.won)
        assertEquals(1u, hit.row)
        assertEquals("code_length", validateField(Field.CODE, "123").errors.single().code)
        val credit = validateField(Field.CREDIT_CODE, "91350100m000100y43")
        assertTrue(credit.valid)
        assertEquals("91350100M000100Y43", credit.normalized)
        assertEquals("credit_code_checksum", validateField(Field.CREDIT_CODE, "91350100M000100Y44").errors.single().code)
    }

    @Test
    fun thePreviewNeedsNoNetwork() = runBlocking {
        // Nothing listens on port 9: every check below is the core's, offline.
        val app = Yaohao("http://127.0.0.1:9", Files.createTempDirectory("yaohao-app").toString(), Lang.ZH, MemorySecretStore())
        val draft = app.createDraft(ApplicationKind.INDIVIDUAL_ORDINARY)
        app.saveDraft(draft.localId, ApplicationForm("110000123456", "北京朝阳区建国路88号", false, null))
        val preview: Preview = app.preview(draft.localId)
        assertFalse(preview.ready)
        val address = preview.checks.single { it.field == "address" }
        assertFalse(address.valid)
        assertEquals("北京市朝阳区建国路88号", address.normalized)
        assertEquals(
            listOf(DocumentKind.ID_CARD_FRONT, DocumentKind.ID_CARD_BACK, DocumentKind.DRIVING_LICENCE),
            preview.missingDocuments,
        )
        val family = app.createDraft(ApplicationKind.FAMILY)
        assertTrue(DocumentKind.FAMILY_RELATION_PROOF in app.preview(family.localId).missingDocuments)
    }

    @Test
    fun theDashboardSaysWhatMayBeDoneNow() = runBlocking {
        val app = Yaohao.withClock(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.ZH,
            MemorySecretStore(), PortalClock(portal))
        portal.registerAndLogin(app, ID, MOBILE)
        val submitted = portal.submitApplication(app, photo)
        portal.makeEligible(ID, PortalProcess.LICENCE_FILE)
        portal.review()
        val periodId = portal.createPeriod(1)

        val home: Dashboard = app.refresh(null)
        val card: ApplicationCard = home.applications.single()
        assertEquals(submitted.id, card.application.id)
        assertEquals("审核通过", card.statusLabel.zh)
        assertEquals(1u, card.nextWeight)
        // In the pool in November: 继续参与 is offered, refused until December, with the reason.
        assertEquals(listOf(ActionKind.CONTINUE, ActionKind.WITHDRAW), card.actions.map { it.kind })
        val continuing: Action = card.actions.first()
        assertFalse(continuing.allowed)
        assertEquals("outside_continuation_month", continuing.reason?.code)
        assertEquals(Instant.parse("2026-11-30T16:00:00Z"), continuing.opensAt)
        assertNull(card.countdown)

        val account: AccountCard = home.account!!
        assertEquals("110106********016X", account.residentIdMasked)
        assertEquals("138****8401", account.mobileMasked)
        assertEquals("未婚", account.maritalStatusLabel.zh)
        assertTrue(account.actions.single { it.kind == ActionKind.CHANGE_MARITAL_STATUS }.allowed)

        // The draw-day check plan: the first look is at the publication of this period.
        val checks: List<PlannedCheck> = app.drawDayChecks()
        assertTrue(checks.isNotEmpty())
        assertEquals(home.nextCheck, checks.first())
        val period = app.periods().single { it.id == periodId }
        assertEquals(periodId, checks.first().period)
        assertEquals(period.publishAt, checks.first().at)

        // Published: the only applicant wins; the card has the quota and the confirm action.
        portal.moveTo(period.publishAt.plusSeconds(60))
        portal.login(app, ID, MOBILE)
        assertTrue(app.checkPublishedResults(null).single().outcome.won)
        val quota = app.quotas().single()
        val result: ResultCard = app.dashboard().latestResults.single()
        assertTrue(result.meaning.zh.contains(quota.certificate))
        assertNull(result.notWon)
        // The card carries the list's verification in the core's words.
        val report: DrawReport = result.verification!!
        assertEquals(Verdict.VERIFIED, report.verdict)
        assertEquals(result.outcome.period, report.period)
        assertEquals(1u, report.rows)
        assertEquals("已验证", report.headline.zh)
        val won: WonResult = result.won!!
        assertEquals(quota, won.quota)
        assertEquals(quota.confirmBy, won.confirmBy)
        // While the quota waits for confirmation, the account cannot be deleted, and says why.
        val deletion = app.dashboard().account!!.actions.single { it.kind == ActionKind.DELETE_ACCOUNT }
        assertFalse(deletion.allowed)
        assertEquals("quota_pending_confirmation", deletion.reason?.code)
        assertEquals(quota.confirmBy, deletion.opensAt)
        val confirm = won.actions.single()
        assertEquals(ActionKind.CONFIRM, confirm.kind)
        assertTrue(confirm.allowed)
        val deadline: Deadline = confirm.deadline!!
        assertEquals(quota.confirmBy, deadline.at)
        val countdown: Countdown = won.countdown!!
        assertEquals(deadline, countdown.deadline)
        assertTrue(countdown.seconds in 1..72 * 3600)
        // Found: no more checks for this period.
        assertTrue(app.drawDayChecks().none { it.period == periodId })

        // Past the deadline, confirming is refused with the reason, before any request.
        portal.moveTo(quota.confirmBy.plusSeconds(60))
        val late = app.dashboard().latestResults.single().won!!.actions.single()
        assertFalse(late.allowed)
        assertEquals("confirmation_closed", late.reason?.code)
    }

    companion object {
        const val ID = "11010619770707016X"
        const val MOBILE = "13800138401"
    }
}
