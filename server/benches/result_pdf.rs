//! Writing the result PDF (criterion): the official layout of a 10,000-winner list (the portal
//! bench's Q) drawn from a 100,000-applicant pool, rendered by `yaohao_portal::pdf::render`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yaohao_core::draw::{Pool, layout, run};
use yaohao_core::results::{Applicant, Category, Code, Header, QuotaKind, Seed, Template};

/// The result text of a draw of 10,000 among 100,000 applicants of weight 1–3.
fn result_text() -> String {
    let entries: Vec<(Code, u32)> = (0..100_000u64)
        .map(|i| {
            let code = Code::from_value(1_000_000_000_000 + i * 7).expect("13 digits");
            (code, (i % 3 + 1) as u32)
        })
        .collect();
    let pool = Pool::from_entries(&entries).expect("pool");
    let outcome = run(&pool, 10_000, 390_922).expect("draw");
    let header = Header {
        template: Template::Y2016,
        category: Category {
            applicant: Applicant::Individual,
            quota: QuotaKind::Ordinary,
        },
        period: "202602".into(),
        title: "2026年第02期个人普通摇号".into(),
        draw_date: None,
        run_time: None,
        pool_size: pool.size(),
        codes: None,
        quota: 10_000,
        seed: Seed::parse("390922"),
    };
    layout::render(&layout::lottery_file(header, &outcome))
}

fn bench(c: &mut Criterion) {
    let text = result_text();
    let mut group = c.benchmark_group("result_pdf");
    group.sample_size(10);
    group.bench_function("render_10000_winners", |b| {
        b.iter(|| yaohao_portal::pdf::render(black_box(&text)).expect("pdf"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
