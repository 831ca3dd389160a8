//! The OpenAPI contract and the server agree: every route in the source is in
//! `docs/api/portal.openapi.yaml` and every operation in the spec is routed by the live server.

mod common;

use std::collections::BTreeSet;

use common::*;
use reqwest::Method;

const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// (METHOD, path) of every operation in the spec: path keys are indented two spaces under
/// `paths:`, operation keys four.
fn spec_operations() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(root().join("docs/api/portal.openapi.yaml")).unwrap();
    let mut ops = BTreeSet::new();
    let mut in_paths = false;
    let mut path = String::new();
    for line in text.lines() {
        if !line.starts_with(' ') {
            in_paths = line == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(p) = line.strip_prefix("  /").and_then(|p| p.strip_suffix(':')) {
            path = format!("/{p}");
        } else if let Some(m) = line.strip_prefix("    ").and_then(|m| m.strip_suffix(':'))
            && METHODS.contains(&m)
        {
            ops.insert((m.to_uppercase(), path.clone()));
        }
    }
    ops
}

/// (METHOD, path) of every `.route("…", …)` in `server/src/routes/`.
fn source_operations() -> BTreeSet<(String, String)> {
    let mut ops = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("server/src/routes")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for chunk in text.split(".route(").skip(1) {
            let path = chunk.split('"').nth(1).unwrap().to_owned();
            let call = chunk.split("\n        .").next().unwrap();
            let call = call.split("\n}").next().unwrap();
            for method in METHODS {
                let token = format!("{method}(");
                let found = call.match_indices(&token).any(|(at, _)| {
                    at == 0 || !call[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                });
                if found {
                    ops.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
    }
    ops
}

#[test]
fn the_spec_lists_exactly_the_served_routes() {
    let spec = spec_operations();
    let source = source_operations();
    assert!(source.len() > 50, "routes found: {source:?}");
    let missing: Vec<_> = source.difference(&spec).collect();
    let extra: Vec<_> = spec.difference(&source).collect();
    assert!(
        missing.is_empty(),
        "served but not in the spec: {missing:?}"
    );
    assert!(extra.is_empty(), "in the spec but not served: {extra:?}");
}

#[tokio::test]
async fn every_spec_operation_is_routed_by_the_live_server() {
    let t = start().await;
    for (method, path) in spec_operations() {
        let concrete = path
            .replace("{id}", "999999")
            .replace("{kind}", "id_front")
            .replace("{period}", "209901")
            .replace("{file}", "result.txt");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let r = t.req(method.clone(), &concrete, None).send().await.unwrap();
        let status = r.status();
        let body = r.text().await.unwrap();
        assert_ne!(status.as_u16(), 405, "{method} {path}: {body}");
        assert!(
            !body.contains("unknown_route"),
            "{method} {path} is not routed"
        );
    }
}
