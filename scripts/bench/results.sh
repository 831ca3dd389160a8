#!/usr/bin/env bash
# Benchmarks of results/draw (figures go to docs/benchmarks.md, section "results"):
#   - reading bj-201506-person-ordinary.pdf vs `pdftotext -layout` side by side (ratio);
#   - text parsing throughput on a synthetic 3-million-row list (criterion);
#   - header-only verification of a 201601-size list and a full 3-million-applicant draw (criterion);
#   - peak memory of the full draw.
# poppler-utils is installed for the comparison only; the product never runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v pdftotext >/dev/null; then
    apt-get install -y --no-install-recommends poppler-utils >/dev/null
fi

echo "== side by side with pdftotext -layout"
cargo bench -p yaohao-core --bench results_vs_pdftotext
echo "== peak memory of a full draw"
cargo bench -p yaohao-core --bench draw_memory
echo "== criterion"
cargo bench -p yaohao-core --bench results_parse
cargo bench -p yaohao-core --bench draw
