//! Randomness from the operating system: session tokens, SMS codes, application code prefixes.

use crate::error::{ApiError, ApiResult};

/// 256 random bits.
pub fn token_bytes() -> ApiResult<[u8; 32]> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    Ok(bytes)
}

/// A uniformly random integer in `0..bound` (`bound` > 0), by rejection sampling.
pub fn below(bound: u32) -> ApiResult<u32> {
    let bound = bound.max(1);
    let zone = u32::MAX - (u32::MAX % bound);
    loop {
        let value = getrandom::u32().map_err(ApiError::internal)?;
        if value < zone {
            return Ok(value % bound);
        }
    }
}

/// A well-spread 64-bit value determined by `seed` and `n` (SplitMix64's finaliser): reproducible
/// synthetic data, never secrets.
pub fn mix(seed: u64, n: u64) -> u64 {
    let mut z = seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `n` random decimal digits (n ≤ 9), leading zeros kept.
pub fn digits(n: u32) -> ApiResult<String> {
    let n = n.min(9);
    Ok(format!(
        "{:0width$}",
        below(10u32.pow(n))?,
        width = n as usize
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_have_the_requested_width() {
        for _ in 0..50 {
            let d = digits(6).unwrap();
            assert_eq!(d.len(), 6);
            assert!(d.bytes().all(|b| b.is_ascii_digit()));
        }
        assert!(below(3).unwrap() < 3);
        assert_ne!(token_bytes().unwrap(), token_bytes().unwrap());
    }
}
