//! The portal's layers (docs/portal.md, "Layers"): routes speak HTTP and call services; services
//! hold the rules and transactions and never reach up to routes; only the store (and the
//! database plumbing) writes SQL. This test reads the source and fails on a breach.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The source without its line comments (docs may name what the code must not use).
fn without_comments(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn src(sub: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let dir = if sub.is_empty() { dir } else { dir.join(sub) };
    sources(&dir)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// The string literals of a Rust source (plain and raw), roughly: enough to find SQL in them.
fn literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        // Skip line comments (doc comments name SQL keywords in prose).
        if bytes[i] == '/' && bytes.get(i + 1) == Some(&'/') {
            while i < bytes.len() && bytes[i] != '\n' {
                i += 1;
            }
            continue;
        }
        // Character literals such as '"'.
        if bytes[i] == '\'' && bytes.get(i + 2) == Some(&'\'') {
            i += 3;
            continue;
        }
        if bytes[i] == '"' {
            let mut lit = String::new();
            i += 1;
            while i < bytes.len() && bytes[i] != '"' {
                if bytes[i] == '\\' {
                    i += 1;
                }
                if i < bytes.len() {
                    lit.push(bytes[i]);
                }
                i += 1;
            }
            out.push(lit);
        }
        i += 1;
    }
    out
}

const SQL: [&str; 9] = [
    "SELECT ", "INSERT ", "UPDATE ", "DELETE ", " FROM ", " WHERE ", "CREATE ", "PRAGMA ", "JOIN ",
];

#[test]
fn routes_hold_no_sql() {
    let routes = src("routes");
    assert!(!routes.is_empty());
    for (path, text) in &routes {
        for forbidden in ["rusqlite", "execute(", "query_row", "prepare", "query_map"] {
            assert!(
                !text.contains(forbidden),
                "{} contains `{forbidden}`: SQL belongs in the store, rules in a service",
                path.display()
            );
        }
        for lit in literals(text) {
            let upper = lit.to_uppercase();
            for keyword in SQL {
                assert!(
                    !upper.contains(keyword),
                    "{} has SQL in a string literal ({keyword:?}): {lit:?}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn only_the_store_and_the_database_plumbing_run_sql() {
    for (path, text) in src("") {
        let relative = path
            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if relative.starts_with("store/") || relative.starts_with("db/") {
            continue;
        }
        // Unit tests may look at the database they set up.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for forbidden in [
            "execute(",
            "query_row",
            "prepare(",
            "prepare_cached",
            "query_map",
        ] {
            assert!(
                !code.contains(forbidden),
                "{relative} runs SQL (`{forbidden}`): move the statement into store/"
            );
        }
    }
}

#[test]
fn routes_do_not_call_each_other() {
    for (path, text) in src("routes") {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "mod" {
            continue;
        }
        assert!(
            !text.contains("crate::routes::") && !text.contains("super::"),
            "{} reaches into another route module: share through a service",
            path.display()
        );
    }
}

#[test]
fn services_and_store_do_not_import_routes() {
    for sub in ["services", "store"] {
        for (path, text) in src(sub) {
            let code = without_comments(&text);
            assert!(
                !code.contains("crate::routes") && !code.contains("axum::routing"),
                "{} imports the HTTP layer",
                path.display()
            );
        }
    }
}

#[test]
fn the_store_decides_nothing_and_calls_no_service() {
    for (path, text) in src("store") {
        let code = without_comments(&text);
        assert!(
            !code.contains("crate::services") && !code.contains("crate::state"),
            "{} reaches up from the store",
            path.display()
        );
    }
}

#[test]
fn the_scheduler_and_the_portal_call_services_not_routes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in ["portal.rs", "scheduler.rs", "ops.rs", "serve.rs"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let offending: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("routes::") && !l.contains("routes::router"))
            .collect();
        assert!(offending.is_empty(), "{file}: {offending:?}");
    }
}

#[test]
fn the_literal_scanner_sees_sql() {
    let found = literals("let a = \"SELECT id FROM t\"; // \"UPDATE x\"\nlet c = '\"';");
    assert_eq!(found, ["SELECT id FROM t"]);
}
