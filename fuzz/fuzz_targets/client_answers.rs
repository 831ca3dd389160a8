//! The portal's answers as the core's client decodes them: any bytes decode or fail cleanly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yaohao_core::api::{Account, Application, CodeSent, MaritalChange, Period, Quota};

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<Account>(data);
    let _ = serde_json::from_slice::<Vec<Application>>(data);
    let _ = serde_json::from_slice::<CodeSent>(data);
    let _ = serde_json::from_slice::<Vec<Period>>(data);
    let _ = serde_json::from_slice::<Vec<Quota>>(data);
    let _ = serde_json::from_slice::<MaritalChange>(data);
});
