package app.yaohao.presentation.model

import app.yaohao.core.DocumentKind
import app.yaohao.core.Reminder
import app.yaohao.core.SecretStore
import app.yaohao.core.Yaohao
import app.yaohao.core.documentPortalName
import app.yaohao.core.Account as CoreAccount
import app.yaohao.core.Announcement as CoreAnnouncement
import app.yaohao.core.Application as CoreApplication
import app.yaohao.core.ApplicationForm as CoreForm
import app.yaohao.core.ApplicationKind as CoreKind
import app.yaohao.core.ApplicationStatus as CoreStatus
import app.yaohao.core.Dashboard as CoreDashboard
import app.yaohao.core.Draft as CoreDraft
import app.yaohao.core.FamilyForm as CoreFamily
import app.yaohao.core.Lang as CoreLang
import app.yaohao.core.MemberForm as CoreMember
import app.yaohao.core.Preview as CorePreview
import app.yaohao.core.Quota as CoreQuota
import app.yaohao.core.QuotaStatus as CoreQuotaStatus
import app.yaohao.core.Registration as CoreRegistration
import app.yaohao.core.ResultNotification as CoreNotification
import app.yaohao.core.ResultOutcome as CoreOutcome
import app.yaohao.core.SmsPurpose as CorePurpose
import app.yaohao.core.UpcomingEvent as CoreEvent

/**
 * [YaohaoClient] over the core's generated `Yaohao` facade. Every facade call is a suspend function
 * whose work runs on the core's own threads (cache reads and writes included), so the screens may
 * call it from the main dispatcher; failures stay the core's `YaohaoException` (the screens map
 * them with `toUiError`).
 */
class FfiYaohaoClient(private val yaohao: Yaohao) : YaohaoClient {

    override suspend fun requestSmsCode(purpose: SmsPurpose, mobile: String?, residentId: String?): CodeSent {
        val sent = yaohao.requestSmsCode(purpose.core(), mobile, residentId)
        return CodeSent(sent.expiresIn, sent.resendAfter)
    }

    override suspend fun register(registration: Registration): Account = yaohao.register(
        CoreRegistration(registration.residentId, registration.name, registration.mobile, registration.password, registration.smsCode),
    ).model()

    override suspend fun login(residentId: String, password: String, smsCode: String): Account =
        yaohao.login(residentId, password, smsCode).model()

    override suspend fun logout() = yaohao.logout()

    override suspend fun isLoggedIn(): Boolean = yaohao.isLoggedIn()

    override suspend fun dashboard(): Dashboard = yaohao.dashboard().model()

    override suspend fun refresh(): Dashboard = yaohao.refresh(null).model()

    override suspend fun createDraft(kind: PortalApplicationKind): Draft = yaohao.createDraft(kind.core()).model()

    override suspend fun draft(localId: String): Draft = yaohao.draft(localId).model()

    override suspend fun saveDraft(localId: String, form: ApplicationForm): Draft =
        yaohao.saveDraft(localId, form.core()).model()

    override suspend fun preview(localId: String): Preview = yaohao.preview(localId).model()

    override suspend fun submit(localId: String): PortalApplication = yaohao.submit(localId).model()

    override suspend fun addDocument(localId: String, kind: DocumentKind, bytes: ByteArray): Draft =
        yaohao.addDocument(localId, kind, bytes).model()

    override suspend fun checkResults(period: String): List<ResultNotification> = yaohao.checkResults(period, null).map { it.model() }

    override suspend fun checkPublishedResults(): List<ResultNotification> = yaohao.checkPublishedResults(null).map { it.model() }

    override suspend fun quotas(): List<Quota> = yaohao.quotas().map { it.model() }

    override suspend fun confirmQuota(quotaId: Long): List<Quota> = yaohao.confirmQuota(quotaId).map { it.model() }

    override suspend fun reminders(): List<Reminder> = yaohao.dashboard().reminders

    override suspend fun announcements(): List<Announcement> = yaohao.announcements().map { it.model() }

    override suspend fun refreshAnnouncements(): List<Announcement> = yaohao.refreshAnnouncements().map { it.model() }

    override suspend fun registerDeviceToken(token: String) = yaohao.registerDevice(PUSH_PROVIDER, token)

