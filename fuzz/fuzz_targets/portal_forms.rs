//! The application-form body the portal accepts: any JSON that decodes goes through every core
//! check of the preview (the portal's and the app's, `yaohao_core::preview`) without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yaohao_core::api::{ApplicationForm, ApplicationKind, DocumentKind};

fuzz_target!(|data: &[u8]| {
    let Ok(form) = serde_json::from_slice::<ApplicationForm>(data) else {
        return;
    };
    for kind in [
        ApplicationKind::IndividualOrdinary,
        ApplicationKind::IndividualNev,
        ApplicationKind::Family,
    ] {
        let preview = yaohao_core::preview::preview(
            kind,
            &form,
            "11010519491231002X",
            &[DocumentKind::IdCardFront],
        );
        let _ = yaohao_core::preview::first_problem(&preview);
    }
});
