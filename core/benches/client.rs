//! Client benchmarks: cold open (open + migrate + `dashboard()`) of a cache holding ten years of
//! history, `dashboard()` warm, and `prepare_document` of a 12-megapixel photo.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use yaohao_core::cache::{ApplicationRow, Cache, OutcomeRow, ResultFileRow};
use yaohao_core::client::TestClock;
use yaohao_core::documents::{
    DocumentKind, decode, encode_within, prepare_document, sharpness, shrink,
};
use yaohao_core::facade::{Yaohao, YaohaoConfig};
use yaohao_core::i18n::Lang;
use yaohao_core::secrets::MemorySecretStore;

/// Draws in ten years of the bimonthly regime.
const PERIODS: i64 = 60;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-01T00:00:00Z")
        .unwrap()
        .to_utc()
}

fn application(id: i64, status: &str, at: DateTime<Utc>) -> ApplicationRow {
    let code = format!("{:013}", 1_000_000_000_000 + id);
    let json = serde_json::json!({
        "id": id, "kind": "individual_ordinary", "status": status, "code": code,
        "form": { "licence_file": "110000123456", "address": "北京市海淀区中关村大街1号院2号楼" },
        "rejection_reasons": [], "draw_count": PERIODS, "submitted_at": "2016-03-01T00:00:00Z",
        "reviewed_at": "2016-03-05T00:00:00Z", "created_at": "2016-03-01T00:00:00Z",
        "updated_at": at.to_rfc3339(),
    });
    ApplicationRow {
        id,
        code: Some(code),
        kind: "individual_ordinary".into(),
        status: yaohao_core::api::ApplicationStatus::parse(status),
        reasons: "[]".into(),
        json: json.to_string(),
    }
}

/// A cache with ten years of history: three applications whose statuses changed at every draw,
/// a result file and outcomes per period, a hundred announcements.
fn populate(dir: &Path) {
    let cache = Cache::open(&dir.join("cache.sqlite3")).unwrap();
    let start = now() - TimeDelta::days(3650);
    for p in 0..PERIODS {
        let at = start + TimeDelta::days(61 * p);
        for id in 1..=3 {
            let status = if p % 2 == 0 {
                "approved"
            } else {
                "under_review"
            };
            cache
                .store_application(&application(id, status, at), at.timestamp_millis())
                .unwrap();
        }
        let period = format!("{}{:02}", 2016 + p / 6, 2 * (p % 6) + 2);
        let file = ResultFileRow {
            period: period.clone(),
            category: "individual_ordinary".into(),
            sha256: "00".repeat(32),
            rows: 20_000,
            verified: true,
            fetched_at: at.timestamp_millis(),
        };
        let outcomes: Vec<OutcomeRow> = (1..=3)
            .map(|id: i64| OutcomeRow {
                code: format!("{:013}", 1_000_000_000_000 + id),
                period: period.clone(),
                won: false,
                detail: r#"{"row":null,"verified":true,"draw_date":null}"#.into(),
                decided_at: at.timestamp_millis(),
                notified_at: Some(at.timestamp_millis()),
            })
            .collect();
        cache.store_result(&file, &outcomes).unwrap();
    }
    let announcements: Vec<(i64, String, String)> = (0..100)
        .map(|i| {
            let at = (start + TimeDelta::days(36 * i)).to_rfc3339();
            let json = serde_json::json!({
                "id": i, "title": { "zh": "关于摇号的公告", "en": "Notice" },
                "body": { "zh": "正文".repeat(100), "en": "Body".repeat(100) }, "published_at": at,
            });
            (i, at, json.to_string())
        })
        .collect();
    cache.store_announcements(&announcements).unwrap();
}

fn open(dir: &Path) -> Yaohao {
    Yaohao::open(
        YaohaoConfig::new("http://127.0.0.1:9", dir, Lang::Zh),
        Arc::new(MemorySecretStore::new()),
        Arc::new(TestClock::new(now())),
    )
    .unwrap()
}

/// A 12-megapixel camera photo of a document: dark strokes on a light page, with sensor noise.
fn photo_12mp() -> Vec<u8> {
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        let stroke = (x / 21 + y / 33) % 5 == 0 || (y % 120 < 9 && x % 270 < 210);
        let noise = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 27) as u8;
        let base: u8 = if stroke { 35 } else { 225 };
        let v = base.saturating_add(noise);
        image::Rgb([v, v.saturating_sub(3), v.saturating_sub(12)])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    populate(dir.path());
    let history = open(dir.path()).dashboard().unwrap();
    assert_eq!(history.applications.len(), 3);

    c.bench_function("client/cold_open_dashboard_10y", |b| {
        b.iter(|| {
            let app = open(dir.path());
            black_box(app.dashboard().unwrap())
        })
    });

    let app = open(dir.path());
    c.bench_function("client/dashboard_warm", |b| {
        b.iter(|| black_box(app.dashboard().unwrap()))
    });

    let photo = photo_12mp();
    let mut group = c.benchmark_group("client");
    group.sample_size(10);
    group.bench_function("prepare_document_12mp", |b| {
        b.iter(|| black_box(prepare_document(&photo, DocumentKind::IdCardFront).unwrap()))
    });
    // Where the time goes: the same steps as `prepare_document`, one at a time.
    let decoded = decode(&photo).unwrap();
    let resized = shrink(decoded.clone(), 2400).unwrap();
    group.bench_function("prepare_steps/decode_12mp", |b| {
        b.iter(|| black_box(decode(&photo).unwrap()))
    });
    group.bench_function("prepare_steps/resize_to_2400", |b| {
        b.iter_batched(
            || decoded.clone(),
            |image| black_box(shrink(image, 2400).unwrap()),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("prepare_steps/sharpness_2400", |b| {
        b.iter(|| black_box(sharpness(&resized)))
    });
    group.bench_function("prepare_steps/encode_jpeg_2400", |b| {
        b.iter(|| black_box(encode_within(&resized, 2 * 1024 * 1024).unwrap()))
    });
    group.finish();
}

criterion_group!(client, benches);
criterion_main!(client);
