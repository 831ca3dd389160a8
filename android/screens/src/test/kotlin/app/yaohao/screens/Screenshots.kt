package app.yaohao.screens

import app.yaohao.presentation.results.ResultsState
import androidx.compose.foundation.layout.padding
import androidx.compose.runtime.Composable
import androidx.compose.ui.unit.dp
import androidx.compose.ui.ImageComposeScene
import androidx.compose.ui.unit.Density
import app.yaohao.presentation.Lang
import app.yaohao.core.ActionKind
import app.yaohao.core.DocumentKind
import app.yaohao.core.documentMaxBytes
import app.yaohao.core.MaritalStatus
import app.yaohao.presentation.documents.CaptureState
import app.yaohao.presentation.following.FollowState
import app.yaohao.presentation.repoFile
import org.jetbrains.skia.EncodedImageFormat
import org.jetbrains.skia.Image
import java.io.File
import javax.swing.SwingUtilities

/** A screen size in dp. */
data class ScreenSize(val name: String, val width: Int, val height: Int)

/**
 * One screenshot: a screen in one state. A screen whose state holder loads data gets fresh
 * [services] for each render and is rendered once its holders have no work left; [loads] lets
 * work off the render thread (loading, decoding) finish between frames.
 */
class Shot(
    val screen: String,
    val state: String,
    val services: (() -> TestServices)? = null,
    val loads: Boolean = services != null,
    val content: @Composable (TestServices?) -> Unit,
)

/**
 * Every screen in each of its states, rendered headlessly to PNG in Chinese and English, light and
 * dark, at a phone size and a small-phone size: `<dir>/<screen>-<state>-<lang>-<theme>-<size>.png`.
 */
object Screenshots {
    val sizes = listOf(ScreenSize("phone", 412, 915), ScreenSize("small", 320, 568))
    private const val DENSITY = 2f

    /** The shots, with the services the stateful screens need. */
    fun shots(): List<Shot> = buildList {
        val home = HomeActions({}, {}, { _, _ -> }, {})
        val going = HomeNavigation({}, {}, {}, {}, {})
        Samples.home.forEach { (state, content) ->
            add(Shot("home", state) { DashboardContent(content, Samples.now, home, going) })
        }
        Samples.results.forEach { (state, results) ->
            add(Shot("results", state) { ResultsContent(results, Samples.now, {}, {}, {}, {}) })
        }
        add(Shot("results", "mismatch") { ResultsContent(ResultsState(listOf(Samples.mismatchCard)), Samples.now, {}, {}, {}, {}) })
        add(Shot("results", "verification") { VerificationContent(Samples.verifiedReport) })
        add(Shot("results", "verification-mismatch") { VerificationContent(Samples.mismatchReport) })
        val family = Samples.family()
        add(Shot("calculator", "family") { CalculatorContent(family, {}, {}) })
        add(Shot("calculator", "odds-chart") { OddsChart(family.odds.odds!!, modifier = androidx.compose.ui.Modifier.padding(16.dp)) })
        add(Shot("consent", "first-run") { ConsentScreen(onAccept = {}) })
        add(Shot("signin", "login", { TestServices() }) { SignInScreen(it!!, onSignedIn = {}) })
        add(Shot("more", "content") { MoreScreen(onOpen = {}) })
        add(Shot("eligibility", "check", { TestServices() }) { EligibilityScreen(it!!) })
        add(Shot("settings", "content", { TestServices() }) { SettingsScreen(it!!, onWithdrawConsent = {}) })
        add(Shot("settings", "inexact-alarms", { TestServices().apply { platform.exactAlarmsAllowed = false } }) { SettingsScreen(it!!, onWithdrawConsent = {}) })
        val account = AccountActions({}, {}, { _, _ -> }, {}, {}, {}, {}, {}, {}, {}, {})
        add(Shot("account", "marital-review") { AccountContent(Samples.account, Samples.now, account, MaritalStatus.MARRIED) })
        add(Shot("account", "deletion-wrong-password") { AccountContent(Samples.accountDeletion, Samples.now, account, MaritalStatus.MARRIED) })
        add(Shot("account", "quota-pending") { AccountContent(Samples.accountQuotaPending, Samples.now, account, MaritalStatus.MARRIED) })
        val withdraw = Samples.home.getValue("content").dashboard!!.applications.single().actions.single { it.kind == ActionKind.WITHDRAW }
        add(Shot("application", "withdraw-confirm") { WithdrawDialog(withdraw, {}, {}) })
        add(Shot("application", "rejected") { ApplicationContent(Samples.rejectedDetail, Samples.now, {}, {}) })
        val lookup = Samples.lookup()
        add(Shot("lookup", "won") { LookupContent(lookup, {}, {}, {}) })
        val following = Samples.following()
        val follow = FollowActions({}, {}, {}, {})
        add(Shot("follow", "imported") { FollowContent(following.copy(error = null, input = ""), follow) })
        add(Shot("follow", "invalid-code") { FollowContent(following.copy(imported = null), follow) })
        add(Shot("follow", "empty") { FollowContent(FollowState(), follow) })
        add(Shot("calendar", "content") { CalendarContent(Samples.calendar, onRetry = {}) })
        add(Shot("announcements", "content") { AnnouncementsContent(Samples.announcements, onRefresh = {}) })
        val photo = repoFile("tests/fixtures/photos/licence.jpg").readBytes()
        val platform = DesktopPlatform()
        for ((state, capture) in listOf("idle" to CaptureState.Idle, "ready" to Samples.capture(photo), "error" to Samples.capture("GIF89a".toByteArray()))) {
            add(Shot("capture", state, loads = true) { _ ->
                DocumentCaptureContent(DocumentKind.ID_PHOTO, documentMaxBytes(DocumentKind.ID_PHOTO), capture, PhotoSources({}, {}), platform::decodeImage, {}, {})
            })
        }
        val (drafting, draftId) = Samples.drafting()
        add(Shot("form", "family", { TestServices(drafting) }) { ApplicationFormScreen(it!!, draftId, {}, {}) })
        add(Shot("reminders", "content") { RemindersContent(Samples.reminders, true, {}, {}) })
        add(Shot("reminders", "permission") { RemindersContent(Samples.remindersRefused, true, {}, {}) })
        add(Shot("app", "home", { TestServices() }) { YaohaoApp(it!!) })
        add(Shot("app", "more", { TestServices() }) { YaohaoApp(it!!, Navigator(Route.More)) })
    }

