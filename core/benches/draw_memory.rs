//! Peak memory and wall time of one full draw over the synthetic 3-million-applicant, 9-tier
//! pool (N = 9 million), pool construction from (code, weight) pairs included. Reads the peak
//! resident set (VmHWM) from /proc; run by scripts/bench/results.sh.

mod draw_support;

use std::time::Instant;
use yaohao_core::draw::{Pool, run};

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let entries = draw_support::entries();
    let before = vm_hwm_kib().unwrap_or(0);
    let start = Instant::now();
    let pool = Pool::from_entries(&entries).expect("pool");
    let built = start.elapsed();
    let outcome = run(&pool, 13_700, 26498).expect("draw");
    let total = start.elapsed();
    let peak = vm_hwm_kib().unwrap_or(0);
    println!(
        "pool: {} applicants, N = {} positions",
        pool.applicants(),
        pool.size()
    );
    println!(
        "winners {}, draws {}, repeats {}, ladder copies {}",
        outcome.rows.len(),
        outcome.draws,
        outcome.repeats,
        outcome.ladder_copies
    );
    println!(
        "pool construction {:.0} ms, whole draw {:.0} ms",
        built.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3
    );
    println!(
        "peak RSS {} MiB (input entries alone: {} MiB before the draw)",
        peak / 1024,
        before / 1024
    );
}
