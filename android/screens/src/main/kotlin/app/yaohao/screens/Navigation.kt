package app.yaohao.app.ui

import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Calculate
import androidx.compose.material.icons.filled.Campaign
import androidx.compose.material.icons.filled.EmojiEvents
import androidx.compose.material.icons.filled.Home
import androidx.compose.material.icons.filled.Notifications
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material3.Icon
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.res.stringResource
import androidx.navigation.NavGraph.Companion.findStartDestination
import androidx.navigation.NavHostController
import androidx.navigation.NavType
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.currentBackStackEntryAsState
import androidx.navigation.compose.rememberNavController
import androidx.navigation.navArgument
import app.yaohao.app.AppGraph
import app.yaohao.app.R
import app.yaohao.app.platform.ScheduleWorker
import app.yaohao.app.ui.screens.AnnouncementsScreen
import app.yaohao.app.ui.screens.ApplicationFormScreen
import app.yaohao.app.ui.screens.CalculatorScreen
import app.yaohao.app.ui.screens.DashboardScreen
import app.yaohao.app.ui.screens.DocumentCaptureScreen
import app.yaohao.app.ui.screens.RemindersScreen
import app.yaohao.app.ui.screens.ResultsScreen
import app.yaohao.app.ui.screens.SettingsScreen
import app.yaohao.app.ui.screens.SignInScreen
import app.yaohao.core.DocumentKind
import app.yaohao.presentation.DeepLinks
import app.yaohao.presentation.Destination
import app.yaohao.presentation.model.PortalApplicationKind
import androidx.compose.ui.platform.LocalContext
import kotlinx.coroutines.launch

/** The app's destinations (deep links use the same paths under `yaohao://`). */
object Routes {
    const val SIGN_IN = "signin"
    const val HOME = "home"
    const val FORM = "form/{draft}"
    const val CAPTURE = "capture/{draft}/{kind}"
    const val RESULTS = "results"
    const val REMINDERS = "reminders"
    const val CALCULATOR = "calculator"
    const val ANNOUNCEMENTS = "announcements"
    const val SETTINGS = "settings"

    /** The form of a draft. */
    fun form(draft: String) = "form/$draft"

    /** The capture of a material for a draft. */
    fun capture(draft: String, kind: DocumentKind) = "capture/$draft/${kind.name}"
}

/** A tab of the bottom bar. */
private data class Tab(val route: String, val label: Int, val icon: ImageVector)

private val tabs = listOf(
    Tab(Routes.HOME, R.string.tab_home, Icons.Filled.Home),
    Tab(Routes.RESULTS, R.string.tab_results, Icons.Filled.EmojiEvents),
    Tab(Routes.REMINDERS, R.string.tab_reminders, Icons.Filled.Notifications),
    Tab(Routes.CALCULATOR, R.string.tab_calculator, Icons.Filled.Calculate),
    Tab(Routes.ANNOUNCEMENTS, R.string.tab_announcements, Icons.Filled.Campaign),
    Tab(Routes.SETTINGS, R.string.tab_settings, Icons.Filled.Settings),
)

/** Navigation between the screens, with a bottom bar for the top-level ones. */
@Composable
fun YaohaoNavHost(graph: AppGraph, deepLink: String?) {
    val nav = rememberNavController()
    LaunchedEffect(deepLink) {
        if (deepLink != null) nav.switchTo(DeepLinks.destination(deepLink).route())
    }
    val entry by nav.currentBackStackEntryAsState()
    val scope = rememberCoroutineScope()
    val context = LocalContext.current
    Scaffold(
        bottomBar = {
            if (tabs.any { it.route == entry?.destination?.route }) {
                NavigationBar {
                    tabs.forEach { tab ->
                        NavigationBarItem(
                            selected = entry?.destination?.route == tab.route,
                            onClick = { nav.switchTo(tab.route) },
                            icon = { Icon(tab.icon, contentDescription = null) },
                            label = { Text(stringResource(tab.label)) },
                        )
                    }
                }
            }
        },
    ) { padding ->
        NavHost(navController = nav, startDestination = Routes.HOME, modifier = Modifier.padding(padding)) {
            composable(Routes.SIGN_IN) {
                SignInScreen(graph, onSignedIn = { nav.switchTo(Routes.HOME) })
            }
            composable(Routes.HOME) {
                DashboardScreen(
                    graph,
                    onOpenDraft = { nav.navigate(Routes.form(it)) },
                    onNewApplication = {
                        scope.launch {
                            val draft = graph.client.createDraft(PortalApplicationKind.INDIVIDUAL_ORDINARY)
                            nav.navigate(Routes.form(draft.localId))
                        }
                    },
                    onOpenResults = { nav.switchTo(Routes.RESULTS) },
                    onSignInRequired = { nav.navigate(Routes.SIGN_IN) },
                )
            }
            composable(Routes.FORM, arguments = listOf(navArgument("draft") { type = NavType.StringType })) { backStack ->
                val draft = backStack.arguments?.getString("draft").orEmpty()
                ApplicationFormScreen(
                    graph,
                    draft,
                    onCapture = { kind -> nav.navigate(Routes.capture(draft, kind)) },
                    onSubmitted = { nav.popBackStack() },
                )
            }
            composable(Routes.CAPTURE) { backStack ->
                val draft = backStack.arguments?.getString("draft").orEmpty()
                val kind = backStack.arguments?.getString("kind")?.let { name -> DocumentKind.entries.firstOrNull { it.name == name } }
                if (kind != null) {
                    DocumentCaptureScreen(graph, draft, kind, onDone = { nav.popBackStack() })
                }
            }
            composable(Routes.RESULTS) {
                ResultsScreen(graph)
            }
            composable(Routes.REMINDERS) {
                RemindersScreen(graph)
            }
            composable(Routes.CALCULATOR) {
                CalculatorScreen()
            }
            composable(Routes.ANNOUNCEMENTS) {
                AnnouncementsScreen(graph)
            }
            composable(Routes.SETTINGS) {
                SettingsScreen(graph, onRemindersChanged = { ScheduleWorker.start(context) })
            }
        }
    }
}

/** The route of a deep-link destination. */
private fun Destination.route(): String = when (this) {
    Destination.HOME -> Routes.HOME
    Destination.RESULTS -> Routes.RESULTS
    Destination.REMINDERS -> Routes.REMINDERS
    Destination.ANNOUNCEMENTS -> Routes.ANNOUNCEMENTS
    Destination.SETTINGS -> Routes.SETTINGS
}

/** Switches to a top-level destination, keeping one copy of each on the back stack. */
private fun NavHostController.switchTo(route: String) {
    navigate(route) {
        popUpTo(graph.findStartDestination().id) { saveState = true }
        launchSingleTop = true
        restoreState = true
    }
}
