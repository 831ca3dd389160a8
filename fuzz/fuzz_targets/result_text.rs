//! A result list's text (what a PDF's text layer or a downloaded copy holds): parsing never
//! panics, and what parses renders back to text that parses to the same list.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yaohao_core::draw::layout;
use yaohao_core::results;

fuzz_target!(|text: &str| {
    if let Ok(file) = results::parse_text(text) {
        let again = results::parse_text(&layout::render(&file)).expect("a rendered list parses");
        assert_eq!(again.rows.len(), file.rows.len());
        assert_eq!(again.header.pool_size, file.header.pool_size);
    }
});
