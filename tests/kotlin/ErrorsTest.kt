package app.yaohao.tests

import app.yaohao.core.*
import com.sun.net.httpserver.HttpServer
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.net.InetSocketAddress
import java.nio.file.Files
import kotlin.test.assertFailsWith

/**
 * Boundary errors the real portal does not give on demand (a 5xx, an answer outside the
 * contract), from a stub server on a free loopback port that answers every request the same way.
 */
class ErrorsTest {
    private fun <T> withStub(status: Int, body: String, block: suspend (Yaohao) -> T): T {
        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/") { exchange ->
            val bytes = body.toByteArray()
            exchange.responseHeaders.add("content-type", "application/json")
            exchange.sendResponseHeaders(status, if (bytes.isEmpty()) -1 else bytes.size.toLong())
            if (bytes.isNotEmpty()) exchange.responseBody.use { it.write(bytes) }
            exchange.close()
        }
        server.start()
        try {
            val app = Yaohao("http://127.0.0.1:${server.address.port}",
                Files.createTempDirectory("yaohao-app").toString(), Lang.EN, MemorySecretStore())
            return runBlocking { block(app) }
        } finally {
            server.stop(0)
        }
    }

    @Test
    fun aServerFailureIsServerWithItsStatus() = withStub(501,
        """{"code":"internal","message_zh":"服务器内部错误","message_en":"internal error"}""") { app ->
        assertFailsWith<YaohaoException.Server>("a 501 was accepted") {
            app.refreshPeriods()
        }.let { e ->
            assertEquals(501.toUShort(), e.status)
            assertEquals("internal error", e.messageEn)
        }
    }

    @Test
    fun anUndecodableAnswerIsAContractErrorAtItsField() = withStub(200,
        """[{"id":"202606","title":"t","quota":"many","status":"open"}]""") { app ->
        assertFailsWith<YaohaoException.Contract>("a wrong type was accepted") {
            app.refreshPeriods()
        }.let { e ->
            assertEquals("GET /v1/periods", e.endpoint)
            assertEquals("[0].quota", e.path)
            assertTrue(e.messageEn, e.messageEn.contains("update the app"))
        }
    }

    @Test
    fun anAnswerOutsideTheContractIsOther() = withStub(418, "") { app ->
        assertFailsWith<YaohaoException.Other>("a 418 was accepted") {
            app.requestSmsCode(SmsPurpose.REGISTER, "13800138999", null)
        }.let { e ->
            assertTrue(e.messageEn, e.messageEn.contains("418"))
        }
    }
}
