//! Document photos: what each material is, its limits, and preparing a photo to pass review.

mod jpeg;
mod kind;
mod prepare;
mod resize;
mod sharpness;

pub use crate::api::DocumentKind;
pub use prepare::{
    DocumentError, PreparedDocument, decode, encode_within, prepare_document, shrink,
};
pub use sharpness::sharpness;
