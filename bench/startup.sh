#!/usr/bin/env bash
# Measures what a new user waits for: the build, a cold start on a fresh embedded PostgreSQL
# (initdb + migrations + reference data), a warm start, and a start after `kill -9` of the app.
# Usage: bash bench/startup.sh   (uses PORT 3999 and .data/bench-startup; leaves nothing running)
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT=${BENCH_PORT:-3999} EMBEDDED_PG_DIR=.data/bench-startup/postgres EMBEDDED_PG_PORT=${BENCH_PG_PORT:-54399} LOG_LEVEL=warn
unset DATABASE_URL
now() { date +%s.%N; }
wait_health() { # prints seconds until /health answers 200, or fails after 90 s
  local t0=$1
  for _ in $(seq 1 900); do
    if curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then awk "BEGIN{print $(now) - $t0}"; return 0; fi
    sleep 0.1
  done
  echo "no answer within 90 s" >&2; return 1
}
cleanup() { [ -n "${APP:-}" ] && kill -TERM "$APP" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

t0=$(now); npm run build --silent; build=$(awk "BEGIN{print $(now) - $t0}")
rm -rf .data/bench-startup; mkdir -p .data/bench-startup

t0=$(now); node dist/src/main.js >/tmp/tipline-bench-startup.log 2>&1 & APP=$!
cold=$(wait_health "$t0")
kill -TERM "$APP"; wait "$APP" || true

t0=$(now); node dist/src/main.js >>/tmp/tipline-bench-startup.log 2>&1 & APP=$!
warm=$(wait_health "$t0")
kill -9 "$APP"; wait "$APP" 2>/dev/null || true

t0=$(now); node dist/src/main.js >>/tmp/tipline-bench-startup.log 2>&1 & APP=$!
recovered=$(wait_health "$t0")
kill -TERM "$APP"; wait "$APP" || true; APP=

printf 'build (tsc, incremental)        %6.2f s\n' "$build"
printf 'cold start to /health 200       %6.2f s  (initdb, migrations, reference data)\n' "$cold"
printf 'warm start to /health 200       %6.2f s\n' "$warm"
printf 'start after kill -9 of the app  %6.2f s  (orphaned PostgreSQL stopped first)\n' "$recovered"
rm -rf .data/bench-startup
