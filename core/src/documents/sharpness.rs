//! A sharpness score: the variance of the Laplacian of the grey image, computed on a copy scaled
//! to a fixed width so that scores compare across resolutions.

use super::resize::resize_rgb;
use image::DynamicImage;
use std::borrow::Cow;

/// Width the score is computed at.
const SCORE_WIDTH: u32 = 640;

/// Variance of the 4-neighbour Laplacian (0 for a flat image; text photos in focus score in the
/// hundreds, blurred ones in the tens or below).
pub fn sharpness(image: &DynamicImage) -> f64 {
    let grey = if image.width() > SCORE_WIDTH {
        let h =
            (u64::from(image.height()) * u64::from(SCORE_WIDTH) / u64::from(image.width())).max(1);
        let rgb = match image.as_rgb8() {
            Some(rgb) => Cow::Borrowed(rgb),
            None => Cow::Owned(image.to_rgb8()),
        };
        match resize_rgb(&rgb, SCORE_WIDTH, h as u32) {
            Ok(small) => DynamicImage::ImageRgb8(small).to_luma8(),
            // Not expected (an `RgbImage` always matches its size); score the full image then.
            Err(_) => image.to_luma8(),
        }
    } else {
        image.to_luma8()
    };
    let (w, h) = grey.dimensions();
    if w < 3 || h < 3 {
        return 0.0;
    }
    let px = |x: u32, y: u32| f64::from(grey.get_pixel(x, y).0[0]);
    let (mut sum, mut sum_sq, mut n) = (0.0, 0.0, 0.0);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let lap = px(x - 1, y) + px(x + 1, y) + px(x, y - 1) + px(x, y + 1) - 4.0 * px(x, y);
            sum += lap;
            sum_sq += lap * lap;
            n += 1.0;
        }
    }
    let mean = sum / n;
    sum_sq / n - mean * mean
}
