package app.yaohao.presentation.secrets

import java.util.Base64
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * Seals secrets with AES-GCM under a key that never leaves its provider (the Android Keystore in
 * the app): the stored text is Base64 of `version ‖ iv ‖ ciphertext+tag`, and the entry's name is
 * the associated data, so a sealed value moved to another entry does not open.
 */
class SecretSealer(private val key: () -> SecretKey) {

    /** Seals [value] for the entry [name]. */
    fun seal(name: String, value: String): String {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        // The provider picks a fresh random IV (the Keystore refuses caller-chosen IVs).
        cipher.init(Cipher.ENCRYPT_MODE, key())
        cipher.updateAAD(name.toByteArray(Charsets.UTF_8))
        val iv = cipher.iv
        val sealed = cipher.doFinal(value.toByteArray(Charsets.UTF_8))
        return Base64.getEncoder().encodeToString(byteArrayOf(VERSION, iv.size.toByte()) + iv + sealed)
    }

    /** Opens a value sealed for [name]; null when it was tampered with, moved, or the key changed. */
    fun open(name: String, stored: String): String? {
        val bytes = runCatching { Base64.getDecoder().decode(stored) }.getOrNull() ?: return null
        if (bytes.size < 2 || bytes[0] != VERSION) return null
        val ivLength = bytes[1].toInt()
        if (ivLength !in 12..16 || bytes.size < 2 + ivLength + TAG_BYTES) return null
        val iv = bytes.copyOfRange(2, 2 + ivLength)
        val cipher = Cipher.getInstance(TRANSFORMATION)
        return try {
            cipher.init(Cipher.DECRYPT_MODE, key(), GCMParameterSpec(TAG_BYTES * 8, iv))
            cipher.updateAAD(name.toByteArray(Charsets.UTF_8))
            String(cipher.doFinal(bytes, 2 + ivLength, bytes.size - 2 - ivLength), Charsets.UTF_8)
        } catch (_: AEADBadTagException) {
            null
        }
    }

    private companion object {
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val VERSION: Byte = 1
        const val TAG_BYTES = 16
    }
}
