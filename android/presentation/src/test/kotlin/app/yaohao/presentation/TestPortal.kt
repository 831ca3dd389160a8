package app.yaohao.presentation

import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/**
 * A real `yaohao-portal` on a loopback port with a simulated clock, started from the binary the
 * test command built (`-Dyaohao.portal=<path>`), with the operator calls the tests need.
 */
class TestPortal private constructor(private val process: Process, val url: String, private val dir: File) : AutoCloseable {
    private val http = HttpClient.newHttpClient()

    /** Moves the portal's clock forward. */
    fun advance(seconds: Long) {
        operator("POST", "/v1/operator/clock", "{\"advance_seconds\":$seconds}")
    }

    /** The newest 6-digit code sent to [mobile]. */
    fun lastCode(mobile: String): String {
        val outbox = operator("GET", "/v1/operator/sms-outbox?mobile=$mobile", null)
        return Regex("(?<!\\d)\\d{6}(?!\\d)").findAll(outbox).last().value
    }

    /** Imports registry rows making [residentId] an eligible Beijing-hukou applicant with a licence. */
    fun makeEligible(residentId: String, licenceFile: String) {
        val csv = "resident_id,record,value,valid_until\n$residentId,hukou,,\n$residentId,driving_licence,$licenceFile,2032-01-01\n"
        operator("POST", "/v1/operator/registry", csv, "text/csv")
    }

    /** Runs the review of everything under review. */
    fun review() {
        operator("POST", "/v1/operator/reviews", null)
    }

    /** Creates the next period with [quota] quotas, freezes, draws with [seed] and publishes it. */
    fun runPeriod(quota: Int, seed: String): String {
        val created = operator("POST", "/v1/operator/periods", "{\"quota\":$quota}")
        val id = Regex("\"id\"\\s*:\\s*\"(\\d+)\"").find(created)?.groupValues?.get(1) ?: error("no period id in $created")
        operator("POST", "/v1/operator/periods/$id/freeze", null)
        operator("POST", "/v1/operator/periods/$id/draw", "{\"seed\":\"$seed\"}")
        operator("POST", "/v1/operator/periods/$id/publish", null)
        return id
    }

    private fun operator(method: String, path: String, body: String?, type: String = "application/json"): String {
        val request = HttpRequest.newBuilder(URI.create(url + path))
            .header("x-operator-token", OPERATOR)
            .header("content-type", type)
            .method(method, if (body == null) HttpRequest.BodyPublishers.noBody() else HttpRequest.BodyPublishers.ofString(body))
            .build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() in 200..299) { "$method $path: ${response.statusCode()} ${response.body()}" }
        return response.body()
    }

    override fun close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
        dir.deleteRecursively()
    }

    companion object {
        const val OPERATOR = "android-test-operator"

        /** 2026-03-01 08:00 Beijing time. */
        const val START = "2026-03-01T00:00:00Z"

        /** Starts a portal on a free loopback port and waits until it listens. */
        fun start(): TestPortal {
            val binary = System.getProperty("yaohao.portal") ?: error("run with -Dyaohao.portal=<path to yaohao-portal>")
            val dir = Files.createTempDirectory("yaohao-portal").toFile()
            val process = ProcessBuilder(
                binary,
                "--db", File(dir, "portal.db").path,
                "--data", File(dir, "data").path,
                "serve",
                "--addr", "127.0.0.1:0",
                "--clock", "simulated",
                "--clock-start", START,
                "--operator-token", OPERATOR,
                // Every test connects from 127.0.0.1: the per-address limits would throttle it.
                "--limit", "sms_per_minute=100000", "--limit", "logins_per_minute=100000",
                "--limit", "captchas_per_minute=100000",
            ).redirectErrorStream(true).start()
            val lines = process.inputStream.bufferedReader()
            val url = generateSequence { lines.readLine() }
                .firstNotNullOfOrNull { line -> Regex("listening on (\\S+)").find(line)?.groupValues?.get(1) }
            if (url == null) {
                process.destroyForcibly()
                error("the portal exited before listening")
            }
            // Keep draining the portal's output so it never blocks on a full pipe.
            Thread { lines.useLines { it.forEach { _ -> } } }.apply { isDaemon = true }.start()
            return TestPortal(process, url, dir)
        }
    }
}
