package app.yaohao.tests

import app.yaohao.core.*
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.async
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.io.IOException
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.net.URI
import java.nio.file.Files
import java.util.Collections
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

/** Name of the core runtime's threads (worker and blocking pool), where every export's work runs. */
const val CORE_THREAD = "yaohao-core"

/**
 * The calling thread's name as the system knows it. A native thread that calls into the JVM (a
 * callback from Rust) gets a made-up Java name (`Thread-12`) from JNA; Linux keeps the real one.
 */
fun systemThreadName(): String =
    File("/proc/thread-self/comm").takeIf { it.exists() }?.readText()?.trim() ?: Thread.currentThread().name

/** A TCP proxy in front of the portal that holds every new connection for [delayMillis] before relaying it. */
class DelayingProxy(target: String, private val delayMillis: Long) : AutoCloseable {
    private val upstream = URI.create(target)
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private val sockets: MutableList<Socket> = Collections.synchronizedList(mutableListOf())
    val baseUrl = "http://127.0.0.1:${server.localPort}"
    val connections = AtomicInteger()

    init {
        thread(name = "delaying-proxy", isDaemon = true) {
            while (true) {
                val client = try { server.accept() } catch (e: IOException) { break }
                connections.incrementAndGet()
                sockets += client
                thread(isDaemon = true) { relay(client) }
            }
        }
    }

    private fun relay(client: Socket) {
        Thread.sleep(delayMillis)
        val portal = try { Socket(upstream.host, upstream.port) } catch (e: IOException) { client.close(); return }
        sockets += portal
        thread(isDaemon = true) { pipe(client, portal) }
        pipe(portal, client)
    }

    private fun pipe(from: Socket, to: Socket) {
        try {
            from.getInputStream().copyTo(to.getOutputStream())
            to.shutdownOutput()
        } catch (e: IOException) {
            // The other side closed: the connection is over.
        }
    }

    override fun close() {
        server.close()
        synchronized(sockets) { sockets.forEach { it.close() } }
    }
}

/** A vault as slow as a locked-down Keystore: every read takes [delayMillis]; records the calling threads. */
class SlowSecretStore(private val delayMillis: Long) : SecretStore {
    val threads: MutableSet<String> = ConcurrentHashMap.newKeySet()

    override fun get(key: String): String? {
        threads += systemThreadName()
        Thread.sleep(delayMillis)
        return null
    }
    override fun set(key: String, value: String) {
        threads += systemThreadName()
    }
    override fun delete(key: String) {
        threads += systemThreadName()
    }
}

/**
 * No facade call blocks the thread that awaits it: the calls below are awaited from a single
 * thread (as Android's main thread awaits them), and that same thread keeps running other queued
 * work while the core is busy on its own runtime.
 */
class ThreadingTest : PortalTest() {

    /** What the single "UI" thread did while one facade call was pending. */
    private class Observed<T>(val answer: T, val tookMillis: Long, val ticks: Int, val postedWhilePending: Boolean, val postedOn: String, val resumedOn: String)

    /**
     * Starts [call] on a single-thread dispatcher, posts a second task to the same thread right
     * after it, and ticks a counter on that thread until the call completes.
     */
    private fun <T> awaitOnOneThread(call: suspend () -> T): Observed<T> {
        val executor = Executors.newSingleThreadExecutor { Thread(it, UI) }
        try {
            return runBlocking(executor.asCoroutineDispatcher()) { observe(call) }
        } finally {
            executor.shutdown()
        }
    }

    private suspend fun <T> CoroutineScope.observe(call: suspend () -> T): Observed<T> {
        val started = System.nanoTime()
        val pending = async {
            val answer = call()
            Triple(answer, (System.nanoTime() - started) / 1_000_000, Thread.currentThread().name)
        }
        // Queued behind the call on the same thread: it can only run now if the call let go of it.
        val posted = async { Thread.currentThread().name to pending.isActive }
        var ticks = 0
        while (pending.isActive) {
            ticks++
            delay(TICK_MILLIS)
        }
        val (answer, took, resumedOn) = pending.await()
        val (postedOn, whilePending) = posted.await()
        return Observed(answer, took, ticks, whilePending, postedOn, resumedOn)
    }

    @Test
    fun aSlowPortalLeavesTheCallingThreadFree() {
        val vault = MemorySecretStore()
        runBlocking {
            val direct = Yaohao(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.ZH, vault)
            portal.registerAndLogin(direct, ID, MOBILE)
        }
        vault.threads.clear()
        DelayingProxy(portal.baseUrl, DELAY_MILLIS).use { proxy ->
            val app = Yaohao(proxy.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.ZH, vault)
            val seen = awaitOnOneThread { app.refresh(null) }
            // The call went through the proxy and waited for it, and then succeeded.
            assertTrue("${proxy.connections.get()} connections", proxy.connections.get() >= 1)
            assertTrue("took ${seen.tookMillis} ms", seen.tookMillis >= DELAY_MILLIS)
            assertEquals(ID, seen.answer.account!!.account.residentId)
            // Meanwhile the same thread ran the posted task and kept ticking.
            assertTrue("the posted task waited for the call", seen.postedWhilePending)
            assertEquals(UI, seen.postedOn)
            assertTrue("${seen.ticks} ticks in ${seen.tookMillis} ms", seen.ticks >= MIN_TICKS)
            // The session token was read from the vault on the core's threads, not the caller's.
            assertEquals(setOf(CORE_THREAD), vault.threads.toSet())
            // The answer comes back to the caller's thread.
            assertEquals(UI, seen.resumedOn)
        }
    }

    @Test
    fun aSlowVaultAndTheCacheRunOnTheCoresThreads() {
        val vault = SlowSecretStore(DELAY_MILLIS)
        val app = Yaohao(portal.baseUrl, Files.createTempDirectory("yaohao-app").toString(), Lang.EN, vault)
        // `isLoggedIn` asks the vault, which takes its time: on the core's blocking pool, not here.
        val seen = awaitOnOneThread { app.isLoggedIn() }
        assertFalse(seen.answer)
        assertTrue("took ${seen.tookMillis} ms", seen.tookMillis >= DELAY_MILLIS)
        assertTrue("the posted task waited for the call", seen.postedWhilePending)
        assertTrue("${seen.ticks} ticks in ${seen.tookMillis} ms", seen.ticks >= MIN_TICKS)
        assertEquals(setOf(CORE_THREAD), vault.threads.toSet())
        // Cache reads and writes (opening the cache included) answer on the caller's thread too.
        val draft = awaitOnOneThread { app.createDraft(ApplicationKind.INDIVIDUAL_NEV) }
        assertEquals(UI, draft.resumedOn)
        assertEquals(draft.answer.localId, awaitOnOneThread { app.dashboard() }.answer.drafts.single().localId)
    }

    companion object {
        const val UI = "ui-thread"
        const val DELAY_MILLIS = 1500L
        const val TICK_MILLIS = 20L
        /** Far fewer than DELAY_MILLIS / TICK_MILLIS, so that a loaded machine does not fail the test. */
        const val MIN_TICKS = 10
        const val ID = "110105199001011232"
        const val MOBILE = "13800138301"
    }
}
