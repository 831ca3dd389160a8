//! The synthetic pool shared by the draw benchmarks.

use yaohao_core::results::Code;

/// Ladder weights cycled over the applicants: 9 tiers, mean 3.
const WEIGHTS: [u32; 9] = [1, 1, 1, 1, 2, 3, 4, 5, 9];

/// 3 million applicants with distinct 13-digit codes in scrambled order: N = 9 million positions.
pub fn entries() -> Vec<(Code, u32)> {
    (0..3_000_000u64)
        .zip(WEIGHTS.iter().cycle())
        .map(|(i, &weight)| {
            let code = Code::from_value(1_000_000_000_000 + i * 2_654_435_761 % 9_000_000_000_000)
                .expect("13 digits");
            (code, weight)
        })
        .collect()
}
