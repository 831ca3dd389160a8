//! The limits and names of each material (product spec, L); the kinds themselves are the
//! contract's ([`crate::api::DocumentKind`]).

use crate::api::DocumentKind;
use crate::i18n::Text;

impl DocumentKind {
    /// Largest accepted upload in bytes: 200 KB for the ID photo, 2 MB for everything else.
    pub fn max_bytes(self) -> usize {
        match self {
            DocumentKind::IdPhoto => 200 * 1024,
            _ => 2 * 1024 * 1024,
        }
    }

    /// Longest side after preparation, in pixels: enough to read every character.
    pub fn max_side(self) -> u32 {
        match self {
            DocumentKind::IdPhoto => 640,
            _ => 2400,
        }
    }

    /// Shortest side below which the photo cannot be read, in pixels.
    pub fn min_side(self) -> u32 {
        match self {
            DocumentKind::IdPhoto => 240,
            _ => 600,
        }
    }

    /// The material's name.
    pub fn title(self) -> Text {
        let (zh, en) = match self {
            DocumentKind::IdCardFront => ("身份证人像面", "ID card (photo side)"),
            DocumentKind::IdCardBack => ("身份证国徽面", "ID card (emblem side)"),
            DocumentKind::IdPhoto => ("证件照", "ID photo"),
            DocumentKind::DrivingLicence => ("机动车驾驶证", "driving licence"),
            DocumentKind::ResidencePermit => ("居住证", "residence permit"),
            DocumentKind::WorkResidencePermit => ("工作居住证", "work residence permit"),
            DocumentKind::SocialInsuranceRecord => ("社会保险缴纳记录", "social-insurance record"),
            DocumentKind::FamilyRelationProof => (
                "户口簿或亲属关系证明",
                "household register or family-relation proof",
            ),
            DocumentKind::MarriageCertificate => ("婚姻状况证明", "marital-status certificate"),
            DocumentKind::AddressProof => (
                "住址证明（房产证、租赁合同或居住证明）",
                "proof of address (deed, lease or residence certificate)",
            ),
            DocumentKind::BusinessLicence => ("营业执照", "business licence"),
            DocumentKind::TaxProof => ("纳税证明", "tax payment proof"),
        };
        Text::new(zh, en)
    }
}
