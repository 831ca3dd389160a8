//! Preparing a document photo for upload: decode JPEG/PNG, apply the EXIF orientation, refuse
//! what cannot be read, scale down, and re-encode as JPEG under the material's size limit.

use super::resize::{fit_within, resize_rgb};
use super::{DocumentKind, sharpness};
use crate::i18n::Reason;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use jpeg_encoder::{ColorType, Encoder};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::Cursor;

/// Below this sharpness score a photo is probably blurred (see `sharpness`).
pub const BLUR_THRESHOLD: f64 = 60.0;
/// Largest preview side, in pixels.
const PREVIEW_SIDE: u32 = 320;
/// JPEG qualities tried in turn until the result fits.
const QUALITIES: [u8; 6] = [90, 82, 74, 66, 58, 50];
/// Largest decoded image accepted (a decompression-bomb guard): 64 megapixels.
const MAX_PIXELS: u64 = 64_000_000;

/// A photo ready to upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreparedDocument {
    /// The material it was prepared for.
    pub kind: DocumentKind,
    /// The JPEG to upload (within the kind's byte limit).
    pub jpeg: Vec<u8>,
    /// Width of the prepared image, in pixels.
    pub width: u32,
    /// Height of the prepared image, in pixels.
    pub height: u32,
    /// Width of a preview that fits in 320 × 320.
    pub preview_width: u32,
    /// Height of that preview.
    pub preview_height: u32,
    /// Sharpness score (variance of the Laplacian); see `BLUR_THRESHOLD`.
    pub sharpness: f64,
    /// Problems that do not stop the upload but may fail review (e.g. blur).
    pub warnings: Vec<Reason>,
}

/// Why a photo could not be prepared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// Not a JPEG or PNG (HEIC included: the apps convert it with the platform's codecs first).
    #[error("unsupported image format")]
    UnsupportedFormat,
    /// The bytes claim to be an image but do not decode.
    #[error("the image is damaged: {0}")]
    Corrupt(String),
    /// Too small to read the document.
    #[error("image too small: {width}×{height}")]
    TooSmall {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// Larger than any camera makes (a guard against decompression bombs).
    #[error("image too large")]
    TooLarge,
    /// Even the lowest quality does not fit the limit.
    #[error("cannot fit the size limit")]
    CannotFit,
}

impl DocumentError {
    /// What to tell the applicant, with what to do.
    pub fn reason(&self, kind: DocumentKind) -> Reason {
        let title = kind.title();
        match self {
            DocumentError::UnsupportedFormat => Reason::new(
                "document_format",
                "只支持 JPG 或 PNG 照片。HEIC 等格式请在相机设置中选择“兼容性最佳”，或导出为 JPG。",
                "Only JPG or PNG photos are accepted. For HEIC, choose 'Most compatible' in the camera settings or export as JPG.",
            ),
            DocumentError::Corrupt(_) => Reason::new(
                "document_corrupt",
                "照片文件已损坏，无法打开，请重新拍摄或选择。",
                "The photo file is damaged and cannot be opened; take or choose it again.",
            ),
            DocumentError::TooSmall { width, height } => Reason::new(
                "document_too_small",
                format!(
                    "{}照片只有 {width}×{height} 像素，无法看清，请靠近拍摄，至少 {} 像素宽。",
                    title.zh,
                    kind.min_side()
                ),
                format!(
                    "The {} photo is only {width}×{height} pixels, too small to read; move closer, at least {} pixels.",
                    title.en,
                    kind.min_side()
                ),
            ),
            DocumentError::TooLarge => Reason::new(
                "document_too_large",
                "照片尺寸异常巨大，请选择相机拍摄的原始照片。",
                "The image is implausibly large; choose the camera's original photo.",
            ),
            DocumentError::CannotFit => Reason::new(
                "document_cannot_fit",
                format!(
                    "{}照片压缩后仍超过 {} KB，请裁剪后重试。",
                    title.zh,
                    kind.max_bytes() / 1024
                ),
                format!(
                    "The {} photo is still over {} KB after compression; crop it and try again.",
                    title.en,
                    kind.max_bytes() / 1024
                ),
            ),
        }
    }
}

