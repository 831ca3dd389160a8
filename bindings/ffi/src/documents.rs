//! Document photos: prepare a camera or gallery photo for upload.

use crate::YaohaoError;
use crate::runtime::run_blocking;
use yaohao_core::documents::{self, DocumentKind, PreparedDocument};

/// Decodes a JPEG/PNG, applies its EXIF orientation, checks it is readable and re-encodes it as a
/// JPEG within the material's limit; blur comes back as a warning. Runs on the core's blocking
/// pool (a 12-megapixel photo takes hundreds of milliseconds).
#[uniffi::export]
pub async fn prepare_document(
    bytes: Vec<u8>,
    kind: DocumentKind,
) -> Result<PreparedDocument, YaohaoError> {
    run_blocking(move || {
        documents::prepare_document(&bytes, kind)
            .map_err(|e| YaohaoError::invalid("photo", e.reason(kind)))
    })
    .await
}

/// The byte limit of a material (200 KB for the ID photo, 2 MB otherwise).
#[uniffi::export]
pub fn document_max_bytes(kind: DocumentKind) -> u64 {
    kind.max_bytes() as u64
}
