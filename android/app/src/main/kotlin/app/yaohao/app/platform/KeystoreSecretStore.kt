package app.yaohao.app.platform

import android.content.Context
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import androidx.datastore.core.DataStore
import androidx.datastore.preferences.core.Preferences
import androidx.datastore.preferences.core.edit
import androidx.datastore.preferences.core.stringPreferencesKey
import androidx.datastore.preferences.preferencesDataStore
import app.yaohao.core.SecretStore
import app.yaohao.core.SecretStoreException
import app.yaohao.presentation.secrets.SecretSealer
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import java.io.IOException
import java.security.GeneralSecurityException
import java.security.KeyStore
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

private val Context.secretsStore: DataStore<Preferences> by preferencesDataStore(name = "secrets")

/**
 * The core's secret store (the session token) on the Android Keystore: an AES-256-GCM key that
 * never leaves the Keystore seals each value, and DataStore keeps the sealed text. (Jetpack
 * Security's EncryptedSharedPreferences is deprecated and not used.) The core calls it
 * synchronously from its own threads, never the main thread, hence runBlocking.
 */
class KeystoreSecretStore(context: Context) : SecretStore {
    private val store = context.applicationContext.secretsStore
    private val sealer = SecretSealer(::keystoreKey)

    /**
     * The value of [key], or null: also when the value cannot be opened any more (tampered, or the
     * Keystore key was invalidated, e.g. by a new screen lock). Then the value and the dead key are
     * deleted, so the next sign-in seals with a new key instead of failing as "vault unavailable"
     * forever.
     */
    override fun get(key: String): String? = vault {
        runBlocking {
            val sealed = store.data.first()[stringPreferencesKey(key)] ?: return@runBlocking null
            val opened = try {
                sealer.open(key, sealed)
            } catch (invalidated: KeyPermanentlyInvalidatedException) {
                dropKey()
                null
            }
            opened ?: run {
                store.edit { it.remove(stringPreferencesKey(key)) }
                null
            }
        }
    }

    /** Stores [value] under [key] (with a new Keystore key if the old one was invalidated). */
    override fun set(key: String, value: String) = vault {
        val sealed = try {
            sealer.seal(key, value)
        } catch (invalidated: KeyPermanentlyInvalidatedException) {
            dropKey()
            sealer.seal(key, value)
        }
        runBlocking { store.edit { it[stringPreferencesKey(key)] = sealed } }
    }

    /** Deletes the invalidated Keystore key; [keystoreKey] generates a new one on next use. */
    private fun dropKey() {
        KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }.deleteEntry(ALIAS)
    }

    /** Forgets [key]. */
    override fun delete(key: String) = vault {
        runBlocking { store.edit { it.remove(stringPreferencesKey(key)) } }
    }

    /** Runs [action]; a Keystore or storage failure reaches the core as "vault unavailable". */
    private fun <T> vault(action: () -> T): T = try {
        action()
    } catch (failure: GeneralSecurityException) {
        throw SecretStoreException.Unavailable(failure.toString())
    } catch (failure: IOException) {
        throw SecretStoreException.Unavailable(failure.toString())
    }

    private fun keystoreKey(): SecretKey {
        val keystore = KeyStore.getInstance(ANDROID_KEYSTORE).apply { load(null) }
        (keystore.getKey(ALIAS, null) as? SecretKey)?.let { return it }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEYSTORE)
        generator.init(
            KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .build(),
        )
        return generator.generateKey()
    }

    private companion object {
        const val ANDROID_KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "yaohao.secrets"
    }
}
