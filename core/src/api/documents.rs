//! Materials: the one [`DocumentKind`] vocabulary (the portal's routes, the client's queue and
//! both databases use these names) and an uploaded material.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One kind of material. A closed set: the client sends these names (an unknown one from a
/// newer portal is a contract error, since this build could not upload it anyway).
///
/// The wire names are the portal's short ones (`id_front`); the Rust names say what the
/// material is (`IdCardFront`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 身份证人像面.
    #[serde(rename = "id_front")]
    IdCardFront,
    /// 身份证国徽面.
    #[serde(rename = "id_back")]
    IdCardBack,
    /// 证件照 (≤ 200 KB).
    IdPhoto,
    /// 机动车驾驶证.
    DrivingLicence,
    /// 居住证.
    ResidencePermit,
    /// 工作居住证.
    WorkResidencePermit,
    /// 社会保险缴纳记录.
    SocialInsuranceRecord,
    /// 户口簿或亲属关系证明 (family applications).
    FamilyRelationProof,
    /// 结婚证或离婚证: sent with a marital-status change, not held by an application.
    MarriageCertificate,
    /// 住址证明 (房产证、租赁合同或居住证明): sent with an address change, not held by an
    /// application.
    AddressProof,
    /// 营业执照 (unit applications).
    BusinessLicence,
    /// 纳税证明 (unit applications).
    TaxProof,
}

impl DocumentKind {
    /// Every kind, in form order.
    pub const ALL: [DocumentKind; 12] = [
        DocumentKind::IdCardFront,
        DocumentKind::IdCardBack,
        DocumentKind::IdPhoto,
        DocumentKind::DrivingLicence,
        DocumentKind::ResidencePermit,
        DocumentKind::WorkResidencePermit,
        DocumentKind::SocialInsuranceRecord,
        DocumentKind::FamilyRelationProof,
        DocumentKind::MarriageCertificate,
        DocumentKind::AddressProof,
        DocumentKind::BusinessLicence,
        DocumentKind::TaxProof,
    ];

    /// The wire (and stored) name.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::IdCardFront => "id_front",
            DocumentKind::IdCardBack => "id_back",
            DocumentKind::IdPhoto => "id_photo",
            DocumentKind::DrivingLicence => "driving_licence",
            DocumentKind::ResidencePermit => "residence_permit",
            DocumentKind::WorkResidencePermit => "work_residence_permit",
            DocumentKind::SocialInsuranceRecord => "social_insurance_record",
            DocumentKind::FamilyRelationProof => "family_relation_proof",
            DocumentKind::MarriageCertificate => "marriage_certificate",
            DocumentKind::AddressProof => "address_proof",
            DocumentKind::BusinessLicence => "business_licence",
            DocumentKind::TaxProof => "tax_proof",
        }
    }

    /// The kind with this name.
    pub fn parse(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether an application holds this material (`/v1/applications/{id}/documents/{kind}`).
    pub fn is_application_material(self) -> bool {
        !matches!(
            self,
            DocumentKind::MarriageCertificate | DocumentKind::AddressProof
        )
    }
}

/// A material stored on the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Which material.
    pub kind: DocumentKind,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    /// Size in bytes.
    pub size: i64,
    /// When the portal stored it.
    pub uploaded_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serde_names() {
        for kind in DocumentKind::ALL {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, kind.as_str());
            assert_eq!(DocumentKind::parse(kind.as_str()), Some(kind));
        }
    }
}
