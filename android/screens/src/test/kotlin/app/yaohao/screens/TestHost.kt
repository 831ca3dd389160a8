package app.yaohao.screens

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.remember
import androidx.compose.ui.graphics.ImageBitmap
import androidx.compose.ui.graphics.toComposeImageBitmap
import androidx.compose.ui.test.junit4.ComposeContentTestRule
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.LifecycleOwner
import androidx.lifecycle.LifecycleRegistry
import androidx.lifecycle.ViewModelStore
import androidx.lifecycle.ViewModelStoreOwner
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.compose.LocalLifecycleOwner
import androidx.lifecycle.viewmodel.compose.LocalViewModelStoreOwner
import app.yaohao.core.Yaohao
import app.yaohao.presentation.Clock
import app.yaohao.presentation.FakeCheckJobs
import app.yaohao.presentation.FakeDistributors
import app.yaohao.presentation.FakePushTokens
import app.yaohao.presentation.Lang
import app.yaohao.presentation.MemoryScheduler
import app.yaohao.presentation.MemorySettings
import app.yaohao.presentation.facade
import app.yaohao.presentation.push.DrawDayChecks
import app.yaohao.presentation.push.PushRegistration
import app.yaohao.presentation.settings.Settings
import kotlinx.coroutines.Job
import org.junit.rules.RuleChain
import org.junit.rules.Timeout
import java.util.concurrent.TimeUnit

/** The platform's pieces on the desktop: skia decodes images; the rest is recorded. */
class DesktopPlatform : Platform {
    val calls = mutableListOf<String>()

    /** The file the document picker hands over (none: the user cancelled). */
    var file: ByteArray? = null

    /** What the "save as" wrote, by file name. */
    val saved = mutableMapOf<String, String?>()

    override fun decodeImage(bytes: ByteArray): ImageBitmap? =
        runCatching { org.jetbrains.skia.Image.makeFromEncoded(bytes).toComposeImageBitmap() }.getOrNull()

    override val canAskExactAlarms: Boolean = true

    override var exactAlarmsAllowed: Boolean = true

    override fun consentGiven() {
        calls += "consentGiven"
    }

    override fun openExactAlarmSettings() {
        calls += "openExactAlarmSettings"
    }

    override fun applyLanguage(lang: Lang?) {
        calls += "applyLanguage:$lang"
    }

    override fun remindersChanged(on: Boolean) {
        calls += "remindersChanged:$on"
    }

    @Composable
    override fun rememberFilePicker(onFile: (ByteArray) -> Unit): () -> Unit = remember {
        {
            calls += "file"
            file?.let(onFile)
        }
    }

    @Composable
    override fun rememberJsonSaver(content: () -> String?, onDone: (saved: Boolean) -> Unit): (fileName: String) -> Unit = remember {
        { name ->
            calls += "save:$name"
            saved[name] = content()
            onDone(true)
        }
    }

    @Composable
    override fun rememberPhotoSources(onPhoto: (ByteArray) -> Unit): PhotoSources =
        remember { PhotoSources(pick = { calls += "pick" }, takePicture = { calls += "camera" }) }
}

/**
 * The screens' services over the real facade ([yaohao]; by default a fresh one with nothing
 * listening at its portal address) with desktop stand-ins for the platform. The user consented
 * unless [settings] say otherwise.
 */
class TestServices(
    override val yaohao: Yaohao = facade(),
    override val clock: Clock = Clock.System,
    override val scheduler: MemoryScheduler = MemoryScheduler(),
    override val settings: MemorySettings = MemorySettings(Settings(consented = true)),
    val tokens: FakePushTokens = FakePushTokens(),
    override val distributors: FakeDistributors = FakeDistributors(),
) : ScreenServices {
    override val pushes = PushRegistration(yaohao, tokens, settings)
    val checkJobs = FakeCheckJobs()
    override val drawDayChecks = DrawDayChecks(yaohao, checkJobs)
    override val platform = DesktopPlatform()
}

/** A view-model store and a resumed lifecycle, as the Activity gives the screens on Android. */
class TestOwner : ViewModelStoreOwner, LifecycleOwner {
    override val viewModelStore = ViewModelStore()
    private val registry = LifecycleRegistry.createUnsafe(this).apply { currentState = Lifecycle.State.RESUMED }
    override val lifecycle: Lifecycle get() = registry

    /** Whether no state holder in the store has work running. */
    fun holdersIdle(): Boolean = viewModelStore.keys().all { key ->
        viewModelStore[key]?.viewModelScope?.coroutineContext?.get(Job)?.children?.none { it.isActive } ?: true
    }
}

/** The screens' surroundings: owners, language, theme and a surface. */
@Composable
fun Host(lang: Lang = Lang.ZH, dark: Boolean = false, owner: TestOwner = remember { TestOwner() }, content: @Composable () -> Unit) {
    CompositionLocalProvider(
        LocalViewModelStoreOwner provides owner,
        LocalLifecycleOwner provides owner,
        LocalLang provides lang,
    ) {
        YaohaoTheme(dark = dark) {
            Surface(color = MaterialTheme.colorScheme.background) { content() }
        }
    }
}

/**
 * [rule] under a time limit: a screen that never becomes idle (a recomposition loop) would make the
 * test rule wait forever; this turns it into a failure.
 */
fun withTimeout(rule: ComposeContentTestRule): RuleChain =
    RuleChain.outerRule(Timeout.builder().withTimeout(60, TimeUnit.SECONDS).withLookingForStuckThread(true).build()).around(rule)
