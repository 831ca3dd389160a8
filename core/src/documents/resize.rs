//! Shrinking photos by area averaging (each output pixel is the mean of the input area it covers,
//! fractional edges included), in 14-bit fixed point: rows first, where whole rows combine in
//! loops the compiler vectorises, then columns on the already shorter image.
//!
//! Hand-written on purpose (docs/client.md): `image`'s own filters take 0.2–1 s on a 12-megapixel
//! photo, the `resize` crate about as long, and `fast_image_resize`, fast, adds 0.7 MB of SIMD
//! variants to the mobile library, whose size has a budget.

use image::RgbImage;

/// Fixed-point scale of the weights: the weights of one output sample sum to `ONE`.
const SHIFT: u32 = 14;
const ONE: u32 = 1 << SHIFT;

/// Why a resize was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot shrink {from_w}×{from_h} to {to_w}×{to_h}")]
pub struct Error {
    from_w: u32,
    from_h: u32,
    to_w: u32,
    to_h: u32,
}

/// The size of a `width`×`height` image scaled so that its longer side is `max`.
pub fn fit_within(width: u32, height: u32, max: u32) -> (u32, u32) {
    let longer = u64::from(width.max(height)).max(1);
    let scaled = |side: u32| ((u64::from(side) * u64::from(max) + longer / 2) / longer).max(1);
    (scaled(width) as u32, scaled(height) as u32)
}

/// `rgb` shrunk to exactly `width`×`height` (neither side may grow or be zero).
pub fn resize_rgb(rgb: &RgbImage, width: u32, height: u32) -> Result<RgbImage, Error> {
    let (w, h) = rgb.dimensions();
    if width == 0 || height == 0 || width > w || height > h {
        return Err(Error {
            from_w: w,
            from_h: h,
            to_w: width,
            to_h: height,
        });
    }
    let row_len = w as usize * 3;
    // Rows: each output row is a weighted sum of the input rows it covers.
    let mut tall = vec![0u8; row_len * height as usize];
    let mut acc = vec![0u32; row_len];
    for (out_row, taps) in tall.chunks_exact_mut(row_len).zip(Taps::new(h, height)) {
        acc.fill(ONE / 2);
        for (y, weight) in taps {
            let row = &rgb.as_raw()[y * row_len..(y + 1) * row_len];
            for (a, &p) in acc.iter_mut().zip(row) {
                *a += weight * u32::from(p);
            }
        }
        for (o, a) in out_row.iter_mut().zip(&acc) {
            *o = (a >> SHIFT) as u8;
        }
    }
    // Columns: the same along each row of the shortened image.
    let columns: Vec<Vec<(usize, u32)>> = Taps::new(w, width).collect();
    let mut out = RgbImage::new(width, height);
    let out_len = width as usize * 3;
    for (src, dst) in tall
        .chunks_exact(row_len)
        .zip(out.chunks_exact_mut(out_len))
    {
        for (pixel, taps) in dst.chunks_exact_mut(3).zip(&columns) {
            let mut sum = [ONE / 2; 3];
            for &(x, weight) in taps {
                let p = &src[x * 3..x * 3 + 3];
                for (s, &c) in sum.iter_mut().zip(p) {
                    *s += weight * u32::from(c);
                }
            }
            for (o, s) in pixel.iter_mut().zip(sum) {
                *o = (s >> SHIFT) as u8;
            }
        }
    }
    Ok(out)
}

/// For each of `to` output samples, the input samples (of `from`) it covers with their weights.
struct Taps {
    from: u32,
    to: u32,
    next: u32,
}

impl Taps {
    fn new(from: u32, to: u32) -> Taps {
        Taps { from, to, next: 0 }
    }
}

