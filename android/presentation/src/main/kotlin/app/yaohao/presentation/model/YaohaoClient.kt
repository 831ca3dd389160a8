package app.yaohao.presentation.model

import app.yaohao.core.DocumentKind
import app.yaohao.core.Reminder

/**
 * What the screens need from the core's `Yaohao` facade (offline-first: reads come from its cache,
 * the network only refreshes it), implemented over the generated bindings by [FfiYaohaoClient].
 * Failures are the core's `YaohaoException`; screens map them with `toUiError`.
 */
interface YaohaoClient {
    /** Asks the portal to send an SMS code (`mobile` to register, `residentId` to sign in). */
    suspend fun requestSmsCode(purpose: SmsPurpose, mobile: String?, residentId: String?): CodeSent

    /** Registers an individual applicant. */
    suspend fun register(registration: Registration): Account

    /** Signs in; the session token goes to the secret store. */
    suspend fun login(residentId: String, password: String, smsCode: String): Account

    /** Signs out; local drafts stay. */
    suspend fun logout()

    /** Whether a session token is stored. */
    suspend fun isLoggedIn(): Boolean

    /** The home screen from the cache. */
    suspend fun dashboard(): Dashboard

    /** Brings the cache up to date and returns the home screen. */
    suspend fun refresh(): Dashboard

    /** Starts a local draft. */
    suspend fun createDraft(kind: PortalApplicationKind): Draft

    /** A local draft. */
    suspend fun draft(localId: String): Draft

    /** Saves a draft's form locally at once. */
    suspend fun saveDraft(localId: String, form: ApplicationForm): Draft

    /** Every check a submission would run. */
    suspend fun preview(localId: String): Preview

    /** Submits a draft once (a retry never submits twice). */
    suspend fun submit(localId: String): PortalApplication

    /** Prepares a photo with the core, queues it for the draft and tries to send it. */
    suspend fun addDocument(localId: String, kind: DocumentKind, bytes: ByteArray): Draft

    /** Checks a period's results; returns the notifications to show now. */
    suspend fun checkResults(period: String): List<ResultNotification>

    /** Checks every published period without a stored result. */
    suspend fun checkPublishedResults(): List<ResultNotification>

    /** The account's quotas. */
    suspend fun quotas(): List<Quota>

    /** Confirms a won quota within its deadline. */
    suspend fun confirmQuota(quotaId: Long): List<Quota>

    /** The reminders due for the cached state, with stable ids. */
    suspend fun reminders(): List<Reminder>

    /** The cached announcements, newest first. */
    suspend fun announcements(): List<Announcement>

    /** Fetches announcements, newest first. */
    suspend fun refreshAnnouncements(): List<Announcement>

    /** Registers this device's push token with the portal. */
    suspend fun registerDeviceToken(token: String)
}
