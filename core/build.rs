//! Turns the policy and holiday tables — TOML, written and reviewed by people, in `data/` — into
//! JSON in `OUT_DIR`, which the library embeds and reads with `serde_json`. The library then
//! carries no TOML parser (a quarter of a megabyte of the mobile library, whose size has a
//! budget), and a table that is not valid TOML stops the build with the file and the line.

use std::path::Path;

/// The tables, relative to `data/`, without the extension.
const TABLES: [&str; 4] = [
    "policies/monthly-2011",
    "policies/bimonthly-2014",
    "policies/annual-2021",
    "holidays",
];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for table in TABLES {
        let source = format!("data/{table}.toml");
        println!("cargo::rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let value: serde_json::Value =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let target = Path::new(&out).join(format!("{}.json", table.replace('/', "-")));
        std::fs::write(&target, value.to_string())
            .unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}
