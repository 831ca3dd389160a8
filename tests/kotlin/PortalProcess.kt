package app.yaohao.tests

import app.yaohao.core.*
import org.junit.AfterClass
import org.junit.BeforeClass
import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.time.Instant
import java.util.concurrent.TimeUnit

/** Base of the tests that need a portal: a fresh `yaohao-portal` process for each test class. */
abstract class PortalTest {
    companion object {
        /** The running test class's portal. */
        lateinit var portal: PortalProcess

        @BeforeClass @JvmStatic
        fun startPortal() {
            portal = PortalProcess()
        }

        @AfterClass @JvmStatic
        fun stopPortal() {
            portal.close()
        }
    }
}

/** A real `yaohao-portal` process on a free loopback port, with a simulated clock and its operator API. */
class PortalProcess : AutoCloseable {
    private val dir: File = Files.createTempDirectory("yaohao-portal").toFile()
    private val process: Process
    private val http = HttpClient.newHttpClient()
    val baseUrl: String

    init {
        val binary = System.getProperty("yaohao.portal") ?: error("run through scripts/bindings/test-kotlin.sh")
        process = ProcessBuilder(
            binary, "--db", "$dir/portal.db", "--data", "$dir/data", "--policy", "bimonthly-2014",
            "serve", "--addr", "127.0.0.1:0", "--clock", "simulated", "--clock-start", "2026-11-02T00:00:00Z",
            "--operator-token", OPERATOR,
            // Every test connects from 127.0.0.1: the per-address limits would throttle the suite.
            "--limit", "sms_per_minute=100000", "--limit", "logins_per_minute=100000",
            "--limit", "captchas_per_minute=100000",
        ).redirectErrorStream(true).start()
        val first = process.inputStream.bufferedReader().readLine() ?: error("the portal did not start")
        baseUrl = Regex("https?://\\S+").find(first)?.value ?: error("unexpected first line: $first")
    }

    /** Calls the operator API and returns the answer's body (fails on any non-2xx answer). */
    fun operator(method: String, path: String, body: String? = null): String {
        val request = HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("x-operator-token", OPERATOR)
            .header("content-type", if (path.endsWith("registry")) "text/csv" else "application/json")
            .method(method, body?.let { HttpRequest.BodyPublishers.ofString(it) } ?: HttpRequest.BodyPublishers.noBody())
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() in 200..299) { "$method $path: ${response.statusCode()} ${response.body()}" }
        return response.body()
    }

    /** The newest SMS code sent to `mobile`, read from the portal's outbox. */
    fun smsCode(mobile: String): String {
        val bodies = Regex("\"body\"\\s*:\\s*\"([^\"]*)\"").findAll(operator("GET", "/v1/operator/sms-outbox?mobile=$mobile"))
        return Regex("\\d{6}").find(bodies.last().groupValues[1])!!.value
    }

    /** Registry rows that make `id` an eligible Beijing-hukou applicant with a licence. */
    fun makeEligible(id: String, licenceFile: String) {
        operator("POST", "/v1/operator/registry",
            "resident_id,record,value,valid_until\n$id,hukou,,\n$id,driving_licence,$licenceFile,2032-01-01\n")
    }

    /** Moves the portal's simulated clock forward (SMS codes are limited to one a minute). */
    fun advance(seconds: Long) {
        operator("POST", "/v1/operator/clock", "{\"advance_seconds\": $seconds}")
    }

    /** Runs the review of every submitted application. */
    fun review() {
        operator("POST", "/v1/operator/reviews")
    }

    /** Moves the simulated clock to `instant` (forward only); what falls due runs. */
    fun moveTo(instant: Instant) {
        operator("POST", "/v1/operator/clock", "{\"to\": \"$instant\"}")
    }

    /** Schedules the policy's next ordinary draw with `quota` quotas; returns the portal's period id. */
    fun createPeriod(quota: Int): String =
        field(operator("POST", "/v1/operator/periods", "{\"quota\": $quota}"), "id")

    /** Approves or rejects a reviewed change of `kind` (`marital` or `address`). */
    fun decideChange(kind: String, id: Long, approve: Boolean) {
        operator("POST", "/v1/operator/$kind-changes/$id", "{\"approve\": $approve}")
    }

    /** Posts a policy notice. */
    fun announce(titleZh: String, titleEn: String) {
        operator("POST", "/v1/operator/announcements",
            "{\"title_zh\": \"$titleZh\", \"title_en\": \"$titleEn\", \"body_zh\": \"正文\", \"body_en\": \"Body\"}")
    }

    /** Announces the actual moment of a projected calendar event (`kind` in snake_case). */
    fun announceDate(kind: String, projected: String, at: Instant) {
        operator("POST", "/v1/operator/calendar",
            "{\"kind\": \"$kind\", \"projected\": \"$projected\", \"at\": \"$at\"}")
    }

    /** Registers an applicant through the facade and logs in. */
    suspend fun registerAndLogin(app: Yaohao, id: String, mobile: String, name: String = "张三") {
        app.requestSmsCode(SmsPurpose.REGISTER, mobile, null)
        app.register(Registration(id, name, mobile, PASSWORD, smsCode(mobile)))
        login(app, id, mobile)
    }

    /** Logs in through the facade (a minute after the last code, as the portal requires). */
    suspend fun login(app: Yaohao, id: String, mobile: String, password: String = PASSWORD): Account {
        advance(61)
        app.requestSmsCode(SmsPurpose.LOGIN, null, AccountHolder.Person(id))
        return app.login(AccountHolder.Person(id), password, smsCode(mobile))
    }

    /** Fills, documents and submits an individual application; returns it. */
    suspend fun submitApplication(app: Yaohao, photo: ByteArray): Application {
        val draft = app.createDraft(ApplicationKind.INDIVIDUAL_ORDINARY)
        app.saveDraft(draft.localId, ApplicationForm(LICENCE_FILE, ADDRESS, false, null))
        for (kind in listOf(DocumentKind.ID_CARD_FRONT, DocumentKind.ID_CARD_BACK, DocumentKind.DRIVING_LICENCE)) {
            app.addDocument(draft.localId, kind, photo)
        }
        return app.submit(draft.localId)
    }

    override fun close() {
        process.destroy()
        process.waitFor(10, TimeUnit.SECONDS)
        dir.deleteRecursively()
    }

    companion object {
        const val OPERATOR = "kotlin-binding-tests"
        const val PASSWORD = "Secret123"
        const val LICENCE_FILE = "110000123456"
        const val ADDRESS = "北京市海淀区中关村大街1号院2号楼"

        /** A string field of a flat JSON answer. */
        fun field(json: String, name: String): String =
            Regex("\"$name\"\\s*:\\s*\"?([^\",}]*)").find(json)?.groupValues?.get(1) ?: error("no $name in $json")
    }
}
