package app.yaohao.app

import android.Manifest
import android.content.Intent
import android.os.Build
import android.os.Bundle
import androidx.activity.compose.BackHandler
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.activity.result.contract.ActivityResultContracts
import androidx.appcompat.app.AppCompatActivity
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.dynamicDarkColorScheme
import androidx.compose.material3.dynamicLightColorScheme
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.ui.platform.LocalContext
import app.yaohao.app.push.UnifiedPushTokens
import app.yaohao.app.ui.currentLang
import app.yaohao.screens.LocalLang
import app.yaohao.screens.Navigator
import app.yaohao.screens.YaohaoApp
import app.yaohao.screens.YaohaoTheme
import app.yaohao.screens.withWonPalette

/** The single activity: the screens of :screens; asks for notifications once the user consented. */
class MainActivity : AppCompatActivity() {
    /** The deep link of the notification that opened (or re-opened) the activity. */
    private val deepLink = mutableStateOf<String?>(null)

    private val askNotifications = registerForActivityResult(ActivityResultContracts.RequestPermission()) { }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        val graph = (application as YaohaoApplication).graph
        // The consent screen calls this once agreed (and on later starts): never before it.
        graph.askNotifications = {
            if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
                askNotifications.launch(Manifest.permission.POST_NOTIFICATIONS)
            }
            UnifiedPushTokens.subscribe(this)
        }
        deepLink.value = intent?.dataString
        setContent {
            val nav = remember { Navigator() }
            BackHandler(enabled = nav.canGoBack) { nav.back() }
            val dark = isSystemInDarkTheme()
            // Dynamic colour on Android 12+, keeping the won palette (tertiary) of the app's theme.
            val scheme = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
                val context = LocalContext.current
                (if (dark) dynamicDarkColorScheme(context) else dynamicLightColorScheme(context)).withWonPalette(dark)
            } else {
                null
            }
            CompositionLocalProvider(LocalLang provides currentLang) {
                YaohaoTheme(dark = dark, scheme = scheme) {
                    YaohaoApp(graph, nav, deepLink.value)
                }
            }
        }
    }

    override fun onDestroy() {
        (application as YaohaoApplication).graph.askNotifications = null
        super.onDestroy()
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        deepLink.value = intent.dataString
    }
}
