package app.yaohao.tests

import java.io.File
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.util.concurrent.TimeUnit

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
        ).redirectErrorStream(true).start()
        val first = process.inputStream.bufferedReader().readLine() ?: error("the portal did not start")
        baseUrl = Regex("https?://\\S+").find(first)?.value ?: error("unexpected first line: $first")
    }

    private fun operator(method: String, path: String, body: String? = null): String {
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

    override fun close() {
        process.destroy()
        process.waitFor(10, TimeUnit.SECONDS)
        dir.deleteRecursively()
    }

    companion object {
        const val OPERATOR = "kotlin-binding-tests"
    }
}
