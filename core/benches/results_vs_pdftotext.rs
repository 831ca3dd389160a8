//! Side by side in one run: reading bj-201506-person-ordinary.pdf into typed rows in-process
//! versus `pdftotext -layout` on the same file (the comparison only: the product never runs
//! poppler). Prints the medians and the ratio; run by scripts/bench/results.sh.

use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/official/bj-201506-person-ordinary.pdf"
    );
    let runs = 15;
    let ours: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let bytes = std::fs::read(path).expect("fixture");
            let file = yaohao_core::results::parse_bytes(&bytes).expect("parses");
            assert_eq!(file.rows.len(), 17804);
            start.elapsed()
        })
        .collect();
    let poppler: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = Command::new("pdftotext")
                .args(["-layout", path, "-"])
                .output();
            match out {
                Ok(out) if out.status.success() => start.elapsed(),
                _ => {
                    eprintln!("pdftotext not available: apt-get install -y poppler-utils");
                    std::process::exit(2);
                }
            }
        })
        .collect();
    let (ours, poppler) = (median(ours), median(poppler));
    println!(
        "yaohao parse_bytes (read + extract + parse + check): {:.1} ms",
        ours.as_secs_f64() * 1e3
    );
    println!(
        "pdftotext -layout (process, text only):              {:.1} ms",
        poppler.as_secs_f64() * 1e3
    );
    println!(
        "ratio yaohao / pdftotext: {:.2}",
        ours.as_secs_f64() / poppler.as_secs_f64()
    );
}
