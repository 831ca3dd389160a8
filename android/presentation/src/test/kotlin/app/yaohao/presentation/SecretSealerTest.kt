package app.yaohao.presentation

import app.yaohao.presentation.secrets.SecretSealer
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotEquals
import org.junit.Assert.assertNull
import org.junit.Test
import java.util.Base64
import javax.crypto.KeyGenerator

/** AES-GCM sealing of secrets (the app's key lives in the Android Keystore; here in memory). */
class SecretSealerTest {
    private val key = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    private val sealer = SecretSealer { key }

    @Test
    fun roundTripWithAFreshIvEachTime() {
        val first = sealer.seal("yaohao.session", "令牌-token")
        val second = sealer.seal("yaohao.session", "令牌-token")
        assertNotEquals(first, second)
        assertEquals("令牌-token", sealer.open("yaohao.session", first))
        assertEquals("令牌-token", sealer.open("yaohao.session", second))
    }

    @Test
    fun aValueMovedToAnotherEntryDoesNotOpen() {
        val sealed = sealer.seal("yaohao.session", "secret")
        assertNull(sealer.open("other", sealed))
    }

    @Test
    fun tamperingAndAnotherKeyAreDetected() {
        val bytes = Base64.getDecoder().decode(sealer.seal("k", "secret"))
        bytes[bytes.size - 1] = (bytes[bytes.size - 1].toInt() xor 1).toByte()
        assertNull(sealer.open("k", Base64.getEncoder().encodeToString(bytes)))
        val otherKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
        assertNull(SecretSealer { otherKey }.open("k", sealer.seal("k", "secret")))
        assertNull(sealer.open("k", "not base64 at all!"))
        assertNull(sealer.open("k", ""))
    }
}
