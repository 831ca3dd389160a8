// :yaohao-core — the Rust core for Android: `libyaohao_ffi.so` per ABI built with cargo-ndk, the
// uniffi Kotlin bindings generated into the build directory (never committed) and JNA as `@aar`.
import com.android.build.api.variant.LibraryAndroidComponentsExtension
import org.gradle.process.ExecOperations
import javax.inject.Inject

plugins {
    alias(libs.plugins.android.library)
}

/** The repository root (the Cargo workspace), one level above android/. */
val repoRoot: File = rootDir.parentFile

/** Cargo's target directory: CARGO_TARGET_DIR when set, as cargo itself does. */
val cargoTargetDir: File = System.getenv("CARGO_TARGET_DIR")?.let(::File) ?: repoRoot.resolve("target")

val minSdkVersion = 26
val abis = providers.gradleProperty("yaohao.abis").get().split(',').map(String::trim).filter(String::isNotEmpty)
val cargoProfile = providers.gradleProperty("yaohao.cargoProfile").get()

android {
    namespace = "app.yaohao.core"
    compileSdk = 37
    // NDK r28+ links 16 KB-page-aligned libraries by default (required by Google Play).
    ndkVersion = "28.2.13676358"

    defaultConfig {
        minSdk = minSdkVersion
        consumerProguardFiles("consumer-rules.pro")
        ndk { abiFilters += abis }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin {
    jvmToolchain(17)
}

/** Builds the core for the host and generates the uniffi Kotlin bindings from that library. */
abstract class GenerateUniffiBindings : DefaultTask() {
    /** The Cargo workspace. */
    @get:Internal
    abstract val workspace: DirectoryProperty

    /** Cargo's target directory. */
    @get:Internal
    abstract val cargoTarget: DirectoryProperty

    /** The Rust sources and the uniffi configuration the bindings depend on. */
    @get:InputFiles
    @get:PathSensitive(PathSensitivity.RELATIVE)
    abstract val rustSources: ConfigurableFileCollection

    /** Where the Kotlin bindings are written. */
    @get:OutputDirectory
    abstract val outputDir: DirectoryProperty

    @get:Inject
    abstract val exec: ExecOperations

    @TaskAction
    fun generate() {
        val root = workspace.get().asFile
        val target = cargoTarget.get().asFile
        // One invocation for the library and the bindgen, so uniffi is compiled once.
        exec.exec {
            workingDir = root
            environment("CARGO_TARGET_DIR", target.absolutePath)
            commandLine("cargo", "build", "--locked", "-p", "yaohao-ffi", "-p", "uniffi-bindgen")
        }
        val out = outputDir.get().asFile
        out.deleteRecursively()
        val bindgen = target.resolve("debug/uniffi-bindgen" + if (isWindows()) ".exe" else "")
        val library = target.resolve("debug/" + System.mapLibraryName("yaohao_ffi"))
        exec.exec {
            workingDir = root
            commandLine(bindgen.absolutePath, "generate", library.absolutePath, "--language", "kotlin", "--no-format", "--out-dir", out.absolutePath)
        }
    }

    private fun isWindows() = System.getProperty("os.name").startsWith("Windows")
}

/** Builds `libyaohao_ffi.so` for one Android ABI with cargo-ndk into `outputDir/<abi>/`. */
abstract class CargoNdkBuild : DefaultTask() {
    @get:Input
    abstract val abi: Property<String>

    @get:Input
    abstract val platform: Property<Int>

    @get:Input
    abstract val profile: Property<String>

    /** The NDK the Android Gradle plugin resolved for `ndkVersion`. */
    @get:Internal
    abstract val ndkDirectory: DirectoryProperty

    @get:Internal
    abstract val workspace: DirectoryProperty

    @get:Internal
    abstract val cargoTarget: DirectoryProperty

    @get:InputFiles
    @get:PathSensitive(PathSensitivity.RELATIVE)
    abstract val rustSources: ConfigurableFileCollection

    @get:OutputDirectory
    abstract val outputDir: DirectoryProperty

    @get:Inject
    abstract val exec: ExecOperations

    @TaskAction
    fun build() {
        exec.exec {
            workingDir = workspace.get().asFile
            environment("ANDROID_NDK_HOME", ndkDirectory.get().asFile.absolutePath)
            environment("CARGO_TARGET_DIR", cargoTarget.get().asFile.absolutePath)
            commandLine(
                "cargo", "ndk",
                "-t", abi.get(),
                "--platform", platform.get().toString(),
                "-o", outputDir.get().asFile.absolutePath,
                "build", "--locked", "--profile", profile.get(), "-p", "yaohao-ffi",
            )
        }
    }
}

val rustInputs = files(
    repoRoot.resolve("Cargo.toml"),
    repoRoot.resolve("Cargo.lock"),
    fileTree(repoRoot.resolve("core")) { exclude("target") },
    fileTree(repoRoot.resolve("bindings")),
)

val generateUniffiBindings = tasks.register<GenerateUniffiBindings>("generateUniffiBindings") {
    group = "yaohao"
    description = "Generates the uniffi Kotlin bindings into build/generated/uniffi/kotlin."
    workspace.set(repoRoot)
    cargoTarget.set(cargoTargetDir)
    rustSources.from(rustInputs)
    outputDir.set(layout.buildDirectory.dir("generated/uniffi/kotlin"))
}

val androidComponents = extensions.getByType<LibraryAndroidComponentsExtension>()

/** ABI name to a task-name suffix: arm64-v8a → Arm64V8a. */
fun taskSuffix(abi: String) = abi.split('-', '_').joinToString("") { it.replaceFirstChar(Char::uppercaseChar) }

val cargoNdkBuilds = abis.map { abi ->
    tasks.register<CargoNdkBuild>("cargoNdkBuild${taskSuffix(abi)}") {
        group = "yaohao"
        description = "Builds libyaohao_ffi.so for $abi with cargo-ndk."
        this.abi.set(abi)
        platform.set(minSdkVersion)
        profile.set(cargoProfile)
        ndkDirectory.set(androidComponents.sdkComponents.ndkDirectory)
        workspace.set(repoRoot)
        cargoTarget.set(cargoTargetDir)
        rustSources.from(rustInputs)
        outputDir.set(layout.buildDirectory.dir("rustJniLibs/$abi"))
    }
}

tasks.register("cargoNdkBuild") {
    group = "yaohao"
    description = "Builds libyaohao_ffi.so for every ABI in yaohao.abis."
    dependsOn(cargoNdkBuilds)
}

androidComponents.onVariants { variant ->
    variant.sources.kotlin?.addGeneratedSourceDirectory(generateUniffiBindings, GenerateUniffiBindings::outputDir)
    cargoNdkBuilds.forEach { build ->
        variant.sources.jniLibs?.addGeneratedSourceDirectory(build, CargoNdkBuild::outputDir)
    }
}

dependencies {
    // JNA's Android archive carries libjnidispatch.so for every ABI.
    api(libs.jna) { artifact { type = "aar" } }
    implementation(libs.kotlinx.coroutines.core)
}
