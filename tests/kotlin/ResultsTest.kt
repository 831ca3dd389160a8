package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import kotlin.test.assertFailsWith

/** Official result files through the real library: read, look up, verify, and catch tampering. */
class ResultsTest {
    private val pdf = File("tests/fixtures/official/bj-201506-unit-ordinary.pdf").readBytes()
    private val text = File("tests/fixtures/results/unit-2015-named.utf8.txt").readText()

    @Test
    fun readsAndVerifiesARealPublishedPdf() = runBlocking<Unit> {
        val v: DrawReport = verifyResultFile(pdf)
        assertEquals("201506", v.period)
        assertEquals(84719u, v.poolSize)
        assertEquals(1200u, v.quota)
        // Period 201506 is the sixth draw of 2015, in December.
        assertEquals("2015-12-26", v.drawDate)
        assertEquals(Verdict.VERIFIED, v.verdict)
        assertEquals("已验证", v.headline.zh)
        assertEquals(1200u, v.rows)
        assertEquals(v.quota, v.rows)
        assertEquals("530670", v.seed)
        assertEquals(64, v.sha256.length)
    }

    @Test
    fun looksUpCodes() = runBlocking<Unit> {
        val first = Regex("\\b\\d{13}\\b").find(text)!!.value
        val hit = checkCode(text.toByteArray(), first) as CodeLookup.Draw
        assertTrue(hit.won)
        assertEquals(1u, hit.row)
        val miss = checkCode(text.toByteArray(), "9999999999999") as CodeLookup.Draw
        assertTrue(!miss.won)
        assertFailsWith<YaohaoException.InvalidInput>("a 5-digit code was accepted") {
            checkCode(text.toByteArray(), "12345")
        }.let { e ->
            assertEquals("code", e.field)
        }
    }

    @Test
    fun aChangedSeedIsCaught() = runBlocking<Unit> {
        val tampered = text.replace("指标配置初始值：530670", "指标配置初始值：530671")
        val v = verifyResultFile(tampered.toByteArray())
        assertEquals(Verdict.MISMATCH, v.verdict)
        assertEquals("Does not verify", v.headline.en)
        assertTrue(v.meaning.zh, v.meaning.zh.contains("（"))
    }

    @Test
    fun garbageIsInvalidInputNotACrash() = runBlocking<Unit> {
        assertFailsWith<YaohaoException.InvalidInput>("garbage was accepted") {
            verifyResultFile("%PDF-1.4 broken".toByteArray())
        }.let { e ->
            assertEquals("result_file", e.code)
        }
    }
}
