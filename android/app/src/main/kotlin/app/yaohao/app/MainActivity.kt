package app.yaohao.app

import android.Manifest
import android.content.Intent
import android.os.Build
import android.os.Bundle
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.activity.result.contract.ActivityResultContracts
import androidx.appcompat.app.AppCompatActivity
import androidx.compose.runtime.mutableStateOf
import app.yaohao.app.ui.YaohaoNavHost
import app.yaohao.app.ui.theme.YaohaoTheme

/** The single activity: Compose navigation over the screens; asks for notifications once. */
class MainActivity : AppCompatActivity() {
    /** The deep link of the notification that opened (or re-opened) the activity. */
    private val deepLink = mutableStateOf<String?>(null)

    private val askNotifications = registerForActivityResult(ActivityResultContracts.RequestPermission()) { }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            askNotifications.launch(Manifest.permission.POST_NOTIFICATIONS)
        }
        val graph = (application as YaohaoApplication).graph
        deepLink.value = intent?.dataString
        setContent {
            YaohaoTheme {
                YaohaoNavHost(graph, deepLink.value)
            }
        }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        deepLink.value = intent.dataString
    }
}
