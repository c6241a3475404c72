#!/usr/bin/env bash
# Measures the cost of authentication against a baseline, side by side in one run:
#   (a) GET /healthz                      - no authentication, no database
#   (b) GET /api/v2/users/me  + Bearer key - key lookup, digest compare, owner load, JSON
# Usage: bench/run.sh [seconds=15] [connections=32] [threads=2]
# Prints requests/s and p50/p99 latency of each and the ratios b/a. Needs wrk (installed from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
PORT=${BENCH_PORT:-18080}
JAR=bootstrap/target/portcullis.jar

command -v wrk >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
[ -f "$JAR" ] || mvn -B -q -DskipTests package
DATA=$(mktemp -d)
LOG="$DATA/server.log"
java -Dmicronaut.server.port=$PORT -Dportcullis.access-url=http://localhost:$PORT -Dportcullis.data-dir="$DATA" \
  -jar "$JAR" >"$LOG" 2>&1 &
SERVER=$!
cleanup() { kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fs "http://localhost:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done
BASE=http://localhost:$PORT/api/v2
curl -fs -X POST "$BASE/users/first" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","username":"bench","password":"bench-password-1"}' >/dev/null
SESSION=$(curl -fs -X POST "$BASE/users/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | sed -E 's/.*"session_token":"([^"]+)".*/\1/')
KEY=$(curl -fs -X POST "$BASE/users/me/keys/tokens" -H "Authorization: Bearer $SESSION" -H 'content-type: application/json' \
  -d '{"token_name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
curl -fs "$BASE/users/me" -H "Authorization: Bearer $KEY" >/dev/null

run() { # name url [header]
  local out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s --latency "${@:2}" >/dev/null 2>&1 # warm-up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${@:2}")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  echo "$1|$rps|$p50|$p99|${errors:-0}"
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v } else { sub(/s$/,"",v); print v*1000 } }'; }

A=$(run "a GET /healthz" "http://localhost:$PORT/healthz")
B=$(run "b GET /api/v2/users/me (Bearer key)" -H "Authorization: Bearer $KEY" "$BASE/users/me")
echo "wrk ${SECONDS_PER_RUN}s, $CONNECTIONS connections, $THREADS threads, $(nproc) cores; server and load generator on one machine"
printf '%-40s %12s %10s %10s %8s\n' endpoint req/s p50 p99 non-2xx
for row in "$A" "$B"; do IFS='|' read -r n r p50 p99 e <<<"$row"; printf '%-40s %12s %10s %10s %8s\n' "$n" "$r" "$p50" "$p99" "$e"; done
IFS='|' read -r _ ra a50 a99 _ <<<"$A"; IFS='|' read -r _ rb b50 b99 _ <<<"$B"
awk -v ra="$ra" -v rb="$rb" -v a50="$(to_ms "$a50")" -v b50="$(to_ms "$b50")" -v a99="$(to_ms "$a99")" -v b99="$(to_ms "$b99")" \
  'BEGIN { printf "ratio b/a: throughput %.3f, p50 %.1fx, p99 %.1fx\n", rb/ra, b50/a50, b99/a99 }'