impl Iterator for Taps {
    type Item = Vec<(usize, u32)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.to {
            return None;
        }
        // Output sample j covers [j·from/to, (j+1)·from/to) of the input, in units of 1/to.
        let (from, to) = (u64::from(self.from), u64::from(self.to));
        let (start, end) = (u64::from(self.next) * from, u64::from(self.next + 1) * from);
        self.next += 1;
        let mut taps: Vec<(usize, u32)> = (start / to..end.div_ceil(to))
            .map(|i| {
                let overlap = end.min((i + 1) * to) - start.max(i * to);
                (i as usize, (overlap * u64::from(ONE) / from) as u32)
            })
            .filter(|&(_, w)| w > 0)
            .collect();
        // Rounding leaves the weights a little short of ONE: give the rest to the largest.
        let short = ONE - taps.iter().map(|t| t.1).sum::<u32>();
        if let Some(largest) = taps.iter_mut().max_by_key(|t| t.1) {
            largest.1 += short;
        }
        Some(taps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    #[test]
    fn keeps_the_aspect_ratio() {
        assert_eq!(fit_within(4000, 3000, 2400), (2400, 1800));
        assert_eq!(fit_within(3000, 4000, 2400), (1800, 2400));
        assert_eq!(fit_within(10_000, 3, 640), (640, 1));
    }

    #[test]
    fn weights_sum_to_one_and_cover_every_input() {
        for (from, to) in [(4000, 2400), (3000, 1800), (7, 3), (5, 5), (1000, 1)] {
            let mut covered = vec![false; from as usize];
            for taps in Taps::new(from, to) {
                assert_eq!(taps.iter().map(|t| t.1).sum::<u32>(), ONE, "{from}->{to}");
                for (i, _) in taps {
                    covered[i] = true;
                }
            }
            assert!(covered.iter().all(|&c| c), "{from}->{to}");
        }
    }

    /// The exact area average in floating point, pixel by pixel.
    fn reference(src: &RgbImage, width: u32, height: u32) -> RgbImage {
        let (sx, sy) = (
            f64::from(src.width()) / f64::from(width),
            f64::from(src.height()) / f64::from(height),
        );
        let overlap =
            |i: u32, lo: f64, hi: f64| (hi.min(f64::from(i + 1)) - lo.max(f64::from(i))).max(0.0);
        RgbImage::from_fn(width, height, |x, y| {
            let (x0, x1) = (f64::from(x) * sx, f64::from(x + 1) * sx);
            let (y0, y1) = (f64::from(y) * sy, f64::from(y + 1) * sy);
            let mut sum = [0.0f64; 3];
            for iy in y0.floor() as u32..(y1.ceil() as u32).min(src.height()) {
                for ix in x0.floor() as u32..(x1.ceil() as u32).min(src.width()) {
                    let w = overlap(ix, x0, x1) * overlap(iy, y0, y1);
                    for (s, c) in sum.iter_mut().zip(src.get_pixel(ix, iy).0) {
                        *s += w * f64::from(c);
                    }
                }
            }
            Rgb(sum.map(|s| (s / (sx * sy)).round() as u8))
        })
    }

    #[test]
    fn matches_the_exact_area_average() {
        let photo = RgbImage::from_fn(401, 299, |x, y| {
            Rgb([
                (x * 7 % 256) as u8,
                (y * 13 % 256) as u8,
                ((x ^ y) % 256) as u8,
            ])
        });
        for (w, h) in [(240, 179), (400, 298), (57, 43)] {
            let ours = resize_rgb(&photo, w, h).unwrap();
            let exact = reference(&photo, w, h);
            let worst = ours
                .as_raw()
                .iter()
                .zip(exact.as_raw())
                .map(|(a, b)| a.abs_diff(*b))
                .max()
                .unwrap();
            assert!(worst <= 2, "{w}×{h}: largest difference {worst}");
        }
    }

    #[test]
    fn a_checkerboard_halved_is_grey_and_same_size_is_unchanged() {
        let board = RgbImage::from_fn(200, 100, |x, y| {
            let v = if (x + y) % 2 == 0 { 0 } else { 255 };
            Rgb([v, v, v])
        });
        let small = resize_rgb(&board, 100, 50).unwrap();
        assert!(
            small
                .pixels()
                .all(|p| p.0 == [128, 128, 128] || p.0 == [127, 127, 127])
        );
        assert_eq!(resize_rgb(&board, 200, 100).unwrap(), board);
        assert!(resize_rgb(&board, 201, 100).is_err());
        assert!(resize_rgb(&board, 0, 100).is_err());
    }
}
