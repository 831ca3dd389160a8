package app.yaohao.presentation

import app.yaohao.core.DocumentKind
import app.yaohao.core.Reminder
import app.yaohao.core.YaohaoException
import app.yaohao.presentation.model.Account
import app.yaohao.presentation.model.Announcement
import app.yaohao.presentation.model.ApplicationForm
import app.yaohao.presentation.model.CodeSent
import app.yaohao.presentation.model.Dashboard
import app.yaohao.presentation.model.Draft
import app.yaohao.presentation.model.PortalApplication
import app.yaohao.presentation.model.PortalApplicationKind
import app.yaohao.presentation.model.Preview
import app.yaohao.presentation.model.Quota
import app.yaohao.presentation.model.Registration
import app.yaohao.presentation.model.ResultNotification
import app.yaohao.presentation.model.SmsPurpose
import app.yaohao.presentation.model.YaohaoClient

/**
 * An in-memory stand-in for the core's facade until it is exported through the FFI: it keeps
 * drafts and records every call, and answers what each test sets up. Rules (validation,
 * preparation, points, reminders) always come from the real library.
 */
class MemoryClient : YaohaoClient {
    val calls = mutableListOf<String>()
    var failWith: YaohaoException? = null

    /** Only calls whose name starts with this fail (all when null). */
    var failOnly: String? = null
    var codeSent = CodeSent(300, 60)
    var account = Account("11010519491231002X", "张三", "13800138000")
    var cached = emptyDashboard()
    var fresh = emptyDashboard()
    var preview = Preview(true, emptyList(), emptyList(), null, null)
    var quotas = emptyList<Quota>()
    var reminders = emptyList<Reminder>()
    var announcements = emptyList<Announcement>()
    var notifications = emptyList<ResultNotification>()
    val drafts = mutableMapOf<String, Draft>()

    private fun call(name: String) {
        synchronized(calls) { calls += name }
        val error = failWith ?: return
        if (failOnly == null || name.startsWith(failOnly!!)) throw error
    }

    override suspend fun requestSmsCode(purpose: SmsPurpose, mobile: String?, residentId: String?): CodeSent {
        call("requestSmsCode:$purpose:${mobile ?: residentId}")
        return codeSent
    }

    override suspend fun register(registration: Registration): Account {
        call("register:${registration.residentId}")
        return account
    }

    override suspend fun login(residentId: String, password: String, smsCode: String): Account {
        call("login:$residentId:$smsCode")
        return account
    }

    override suspend fun logout() = call("logout")

    override suspend fun isLoggedIn(): Boolean {
        call("isLoggedIn")
        return true
    }

    override suspend fun dashboard(): Dashboard {
        call("dashboard")
        return cached
    }

    override suspend fun refresh(): Dashboard {
        call("refresh")
        return fresh
    }

    override suspend fun createDraft(kind: PortalApplicationKind): Draft {
        call("createDraft")
        val draft = Draft("d${drafts.size + 1}", null, kind, ApplicationForm(), 0, false, emptyList())
        drafts[draft.localId] = draft
        return draft
    }

    override suspend fun draft(localId: String): Draft {
        call("draft:$localId")
        return drafts.getValue(localId)
    }

    override suspend fun saveDraft(localId: String, form: ApplicationForm): Draft {
        call("saveDraft:$localId")
        val saved = drafts.getValue(localId).let { it.copy(form = form, revision = it.revision + 1, synced = false) }
        drafts[localId] = saved
        return saved
    }

    override suspend fun preview(localId: String): Preview {
        call("preview:$localId")
        return preview
    }

    override suspend fun submit(localId: String): PortalApplication {
        call("submit:$localId")
        val draft = drafts.getValue(localId)
        return PortalApplication(1, draft.kind, "under_review", "1234567890123", 0, false, emptyList())
    }

    override suspend fun addDocument(localId: String, kind: DocumentKind, bytes: ByteArray): Draft {
        call("addDocument:$localId:$kind:${bytes.size}")
        val queued = drafts.getValue(localId).let { it.copy(pendingUploads = it.pendingUploads + kind) }
        drafts[localId] = queued
        return queued
    }

    override suspend fun checkResults(period: String): List<ResultNotification> {
        call("checkResults:$period")
        return notifications.filter { it.outcome.period == period }
    }

    override suspend fun checkPublishedResults(): List<ResultNotification> {
        call("checkPublishedResults")
        return notifications
    }

    override suspend fun quotas(): List<Quota> {
        call("quotas")
        return quotas
    }

    override suspend fun confirmQuota(quotaId: Long): List<Quota> {
        call("confirmQuota:$quotaId")
        quotas = quotas.map { if (it.id == quotaId) it.copy(status = "confirmed") else it }
        return quotas
    }

    override suspend fun reminders(): List<Reminder> {
        call("reminders")
        return reminders
    }

    override suspend fun announcements(): List<Announcement> {
        call("announcements")
        return announcements.take(1)
    }

    override suspend fun refreshAnnouncements(): List<Announcement> {
        call("refreshAnnouncements")
        return announcements
    }

    override suspend fun registerDeviceToken(token: String) = call("registerDeviceToken:$token")

    companion object {
        /** A dashboard with nothing in it. */
        fun emptyDashboard() = Dashboard(null, emptyList(), emptyList(), emptyList(), emptyList(), emptyList(), null)
    }
}
