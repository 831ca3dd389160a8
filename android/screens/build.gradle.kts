// :screens — the app's Compose screens, theme, navigation and string table, with no android.*
// imports: the same sources compile here for Android (Jetpack Compose) and, in CI on Linux, for the
// desktop JVM on Compose Multiplatform (scripts/apps/test-android.sh), where their UI and
// screenshot tests run. The Android-only pieces stay in :app behind `ScreenServices`/`Platform`.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.compose)
}

android {
    namespace = "app.yaohao.screens"
    compileSdk = 37

    defaultConfig {
        minSdk = 26
    }

    buildFeatures {
        compose = true
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    // The one string table: :app's res/values*/strings.xml, read at runtime from the classpath
    // (`yaohao-strings/<dir>/strings.xml`) by `Strings`, on Android as on the desktop JVM.
    sourceSets["main"].resources.srcDir(layout.buildDirectory.dir("generated/stringTable"))
}

val copyStringTable by tasks.registering(Copy::class) {
    from(rootProject.file("app/src/main/res")) {
        include("values/strings.xml", "values-en/strings.xml")
    }
    into(layout.buildDirectory.dir("generated/stringTable/yaohao-strings"))
}

tasks.named("preBuild") { dependsOn(copyStringTable) }

kotlin {
    jvmToolchain(17)
}

dependencies {
    api(project(":presentation"))
    implementation(platform(libs.androidx.compose.bom))
    implementation(libs.androidx.compose.ui)
    implementation(libs.androidx.compose.material3)
    implementation(libs.androidx.compose.material.icons.core)
    implementation(libs.androidx.lifecycle.viewmodel.compose)
    implementation(libs.androidx.lifecycle.runtime.compose)
    // The screens' JVM tests run on Compose Multiplatform for desktop with kotlinc, outside
    // Gradle: scripts/apps/test-android.sh (versions in android/jvm/pom.xml).
}
