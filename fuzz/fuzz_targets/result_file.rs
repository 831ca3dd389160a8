//! A result file as bytes (PDF or text, any encoding): parsing never panics, and a list that
//! parses verifies from its header without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yaohao_core::{draw, results};

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = results::parse_bytes(data) {
        // The replay walks up to 10·N numbers: keep crafted pools small enough to finish.
        if file.header.pool_size <= 1_000_000 {
            let _ = draw::verify(&file, None);
        }
    }
});
