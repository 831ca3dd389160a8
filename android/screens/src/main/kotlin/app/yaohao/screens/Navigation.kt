package app.yaohao.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.filled.Build
import androidx.compose.material.icons.filled.Home
import androidx.compose.material.icons.filled.Menu
import androidx.compose.material.icons.filled.Star
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.ListItem
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.platform.testTag
import app.yaohao.core.DocumentKind
import app.yaohao.presentation.DeepLinks
import app.yaohao.presentation.Destination
import app.yaohao.presentation.consent.ConsentModel
import androidx.compose.runtime.getValue
import androidx.lifecycle.compose.collectAsStateWithLifecycle

/** The app's destinations. */
sealed interface Route {
    data object SignIn : Route
    data object Home : Route
    data object Results : Route
    data object Calculator : Route
    data object More : Route
    data object Reminders : Route
    data object Announcements : Route
    data object Settings : Route
    data object Account : Route
    data object Calendar : Route
    data object Lookup : Route
    data object Follow : Route
    data object Eligibility : Route

    /** One application's detail. */
    data class Application(val id: Long) : Route

    /** The form of a draft. */
    data class Form(val draft: String) : Route

    /** The capture of a material for a draft. */
    data class Capture(val draft: String, val kind: DocumentKind) : Route

    /** The verification of the result card [key] (`period:code`), opened from the results tab. */
    data class Verification(val key: String) : Route
}

/** A tab of the bottom bar and the routes that belong to it. */
class Tab(val route: Route, val label: String, val icon: ImageVector, val children: Set<Route> = emptySet())

/** The screens under "More", with their titles. */
val moreRoutes = listOf(
    Route.Account to "tab_account",
    Route.Reminders to "tab_reminders",
    Route.Calendar to "tab_calendar",
    Route.Lookup to "tab_lookup",
    Route.Follow to "tab_follow",
    Route.Eligibility to "tab_eligibility",
    Route.Announcements to "tab_announcements",
    Route.Settings to "tab_settings",
)

/** Four tabs (Material's bottom bar takes three to five): the account, reminders, calendar, code lookup, followed codes, the eligibility check, announcements and settings are under "More". */
val tabs = listOf(
    Tab(Route.Home, "tab_home", Icons.Filled.Home),
    Tab(Route.Results, "tab_results", Icons.Filled.Star),
    Tab(Route.Calculator, "tab_calculator", Icons.Filled.Build),
    Tab(Route.More, "tab_more", Icons.Filled.Menu, moreRoutes.map { it.first }.toSet()),
)

/** The back stack: Home at the bottom, so "back" from any tab leads home and then out. */
class Navigator(start: Route = Route.Home) {
    private val stack = mutableStateListOf<Route>(Route.Home).apply { if (start != Route.Home) add(start) }

    /** The route on screen. */
    val current: Route get() = stack.last()

    /** Whether [back] has somewhere to go. */
    val canGoBack: Boolean get() = stack.size > 1

    /** Opens [route] on top of the current one. */
    fun navigate(route: Route) {
        if (current != route) stack.add(route)
    }

    /** Switches to a top-level destination: one copy of each, above Home. */
    fun switchTo(route: Route) {
        while (stack.size > 1) stack.removeAt(stack.lastIndex)
        if (route != Route.Home) stack.add(route)
    }

    /** Goes back one step; false when already at the bottom (the app then closes). */
    fun back(): Boolean {
        if (!canGoBack) return false
        stack.removeAt(stack.lastIndex)
        return true
    }
}

/** The route of a deep-link destination. */
fun Destination.route(): Route = when (this) {
    Destination.HOME -> Route.Home
    Destination.RESULTS -> Route.Results
    Destination.REMINDERS -> Route.Reminders
    Destination.ANNOUNCEMENTS -> Route.Announcements
    Destination.SETTINGS -> Route.Settings
}

/**
 * The app: the consent gate first (nothing that takes personal data comes before the user agreed to
 * the privacy policy), then a bottom bar over the top-level screens and a back arrow on the others.
 */
