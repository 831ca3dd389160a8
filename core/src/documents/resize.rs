//! Downscaling with `fast_image_resize`: a SIMD bilinear filter whose support widens with the
//! ratio (antialiased, several times faster than `image`'s own filters on a 12-megapixel photo).

use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image};
use image::RgbImage;

/// Why a resize failed: a buffer that does not match its dimensions (not expected from an
/// `RgbImage`, reported rather than trusted).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("resizing failed: {0}")]
pub struct Error(String);

/// The size of a `width`×`height` image scaled so that its longer side is `max`.
pub fn fit_within(width: u32, height: u32, max: u32) -> (u32, u32) {
    let longer = u64::from(width.max(height)).max(1);
    let scaled = |side: u32| ((u64::from(side) * u64::from(max) + longer / 2) / longer).max(1);
    (scaled(width) as u32, scaled(height) as u32)
}

/// `rgb` resized to exactly `width`×`height`.
pub fn resize_rgb(rgb: RgbImage, width: u32, height: u32) -> Result<RgbImage, Error> {
    let (w, h) = rgb.dimensions();
    let failed = |e: &dyn std::fmt::Display| Error(e.to_string());
    let src = Image::from_vec_u8(w, h, rgb.into_raw(), PixelType::U8x3).map_err(|e| failed(&e))?;
    let mut dst = Image::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| failed(&e))?;
    RgbImage::from_raw(width, height, dst.into_vec())
        .ok_or_else(|| Error("destination buffer size".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_aspect_ratio() {
        assert_eq!(fit_within(4000, 3000, 2400), (2400, 1800));
        assert_eq!(fit_within(3000, 4000, 2400), (1800, 2400));
        assert_eq!(fit_within(10_000, 3, 640), (640, 1));
    }

    #[test]
    fn averages_when_shrinking() {
        // A one-pixel checkerboard halved must come out mid-grey, not black or white.
        let board = RgbImage::from_fn(200, 100, |x, y| {
            let v = if (x + y) % 2 == 0 { 0 } else { 255 };
            image::Rgb([v, v, v])
        });
        let small = resize_rgb(board, 100, 50).unwrap();
        assert_eq!(small.dimensions(), (100, 50));
        let centre = small.get_pixel(50, 25).0[0];
        assert!((100..=155).contains(&centre), "{centre}");
    }
}
