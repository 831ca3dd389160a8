//! Document photos: what each material is, its limits, and preparing a photo to pass review.

mod kind;
mod prepare;
mod sharpness;

pub use kind::DocumentKind;
pub use prepare::{DocumentError, PreparedDocument, prepare_document};
pub use sharpness::sharpness;
