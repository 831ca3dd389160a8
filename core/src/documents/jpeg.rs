//! Whether a JPEG is whole: its markers are walked from SOI to EOI (through every scan's
//! entropy-coded data), so a file cut short in transfer is refused instead of decoding to an image
//! padded with grey. Bytes after EOI (camera trailers) are allowed.

/// Whether `bytes` hold a JPEG from its start marker to its end marker.
pub fn is_complete(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut i = 2;
    loop {
        // Fill bytes (0xFF) may precede a marker.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(i), bytes.get(i + 1)) else {
            return false;
        };
        i += 2;
        match marker {
            0xD9 => return true,
            // Markers without a length: TEM and RST0–7 (outside a scan they carry nothing).
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let Some(length) = bytes
            .get(i..i + 2)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
        else {
            return false;
        };
        if length < 2 {
            return false;
        }
        i += length;
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor
            // a restart marker.
            loop {
                match (bytes.get(i), bytes.get(i + 1)) {
                    (Some(0xFF), Some(0x00 | 0xD0..=0xD7)) => i += 2,
                    (Some(0xFF), Some(_)) => break,
                    (Some(_), _) => i += 1,
                    (None, _) => return false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/photos/licence.jpg"
        ))
        .unwrap()
    }

    #[test]
    fn a_whole_photo_passes_and_any_cut_fails() {
        let whole = photo();
        assert!(is_complete(&whole));
        let mut trailer = whole.clone();
        trailer.extend_from_slice(b"camera trailer after EOI");
        assert!(is_complete(&trailer));
        for cut in [2, 100, whole.len() / 2, whole.len() - 2, whole.len() - 1] {
            assert!(!is_complete(&whole[..cut]), "cut at {cut}");
        }
        assert!(!is_complete(b"\x89PNG"));
        assert!(!is_complete(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01]));
    }
}
