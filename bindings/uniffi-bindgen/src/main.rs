//! `uniffi-bindgen`: run on the built `libyaohao_ffi` to generate Kotlin and Swift bindings.

fn main() {
    uniffi::uniffi_bindgen_main()
}
