//! Reading result lists: the 201506 individual PDF into typed rows, and text parsing throughput
//! on a synthetic 3-million-row list (criterion; figures in docs/benchmarks.md).

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use yaohao_core::draw::layout::render;
use yaohao_core::results::{
    Category, Code, Header, ListKind, ResultFile, Row, Seed, Template, parse_bytes, parse_text,
};

/// A lottery list of `rows` rows over 9.1 million positions, in the 2016 layout.
fn synthetic_list(rows: u32) -> String {
    let header = Header {
        template: Template::Y2016,
        category: Category::detect("个人普通").expect("category"),
        period: "201601".into(),
        title: "2016年第01期个人普通小客车指标配置结果".into(),
        draw_date: NaiveDate::from_ymd_opt(2016, 2, 26),
        run_time: NaiveDate::from_ymd_opt(2016, 2, 26).and_then(|d| d.and_hms_opt(10, 10, 0)),
        pool_size: 9_100_000,
        codes: None,
        quota: rows,
        seed: Seed::parse("026498"),
    };
    let rows = (1..=rows)
        .map(|i| Row {
            seq: i,
            position: Some(i * 3),
            code: Code::from_value(
                1_000_000_000_000 + u64::from(i) * 2_654_435_761 % 9_000_000_000_000,
            )
            .expect("13 digits"),
            name: None,
            queued_at: None,
        })
        .collect();
    render(&ResultFile {
        header,
        kind: ListKind::Lottery,
        named: false,
        rows,
    })
}

fn bench(c: &mut Criterion) {
    let pdf_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/official/bj-201506-person-ordinary.pdf"
    );
    let pdf = std::fs::read(pdf_path).expect("fixture");
    let mut group = c.benchmark_group("results");
    group.sample_size(20);
    group.bench_function("pdf_201506_person_to_rows", |b| {
        b.iter(|| parse_bytes(black_box(&pdf)).expect("parses"))
    });
    let text = synthetic_list(3_000_000);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("text_3m_rows", |b| {
        b.iter(|| parse_text(black_box(&text)).expect("parses"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
