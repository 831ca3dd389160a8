// :presentation — the screens' state holders: plain Kotlin over the core (no android.* imports),
// so they also compile with kotlinc and run on the desktop JVM against the host build of the core
// (scripts/apps/test-android.sh). An Android library only because it depends on :yaohao-core.
plugins {
    alias(libs.plugins.android.library)
}

android {
    namespace = "app.yaohao.presentation"
    compileSdk = 37

    defaultConfig {
        minSdk = 26
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    testOptions {
        unitTests.all { test ->
            // JVM unit tests load the host build of the core that generateUniffiBindings produced.
            val target = System.getenv("CARGO_TARGET_DIR")?.let(::File) ?: rootDir.parentFile.resolve("target")
            test.systemProperty("jna.library.path", target.resolve("debug").absolutePath)
            test.workingDir = rootDir.parentFile
        }
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    api(project(":yaohao-core"))
    api(libs.kotlinx.coroutines.core)
    testImplementation(libs.junit)
    // The desktop JNA jar (with the host's libjnidispatch) for unit tests on the JVM.
    testImplementation(libs.jna)
}
