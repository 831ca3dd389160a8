//! Labels the apps show, so no shell hard-codes them: the Chinese/English labels of materials and
//! application statuses.

use yaohao_core::documents::DocumentKind;
use yaohao_core::facade::ApplicationStatus;
use yaohao_core::i18n::Text;

/// The material's name to show (身份证人像面 / ID card (photo side), …).
#[uniffi::export]
pub fn document_label(kind: DocumentKind) -> Text {
    kind.title()
}

/// The application status to show (审核中 / Under review, …); an unknown status shows its raw name.
#[uniffi::export]
pub fn application_status_label(status: ApplicationStatus) -> Text {
    status.label()
}
