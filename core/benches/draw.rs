//! The draw at scale (criterion): a full draw over a synthetic 3-million-applicant pool with 9
//! ladder tiers (N = 9 million), pool construction included; and header-only verification of a
//! 201601-size list (N ≈ 9 million, Q = 13,700).

mod draw_support;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use yaohao_core::draw::{DrawOutcome, Pool, layout::lottery_file, run, verify};
use yaohao_core::results::{Category, Header, Seed, Template};

fn header(pool: &Pool, quota: u32) -> Header {
    Header {
        template: Template::Y2016,
        category: Category::detect("个人普通").expect("category"),
        period: "201601".into(),
        title: String::new(),
        draw_date: None,
        run_time: None,
        pool_size: pool.size(),
        codes: None,
        quota,
        seed: Seed::parse("026498"),
    }
}

fn bench(c: &mut Criterion) {
    let entries = draw_support::entries();
    let mut group = c.benchmark_group("draw");
    group.sample_size(10);
    group.bench_function("full_draw_3m_applicants_9_tiers", |b| {
        b.iter(|| {
            let pool = Pool::from_entries(black_box(&entries)).expect("pool");
            run(&pool, 13_700, 26498).expect("draw")
        })
    });
    let pool = Pool::from_entries(&entries).expect("pool");
    let outcome: DrawOutcome = run(&pool, 13_700, 26498).expect("draw");
    let file = lottery_file(header(&pool, 13_700), &outcome);
    group.sample_size(30);
    group.bench_function("verify_header_only_n9m_q13700", |b| {
        b.iter(|| verify(black_box(&file), None))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