    /**
     * Renders [shot] at [size]. Everything the scene does runs on the main (Swing event) thread, as
     * on a device, so the holders' coroutines and the lifecycle never race the composition; between
     * frames that thread is free to run them. A loading screen is rendered once its holders have no
     * work left.
     */
    fun render(shot: Shot, lang: Lang, dark: Boolean, size: ScreenSize): Image {
        val services = shot.services?.invoke()
        val owner = TestOwner()
        val scene = onMain {
            ImageComposeScene((size.width * DENSITY).toInt(), (size.height * DENSITY).toInt(), Density(DENSITY)) {
                Host(lang = lang, dark = dark, owner = owner) { shot.content(services) }
            }
        }
        try {
            var image = onMain { scene.render(0) }
            val deadline = System.nanoTime() + 20_000_000_000L
            while (services != null && !owner.holdersIdle()) {
                check(System.nanoTime() < deadline) { "${shot.screen}-${shot.state} did not load" }
                Thread.sleep(20)
                image = onMain { scene.render(0) }
            }
            for (frame in 1..5) {
                // Work off the main thread (decoding a preview) finishes between frames.
                if (shot.loads) Thread.sleep(40)
                image = onMain { scene.render(frame * 100_000_000L) }
            }
            return image
        } finally {
            onMain { scene.close() }
        }
    }

    private fun <T> onMain(block: () -> T): T {
        var result: Result<T>? = null
        SwingUtilities.invokeAndWait { result = runCatching(block) }
        return result!!.getOrThrow()
    }

    /** Renders every shot in every variant into [dir]; returns the files written. */
    fun renderAll(dir: File): List<File> {
        dir.mkdirs()
        return shots().flatMap { shot ->
            Lang.entries.flatMap { lang ->
                listOf(false, true).flatMap { dark ->
                    sizes.map { size ->
                        val name = "${shot.screen}-${shot.state}-${lang.name.lowercase()}-${if (dark) "dark" else "light"}-${size.name}.png"
                        val png = render(shot, lang, dark, size).encodeToData(EncodedImageFormat.PNG) ?: error("no PNG for $name")
                        File(dir, name).apply { writeBytes(png.bytes) }
                    }
                }
            }
        }
    }
}

/** `scripts/apps/screens.sh`: renders every screenshot into the directory given (target/screens). */
fun main(args: Array<String>) {
    System.setProperty("java.awt.headless", "true")
    val files = Screenshots.renderAll(File(args.firstOrNull() ?: "target/screens"))
    println("${files.size} screenshots in ${files.first().parentFile}")
    kotlin.system.exitProcess(0)
}