    companion object {
        /** The push provider the portal records with the token. */
        const val PUSH_PROVIDER = "fcm"

        /** Opens the facade on [dataDir] (no network), with the session token in [secrets]. */
        fun open(baseUrl: String, dataDir: String, lang: app.yaohao.presentation.Lang, secrets: SecretStore): FfiYaohaoClient =
            FfiYaohaoClient(Yaohao(baseUrl, dataDir, if (lang == app.yaohao.presentation.Lang.EN) CoreLang.EN else CoreLang.ZH, secrets))
    }
}

private fun SmsPurpose.core(): CorePurpose = when (this) {
    SmsPurpose.REGISTER -> CorePurpose.REGISTER
    SmsPurpose.LOGIN -> CorePurpose.LOGIN
}

private fun PortalApplicationKind.core(): CoreKind = when (this) {
    PortalApplicationKind.INDIVIDUAL_ORDINARY -> CoreKind.INDIVIDUAL_ORDINARY
    PortalApplicationKind.INDIVIDUAL_NEV -> CoreKind.INDIVIDUAL_NEV
    PortalApplicationKind.FAMILY -> CoreKind.FAMILY
}

private fun CoreKind.model(): PortalApplicationKind = when (this) {
    CoreKind.INDIVIDUAL_ORDINARY -> PortalApplicationKind.INDIVIDUAL_ORDINARY
    CoreKind.INDIVIDUAL_NEV -> PortalApplicationKind.INDIVIDUAL_NEV
    CoreKind.FAMILY -> PortalApplicationKind.FAMILY
}

private fun CoreAccount.model() = Account(residentId, name, mobile)

private fun CoreStatus.portalName(): String = when (this) {
    CoreStatus.Draft -> "draft"
    CoreStatus.UnderReview -> "under_review"
    CoreStatus.Approved -> "approved"
    CoreStatus.Rejected -> "rejected"
    CoreStatus.Won -> "won"
    CoreStatus.Removed -> "removed"
    is CoreStatus.Other -> raw
}

private fun CoreApplication.model() = PortalApplication(
    id = id,
    kind = kind.model(),
    status = status.portalName(),
    code = code,
    drawCount = drawCount,
    c5Licence = form.c5Licence,
    rejectionReasons = rejectionReasons,
)

private fun CoreForm.model() = ApplicationForm(
    licenceFile = licenceFile,
    address = address,
    c5Licence = c5Licence,
    members = family?.members.orEmpty().map { MemberForm(it.relation, it.residentId, it.name, it.ladderSteps, it.nevQueueFullYears) },
)

private fun ApplicationForm.core() = CoreForm(
    licenceFile = licenceFile,
    address = address,
    c5Licence = c5Licence,
    family = if (members.isEmpty()) {
        null
    } else {
        CoreFamily(null, 0u, 0u, members.map { CoreMember(it.relation, it.residentId, it.name, it.ladderSteps, it.nevQueueFullYears) })
    },
)

private fun CoreDraft.model() = Draft(
    localId = localId,
    applicationId = applicationId,
    kind = kind.model(),
    form = form.model(),
    revision = revision,
    synced = synced,
    pendingUploads = pendingUploads.map { it.kind },
)

private fun CorePreview.model() = Preview(
    ready = ready,
    checks = checks.map { FieldCheck(it.field, it.valid, it.normalized, it.errors) },
    missingDocuments = missingDocuments.mapNotNull { documentPortalName(it) },
    points = points,
    familyProblem = familyProblem,
)

private fun CoreEvent.model() = UpcomingEvent(kind, title, at, announced)

private fun CoreOutcome.model() = ResultOutcome(period, code, won, row, verified)

private fun CoreNotification.model() = ResultNotification(id, outcome.model(), title, body, deepLink)

private fun CoreQuotaStatus.portalName(): String = when (this) {
    CoreQuotaStatus.PendingConfirmation -> "pending_confirmation"
    CoreQuotaStatus.Confirmed -> "confirmed"
    CoreQuotaStatus.Forfeited -> "forfeited"
    CoreQuotaStatus.Expired -> "expired"
    is CoreQuotaStatus.Other -> raw
}

private fun CoreQuota.model() = Quota(id, applicationId, period, certificate, status.portalName(), confirmBy, expiresAt)

private fun CoreAnnouncement.model() = Announcement(id, title, body, publishedAt)

private fun CoreDashboard.model() = Dashboard(
    account = account?.account?.model(),
    applications = applications.map { it.application.model() },
    drafts = drafts.map { it.model() },
    nextEvents = nextEvents.map { it.model() },
    latestResults = latestResults.map { it.outcome.model() },
    reminders = reminders,
    refreshedAt = refreshedAt,
)