@Composable
fun YaohaoApp(services: ScreenServices, nav: Navigator = remember { Navigator() }, deepLink: String? = null) {
    val consent = rememberHolder { scope -> ConsentModel(services.settings, scope) }
    val consentState by consent.state.collectAsStateWithLifecycle()
    LaunchedEffect(Unit) { consent.load() }
    LaunchedEffect(consentState.consented) {
        if (consentState.consented == true) services.platform.consentGiven()
    }
    when (consentState.consented) {
        null -> Unit
        false -> ConsentScreen(onAccept = { consent.accept() })
        true -> AppScaffold(services, nav, deepLink, onWithdrawConsent = { consent.withdraw() })
    }
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
private fun AppScaffold(services: ScreenServices, nav: Navigator, deepLink: String?, onWithdrawConsent: () -> Unit) {
    LaunchedEffect(deepLink) {
        if (deepLink != null) nav.switchTo(DeepLinks.destination(deepLink).route())
    }
    val route = nav.current
    // A result's verification belongs to the results tab, with a way back to it.
    val parent = if (route is Route.Verification) Route.Results else route
    val tab = tabs.firstOrNull { it.route == parent || parent in it.children }
    Scaffold(
        topBar = {
            if (tab == null || route in tab.children || route != parent) {
                TopAppBar(
                    title = { Text(title(route)) },
                    navigationIcon = {
                        IconButton(onClick = { nav.back() }, modifier = Modifier.testTag("back")) {
                            Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = tr("action_back"))
                        }
                    },
                )
            }
        },
        bottomBar = {
            if (tab != null) {
                NavigationBar {
                    tabs.forEach { item ->
                        NavigationBarItem(
                            selected = item == tab,
                            onClick = { nav.switchTo(item.route) },
                            icon = { Icon(item.icon, contentDescription = null) },
                            label = { Text(tr(item.label)) },
                            modifier = Modifier.testTag("tab:${item.label}"),
                        )
                    }
                }
            }
        },
    ) { padding ->
        Column(modifier = Modifier.padding(padding)) {
            when (route) {
                Route.SignIn -> SignInScreen(services, onSignedIn = { nav.back() })
                Route.Home -> DashboardScreen(
                    services,
                    HomeNavigation(
                        openDraft = { nav.navigate(Route.Form(it)) },
                        openApplication = { nav.navigate(Route.Application(it)) },
                        openResults = { nav.switchTo(Route.Results) },
                        openAccount = { nav.navigate(Route.Account) },
                        signIn = { nav.navigate(Route.SignIn) },
                    ),
                )
                is Route.Form -> ApplicationFormScreen(
                    services,
                    route.draft,
                    onCapture = { kind -> nav.navigate(Route.Capture(route.draft, kind)) },
                    onDone = { nav.back() },
                )
                is Route.Capture -> DocumentCaptureScreen(services, route.draft, route.kind, onDone = { nav.back() })
                is Route.Application -> ApplicationScreen(services, route.id, onOpenDraft = { nav.navigate(Route.Form(it)) })
                Route.Results -> ResultsScreen(services, onVerification = { nav.navigate(Route.Verification(it)) })
                is Route.Verification -> VerificationScreen(services, route.key)
                Route.Calculator -> CalculatorScreen()
                Route.More -> MoreScreen(onOpen = nav::navigate)
                Route.Account -> AccountScreen(services, onSignedOut = { nav.switchTo(Route.Home) })
                Route.Reminders -> RemindersScreen(services)
                Route.Calendar -> CalendarScreen(services)
                Route.Lookup -> LookupScreen(services)
                Route.Follow -> FollowScreen(services)
                Route.Eligibility -> EligibilityScreen(services)
                Route.Announcements -> AnnouncementsScreen(services)
                Route.Settings -> SettingsScreen(services, onWithdrawConsent)
            }
        }
    }
}

/** The title of a screen without a tab of its own. */
@Composable
private fun title(route: Route): String = when (route) {
    Route.SignIn -> tr("signin_login")
    Route.Reminders -> tr("tab_reminders")
    Route.Announcements -> tr("tab_announcements")
    Route.Settings -> tr("tab_settings")
    Route.Account -> tr("tab_account")
    Route.Calendar -> tr("tab_calendar")
    Route.Lookup -> tr("tab_lookup")
    Route.Follow -> tr("tab_follow")
    is Route.Application -> tr("application_title")
    is Route.Form -> tr("draft_title")
    is Route.Capture -> tr("documents_title")
    is Route.Verification -> tr("verification_title")
    else -> tr("app_name")
}

/** "More": the screens that do not need a tab of their own. */
@Composable
fun MoreScreen(onOpen: (Route) -> Unit) {
    CountRecomposition("more")
    Column(modifier = Modifier.fillMaxSize()) {
        moreRoutes.forEach { (route, label) ->
            ListItem(
                headlineContent = { Text(tr(label)) },
                modifier = Modifier.clickable { onOpen(route) }.testTag("more:$label"),
            )
        }
    }
}
