//! Names and labels the apps show or send, so no shell hard-codes them: the portal's name of each
//! material and the Chinese/English labels of materials and application statuses.

use yaohao_core::documents::DocumentKind;
use yaohao_core::facade::{ApplicationStatus, portal_name};
use yaohao_core::i18n::Text;

/// The portal's name of a material (`id_front`, …); none when the portal does not take it.
#[uniffi::export]
pub fn document_portal_name(kind: DocumentKind) -> Option<String> {
    portal_name(kind).map(str::to_owned)
}

/// The material the portal calls `name`, if any.
#[uniffi::export]
pub fn document_kind_for_portal_name(name: String) -> Option<DocumentKind> {
    DocumentKind::ALL
        .into_iter()
        .find(|kind| portal_name(*kind) == Some(name.as_str()))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_portal_name_maps_back_to_its_material() {
        for kind in DocumentKind::ALL {
            if let Some(name) = document_portal_name(kind) {
                assert_eq!(document_kind_for_portal_name(name), Some(kind));
            }
        }
        assert_eq!(document_kind_for_portal_name("passport".to_owned()), None);
        assert_eq!(
            document_portal_name(DocumentKind::TaxProof).as_deref(),
            Some("tax_proof")
        );
        assert_eq!(document_portal_name(DocumentKind::AddressProof), None);
    }
}
