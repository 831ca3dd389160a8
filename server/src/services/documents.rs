//! Uploaded documents: JPG or PNG only, judged by content (magic bytes and a full decode), at
//! most 2 MB (the ID photo at most 200 KB), stored on disk under their SHA-256.

use std::path::{Path, PathBuf};

use axum::http::StatusCode;

use crate::config::Limits;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::hashing::sha256_hex;

/// Size limit for every material but the ID photo.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Size limit for the ID photo.
pub const MAX_PHOTO_BYTES: usize = 200 * 1024;

pub use yaohao_core::api::DocumentKind;

/// The material an application holds under this name (the documents routes' `{kind}`).
pub fn application_material(name: &str) -> Option<DocumentKind> {
    DocumentKind::parse(name).filter(|k| k.is_application_material())
}

/// The two accepted image formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageType {
    /// JPEG (`FF D8 FF`).
    Jpeg,
    /// PNG (`89 50 4E 47 0D 0A 1A 0A`).
    Png,
}

impl ImageType {
    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            ImageType::Jpeg => "image/jpeg",
            ImageType::Png => "image/png",
        }
    }

    fn format(self) -> image::ImageFormat {
        match self {
            ImageType::Jpeg => image::ImageFormat::Jpeg,
            ImageType::Png => image::ImageFormat::Png,
        }
    }
}

/// 413 `file_too_large` for `kind`.
pub fn too_large(kind: DocumentKind) -> ApiError {
    let (zh, en) = if kind == DocumentKind::IdPhoto {
        (
            "证件照不能超过 200 KB",
            "the ID photo must be at most 200 KB",
        )
    } else {
        (
            "每份材料不能超过 2 MB",
            "each material must be at most 2 MB",
        )
    };
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::FileTooLarge,
        zh,
        en,
    )
    .with_field("file")
}

/// 413 `image_too_large`: more pixels than `limits.image_pixels`, or more decoder memory than
/// `limits.image_decode_bytes`.
fn too_many_pixels(limits: &Limits) -> ApiError {
    let megapixels = limits.image_pixels.div_ceil(1_000_000);
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::ImageTooLarge,
        format!("图片像素过多（最多约 {megapixels} 百万像素），请降低分辨率后重新拍摄或扫描"),
        format!(
            "the image has too many pixels (at most about {megapixels} megapixels): \
             photograph or scan it at a lower resolution"
        ),
    )
    .with_field("file")
}

/// The refusal for a decoder error: a limit it reached, or a damaged file.
fn decode_error(e: &image::ImageError, limits: &Limits) -> ApiError {
    if matches!(e, image::ImageError::Limits(_)) {
        return too_many_pixels(limits);
    }
    ApiError::invalid(
        "file",
        "图片已损坏或无法识别，请重新拍摄或扫描后上传",
        "the image is damaged or cannot be read: scan or photograph it again",
    )
    .with_code(ErrorCode::CorruptImage)
}

/// Checks an upload's content: its magic bytes name JPEG or PNG, its header declares no more
/// pixels than `limits` allow, and it decodes as that format within the decoder memory bound.
pub fn check_image(kind: DocumentKind, bytes: &[u8], limits: &Limits) -> ApiResult<ImageType> {
    if bytes.is_empty() {
        return Err(ApiError::invalid("file", "文件为空", "the file is empty"));
    }
    if bytes.len() > kind.max_bytes() {
        return Err(too_large(kind));
    }
    let kind_of = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageType::Jpeg
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        ImageType::Png
    } else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedFileType,
            "只能上传 JPG 或 PNG 格式的图片",
            "only JPG or PNG images are accepted",
        )
        .with_field("file"));
    };
    // The header is read first: a few hundred bytes of PNG can declare billions of pixels, so
    // the size is refused before any pixel is decoded, and the decoder's memory is bounded too.
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), kind_of.format());
    let mut bounds = image::Limits::default();
    bounds.max_alloc = Some(limits.image_decode_bytes);
    reader.limits(bounds);
    let decoder = reader
        .into_decoder()
        .map_err(|e| decode_error(&e, limits))?;
    let (width, height) = image::ImageDecoder::dimensions(&decoder);
    if u64::from(width) * u64::from(height) > limits.image_pixels
        || image::ImageDecoder::total_bytes(&decoder) > limits.image_decode_bytes
    {
        return Err(too_many_pixels(limits));
    }
    image::DynamicImage::from_decoder(decoder).map_err(|e| decode_error(&e, limits))?;
    Ok(kind_of)
}

/// Writes `bytes` to `partial` (owner-only: documents are ID scans), syncs it, renames it to
/// `path` and syncs the directory, so an acknowledged upload survives a power cut.
fn durable_write(partial: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(partial)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(partial, path)?;
    if let Some(dir) = path.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Content-addressed document storage under `<data>/documents/<aa>/<sha256>`.
#[derive(Debug, Clone)]
pub struct DocumentStore {
    root: PathBuf,
}

impl DocumentStore {
    /// The store under the data directory `data`.
    pub fn new(data: &Path) -> DocumentStore {
        DocumentStore {
            root: data.join("documents"),
        }
    }

    /// Where the document with hash `sha256` lives.
    pub fn path(&self, sha256: &str) -> PathBuf {
        let prefix = sha256.get(..2).unwrap_or("00");
        self.root.join(prefix).join(sha256)
    }

    /// Stores `bytes` (idempotently) and returns their hash.
    pub async fn put(&self, bytes: &[u8]) -> ApiResult<String> {
        let sha256 = sha256_hex(bytes);
        let path = self.path(&sha256);
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(sha256);
        }
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(ApiError::internal)?;
        }
        let partial = path.with_extension("partial");
        let bytes = bytes.to_vec();
        tokio::task::spawn_blocking(move || durable_write(&partial, &path, &bytes))
            .await?
            .map_err(ApiError::internal)?;
        Ok(sha256)
    }

    /// Removes the file with hash `sha256` (gone already is fine).
    pub async fn remove(&self, sha256: &str) -> ApiResult<()> {
        match tokio::fs::remove_file(self.path(sha256)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(ApiError::internal(e)),
            _ => Ok(()),
        }
    }

    /// Reads a stored document.
    pub async fn get(&self, sha256: &str) -> ApiResult<Vec<u8>> {
        tokio::fs::read(self.path(sha256))
            .await
            .map_err(ApiError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png() -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::new(4, 4)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn accepts_real_images_and_rejects_impostors() {
        assert_eq!(
            check_image(DocumentKind::IdCardFront, &png(), &Limits::default()).unwrap(),
            ImageType::Png
        );
        let e =
            check_image(DocumentKind::IdCardFront, b"GIF89a....", &Limits::default()).unwrap_err();
        assert_eq!(e.body().code, "unsupported_file_type");
        let mut truncated = png();
        truncated.truncate(20);
        assert_eq!(
            check_image(DocumentKind::IdCardFront, &truncated, &Limits::default())
                .unwrap_err()
                .body()
                .code,
            "corrupt_image"
        );
        let big = vec![0u8; MAX_PHOTO_BYTES + 1];
        assert_eq!(
            check_image(DocumentKind::IdPhoto, &big, &Limits::default())
                .unwrap_err()
                .body()
                .code,
            "file_too_large"
        );
        assert_eq!(DocumentKind::parse("id_photo"), Some(DocumentKind::IdPhoto));
    }
}
