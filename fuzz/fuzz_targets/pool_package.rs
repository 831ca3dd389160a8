//! A verification package file (`position,code` lines) or a plain `code[,weight]` list: reading
//! never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yaohao_core::draw;

fuzz_target!(|data: &[u8]| {
    let package = [(
        "bjPersonCommonApplyNumber202606_0001.csv".to_owned(),
        data.to_vec(),
    )];
    let _ = draw::read_pool(&package);
    let _ = draw::read_pool(&[("pool.csv".to_owned(), data.to_vec())]);
});
