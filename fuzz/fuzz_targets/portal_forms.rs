//! The portal's application-form body: any JSON the portal accepts goes through every core check
//! of its preview without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yaohao_core::forms::{ApplicationForm, ApplicationKind};

fuzz_target!(|data: &[u8]| {
    let Ok(form) = serde_json::from_slice::<ApplicationForm>(data) else {
        return;
    };
    for kind in [
        ApplicationKind::IndividualOrdinary,
        ApplicationKind::IndividualNev,
        ApplicationKind::Family,
    ] {
        let _ = yaohao_portal::applications::preview(kind, &form, "11010519491231002X", &[]);
    }
});
