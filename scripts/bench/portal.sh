#!/usr/bin/env bash
# Portal benchmarks (docs/benchmarks.md, section "portal"):
#  1. a synthetic pool of $POOL applicants (default 3,000,000): freeze + draw + publish time of
#     the first period and of the next one (which carries over everyone who did not win);
#  2. wrk over loopback against the release server on that database, at 256 and 1024
#     connections: (a) the published result file revalidated with a matching ETag (304),
#     (b) the authenticated "my results" query, and for reference the health check (the
#     cheapest answer the server gives: the floor the machine sets).
# Needs wrk (Debian: apt-get install wrk) and python3. Every request goes to 127.0.0.1 only;
# each wrk run lasts $DURATION (default 10s); the HTTP part runs $RUNS times (default 1; use 2 on
# a busy machine). The machine load (uptime) is printed before each part.
# $QUOTA quotas per period (default 10,000; a small $POOL needs fewer, or the first period drains
# it).
# Usage: POOL=300000 RUNS=2 scripts/bench/portal.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
POOL="${POOL:-3000000}"
QUOTA="${QUOTA:-10000}"
DURATION="${DURATION:-10s}"
RUNS="${RUNS:-1}"
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/yaohao-portal"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --release --quiet -p yaohao-portal
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
portal() { "$bin" --db "$work/portal.db" --data "$work/data" "$@"; }
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

echo "== seeding $POOL applicants ($(uptime))"
t0=$(now); portal seed-demo --applicants "$POOL" >"$work/seed.json"; t1=$(now)
echo "seed-demo: $(secs "$t0" "$t1") s ($(python3 -c "import json;print(json.load(open('$work/seed.json'))['positions'])") positions)"
# Two periods: the first draws the seeded pool; the second carries over everyone who did not win
# (one more draw each, read back from the first pool), as every later period does.
after=""
for round in first second; do
  created=$(portal create-period --quota "$QUOTA" $after)
  period=$(echo "$created" | python3 -c "import json,sys;print(json.load(sys.stdin)['id'])")
  echo "== $round period $period: freeze + draw + publish ($(uptime))"
  t0=$(now); portal draw --period "$period" --seed 390922 >/dev/null; t1=$(now)
  portal publish --period "$period" >/dev/null; t2=$(now)
  echo "freeze+draw: $(secs "$t0" "$t1") s; publish: $(secs "$t1" "$t2") s; total: $(secs "$t0" "$t2") s"
  # The next period: the first draw after the day following this one's (a Beijing date).
  after="--after $(echo "$created" | python3 -c "import datetime as d,json,sys;t=d.datetime.fromisoformat(json.load(sys.stdin)['draw_at']);print((t.astimezone(d.timezone(d.timedelta(hours=8)))+d.timedelta(days=1)).date())")"
done

echo "== HTTP (loopback, wrk -t2, $DURATION per run)"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
YAOHAO_OPERATOR_TOKEN=bench "$bin" --db "$work/portal.db" --data "$work/data" \
  serve --addr 127.0.0.1:18790 >"$work/server.log" 2>&1 &
server=$!
base=http://127.0.0.1:18790
for _ in $(seq 100); do curl -sf "$base/v1/health" >/dev/null && break; sleep 0.1; done
etag=$(curl -sI "$base/v1/results/$period/result.txt" | tr -d '\r' | awk 'tolower($1)=="etag:"{print $2}')
rid=$(python3 -c "import sqlite3;print(sqlite3.connect('$work/portal.db').execute('SELECT resident_id FROM accounts WHERE id=1').fetchone()[0])")
mobile=$(python3 -c "import sqlite3;print(sqlite3.connect('$work/portal.db').execute('SELECT mobile FROM accounts WHERE id=1').fetchone()[0])")
curl -sf -XPOST -H 'content-type: application/json' -d "{\"purpose\":\"login\",\"resident_id\":\"$rid\"}" "$base/v1/sms-codes" >/dev/null
code=$(portal sms-outbox --mobile "$mobile" | python3 -c "import json,re,sys;print(re.search(r'\d{6}',json.load(sys.stdin)[-1]['body']).group(0))")
token=$(curl -sf -XPOST -H 'content-type: application/json' \
  -d "{\"resident_id\":\"$rid\",\"password\":\"Demo12345\",\"sms_code\":\"$code\"}" "$base/v1/sessions" \
  | python3 -c "import json,sys;print(json.load(sys.stdin)['token'])")
curl -sf -H "authorization: Bearer $token" "$base/v1/me/results" >/dev/null
curl -sf -o /dev/null -w "result.pdf: %{size_download} bytes\n" "$base/v1/results/$period/result.pdf"
for run in $(seq "$RUNS"); do
echo "== HTTP run $run ($(uptime))"
for c in 256 1024; do
  echo "-- result file, If-None-Match (304), $c connections"
  wrk -t2 -c"$c" -d"$DURATION" --latency -H "If-None-Match: $etag" "$base/v1/results/$period/result.txt" \
    | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
  echo "-- my results (authenticated), $c connections"
  wrk -t2 -c"$c" -d"$DURATION" --latency -H "Authorization: Bearer $token" "$base/v1/me/results" \
    | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
  echo "-- reference: the health check (no database, no session), $c connections"
  wrk -t2 -c"$c" -d"$DURATION" --latency "$base/v1/health" \
    | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
done
done
