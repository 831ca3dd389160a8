// :app — the Android shell around :screens: the Activity, schedules reminders and the draw-day
// check, receives pushes, captures photos and keeps the session in the Keystore.
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.compose)
}

// Firebase is configured by the developer's own google-services.json (never committed).
if (file("google-services.json").exists()) {
    apply(plugin = libs.plugins.google.services.get().pluginId)
}

/** The portal of release builds. */
val releasePortal = providers.gradleProperty("yaohao.portal.release")

/** The portal's VAPID public key (`GET /v1/push/vapid`), which UnifiedPush subscriptions are made with; none by default. */
val vapidKey = providers.gradleProperty("yaohao.vapid").orElse("")

android {
    namespace = "app.yaohao.app"
    compileSdk = 37

    defaultConfig {
        applicationId = "app.yaohao"
        minSdk = 26
        targetSdk = 36
        versionCode = 1
        versionName = "0.1.0"
        buildConfigField("String", "VAPID_PUBLIC_KEY", "\"${vapidKey.get()}\"")
    }

    androidResources {
        // Simplified Chinese is the default (values/), English in values-en/.
        generateLocaleConfig = true
    }

    buildFeatures {
        compose = true
        buildConfig = true
    }

    buildTypes {
        debug {
            // Development: the host machine as the emulator sees it, or -Pyaohao.portal=http://<host>:8080.
            val portal = providers.gradleProperty("yaohao.portal").orElse("http://10.0.2.2:8080").get()
            buildConfigField("String", "PORTAL_URL", "\"$portal\"")
        }
        release {
            // No fallback: the release portal is build configuration and must be https
            // (-Pyaohao.portal.release=https://... or gradle.properties); checked before any release build.
            buildConfigField("String", "PORTAL_URL", "\"${releasePortal.orNull.orEmpty()}\"")
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    implementation(project(":presentation"))
    implementation(project(":screens"))
    implementation(libs.kotlinx.coroutines.android)
    implementation(libs.androidx.core.ktx)
    implementation(libs.androidx.appcompat)
    implementation(libs.androidx.activity.compose)
    implementation(platform(libs.androidx.compose.bom))
    implementation(libs.androidx.compose.ui)
    implementation(libs.androidx.compose.ui.tooling.preview)
    implementation(libs.androidx.compose.material3)
    implementation(libs.androidx.work.runtime)
    implementation(libs.androidx.datastore.preferences)
    implementation(platform(libs.firebase.bom))
    implementation(libs.firebase.messaging)
    implementation(libs.unifiedpush.connector)
    debugImplementation(libs.androidx.compose.ui.tooling)
}

// A release build without an https portal fails before it starts, instead of shipping a fallback.
tasks.matching { it.name == "preReleaseBuild" }.configureEach {
    doFirst {
        val url = releasePortal.orNull
        require(url != null && url.startsWith("https://")) {
            "Release builds need -Pyaohao.portal.release=https://<portal> (got ${url ?: "nothing"})"
        }
    }
}