/// Prepares `bytes` (a JPEG or PNG straight from the camera or the gallery) as `kind`.
pub fn prepare_document(
    bytes: &[u8],
    kind: DocumentKind,
) -> Result<PreparedDocument, DocumentError> {
    let mut image = decode(bytes)?;
    let (w, h) = (image.width(), image.height());
    if w.min(h) < kind.min_side() {
        return Err(DocumentError::TooSmall {
            width: w,
            height: h,
        });
    }
    let max = kind.max_side();
    if w.max(h) > max {
        image = shrink(image, max)?;
    }
    let score = sharpness(&image);
    let mut warnings = Vec::new();
    if score < BLUR_THRESHOLD {
        let title = kind.title();
        warnings.push(Reason::new(
            "document_blurry",
            format!("{}照片看起来有些模糊，审核可能不通过。建议在光线充足处对焦后重拍。", title.zh),
            format!("The {} photo looks blurred and may fail review. Retake it in good light, in focus.", title.en),
        ));
    }
    let jpeg = encode_within(&image, kind.max_bytes())?;
    let scale = f64::from(PREVIEW_SIDE) / f64::from(image.width().max(image.height()));
    let preview = |side: u32| ((f64::from(side) * scale.min(1.0)).round() as u32).max(1);
    Ok(PreparedDocument {
        kind,
        jpeg,
        width: image.width(),
        height: image.height(),
        preview_width: preview(image.width()),
        preview_height: preview(image.height()),
        sharpness: score,
        warnings,
    })
}

/// Decodes a JPEG or PNG with its EXIF orientation applied, refusing other formats and bombs.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, DocumentError> {
    let format = image::guess_format(bytes).map_err(|_| DocumentError::UnsupportedFormat)?;
    if !matches!(format, image::ImageFormat::Jpeg | image::ImageFormat::Png) {
        return Err(DocumentError::UnsupportedFormat);
    }
    if format == image::ImageFormat::Jpeg && !super::jpeg::is_complete(bytes) {
        return Err(DocumentError::Corrupt(
            "the JPEG ends before its end marker".into(),
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| DocumentError::Corrupt(e.to_string()))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(DocumentError::TooLarge);
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => DocumentError::TooLarge,
        e => DocumentError::Corrupt(e.to_string()),
    })?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// `image` scaled so that its longer side is `max` (see `resize`).
pub fn shrink(image: DynamicImage, max: u32) -> Result<DynamicImage, DocumentError> {
    let (w, h) = fit_within(image.width(), image.height(), max);
    resize_rgb(&image.into_rgb8(), w, h)
        .map(DynamicImage::ImageRgb8)
        .map_err(|e| DocumentError::Corrupt(e.to_string()))
}

/// Encodes `image` as a JPEG of at most `max_bytes`, trying `QUALITIES` from the best down.
pub fn encode_within(image: &DynamicImage, max_bytes: usize) -> Result<Vec<u8>, DocumentError> {
    // A shrunk photo is RGB already; anything else is converted (alpha dropped).
    let pixels = match image {
        DynamicImage::ImageRgb8(rgb) => Cow::Borrowed(rgb.as_raw()),
        other => Cow::Owned(other.to_rgb8().into_raw()),
    };
    // Sides are bounded by `DocumentKind::max_side` (or the 600-pixel minimum), far below u16::MAX.
    let (Ok(w), Ok(h)) = (u16::try_from(image.width()), u16::try_from(image.height())) else {
        return Err(DocumentError::TooLarge);
    };
    for quality in QUALITIES {
        let mut out = Vec::with_capacity(max_bytes);
        Encoder::new(&mut out, quality)
            .encode(&pixels, w, h, ColorType::Rgb)
            .map_err(|e| DocumentError::Corrupt(e.to_string()))?;
        if out.len() <= max_bytes {
            return Ok(out);
        }
    }
    Err(DocumentError::CannotFit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, Rgb, RgbImage};

    /// A synthetic document: dark "text" strokes on a light page.
    pub(crate) fn document(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            let stroke = (x / 7 + y / 11) % 5 == 0 || (y % 40 < 3 && x % 90 < 70);
            if stroke {
                Rgb([30, 30, 40])
            } else {
                Rgb([235, 232, 220])
            }
        })
    }

    fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    #[test]
    fn prepares_a_large_png_within_the_limit() {
        let png = encode(
            &DynamicImage::ImageRgb8(document(3000, 2000)),
            ImageFormat::Png,
        );
        let p = prepare_document(&png, DocumentKind::DrivingLicence).unwrap();
        assert!(p.jpeg.len() <= DocumentKind::DrivingLicence.max_bytes());
        assert_eq!((p.width, p.height), (2400, 1600));
        assert_eq!((p.preview_width, p.preview_height), (320, 213));
        let decoded = image::load_from_memory_with_format(&p.jpeg, ImageFormat::Jpeg).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (2400, 1600));
        assert!(
            p.warnings.is_empty(),
            "a sharp document was called blurry: {}",
            p.sharpness
        );
    }

    #[test]
    fn id_photo_fits_200_kb() {
        let jpg = encode(
            &DynamicImage::ImageRgb8(document(1200, 1600)),
            ImageFormat::Jpeg,
        );
        let p = prepare_document(&jpg, DocumentKind::IdPhoto).unwrap();
        assert!(p.jpeg.len() <= 200 * 1024, "{}", p.jpeg.len());
        assert_eq!(p.height, 640);
    }

    #[test]
    fn warns_on_blur() {
        let blurred = image::imageops::blur(&document(1600, 1200), 6.0);
        let jpg = encode(&DynamicImage::ImageRgb8(blurred), ImageFormat::Jpeg);
        let p = prepare_document(&jpg, DocumentKind::IdCardFront).unwrap();
        assert_eq!(
            p.warnings
                .iter()
                .map(|w| w.code.as_str())
                .collect::<Vec<_>>(),
            ["document_blurry"]
        );
        let sharp = sharpness(&DynamicImage::ImageRgb8(document(1600, 1200)));
        assert!(
            sharp > BLUR_THRESHOLD && p.sharpness < BLUR_THRESHOLD,
            "{sharp} vs {}",
            p.sharpness
        );
    }

    #[test]
    fn applies_exif_orientation() {
        // A 800×600 JPEG tagged "rotate 90° clockwise" must come out portrait.
        let jpg = encode(
            &DynamicImage::ImageRgb8(document(800, 600)),
            ImageFormat::Jpeg,
        );
        let tagged = with_orientation(&jpg, 6);
        let p = prepare_document(&tagged, DocumentKind::IdCardBack).unwrap();
        assert_eq!((p.width, p.height), (600, 800));
        let untagged = prepare_document(&jpg, DocumentKind::IdCardBack).unwrap();
        assert_eq!((untagged.width, untagged.height), (800, 600));
    }

    /// Inserts an APP1 Exif segment with one Orientation entry after the JPEG's SOI marker.
    fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        tiff.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]);
        tiff.extend_from_slice(&orientation.to_be_bytes());
        tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(&tiff);
        let len = (app1.len() + 2) as u16;
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn refuses_what_cannot_be_read() {
        let kind = DocumentKind::IdCardFront;
        assert_eq!(
            prepare_document(b"not an image", kind),
            Err(DocumentError::UnsupportedFormat)
        );
        let gif = b"GIF89a\x01\0\x01\0\0\0\0";
        assert_eq!(
            prepare_document(gif, kind),
            Err(DocumentError::UnsupportedFormat)
        );
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(
            prepare_document(heic, kind),
            Err(DocumentError::UnsupportedFormat)
        );
        let png = encode(
            &DynamicImage::ImageRgb8(document(300, 200)),
            ImageFormat::Png,
        );
        assert_eq!(
            prepare_document(&png, kind),
            Err(DocumentError::TooSmall {
                width: 300,
                height: 200
            })
        );
        let truncated = &encode(
            &DynamicImage::ImageRgb8(document(900, 700)),
            ImageFormat::Png,
        )[..500];
        assert!(matches!(
            prepare_document(truncated, kind),
            Err(DocumentError::Corrupt(_))
        ));
        let reason = DocumentError::TooSmall {
            width: 300,
            height: 200,
        }
        .reason(kind);
        assert!(reason.message_zh.contains("300×200") && reason.message_en.contains("600"));
    }
}
