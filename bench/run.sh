#!/usr/bin/env bash
# Measures costs against baselines, side by side in one run:
#   (a) GET /healthz                        - no authentication, no database
#   (b) GET /api/v2/users/me  + Bearer key  - key lookup, digest compare, owner load, JSON
#   (c) POST /mcp/bench (gateway) + Bearer  - (b) plus server lookup, brokered API key, forwarding
#   (d) POST straight to the upstream       - what (c) forwards to (node bench/upstream.mjs)
#   (e) POST /oauth2/token client_credentials, idle                      - 4 connections
#   (f) the same while 100 slow tool calls (30 s upstream) are in flight through the gateway
# Usage: bench/run.sh [seconds=15] [connections=32] [threads=2]; WARMUP=<seconds> of unmeasured load before each row (default 20)
# Rows (a)-(d) are measured in ROUNDS (default 3) rounds of seconds/ROUNDS each, a ratio's two rows next to each other in
# every round and in alternating order, so a machine that slows down or speeds up during the run (other tenants, the
# JIT) moves both sides of a ratio alike: measured once each, minutes apart, (a) alone varied by +-20 % between runs.
# A row's requests/s and CPU per request are over all its rounds; its p50/p99 the median of the rounds'. The ratio of
# each round is printed too.
# Prints requests/s and p50/p99 of each and the ratios b/a, c/d and f/e. Needs wrk (from Debian if missing) and node.
# Columns "cpu us/req" and "upstream cpu": Portcullis's and the upstream's own CPU time (utime+stime from /proc) per
# request, which holds up when other processes load the machine. The gateway's rate limits are set far above what
# wrk sends (one token, one address), so their bookkeeping is measured but never refuses. BENCH_JAR runs another build (e.g. an older
# commit's jar) with the same script.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
# unmeasured warm-up before each row: a larger build has more code for the JIT to compile, and 3 s left its first
# row (/healthz) measured half-compiled (main 73 us/req vs 28 us/req after 20 s; the d4c5297 build 52 vs 35); 8 s
# still left the gateway row half-compiled (the same jar, minutes apart: 158 us/req after 8 s, 83-101 after 20 s)
WARMUP=${WARMUP:-20}
PORT=${BENCH_PORT:-18080}
JAR=${BENCH_JAR:-bootstrap/target/portcullis.jar}

command -v wrk >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
[ -f "$JAR" ] || mvn -B -q -DskipTests package
DATA=$(mktemp -d)
LOG="$DATA/server.log"
UPSTREAM_PORT=$((PORT + 1))
node bench/upstream.mjs "$UPSTREAM_PORT" bench-upstream-key 30000 &
UPSTREAM=$!
java -Dmicronaut.server.port=$PORT -Dportcullis.access-url=http://localhost:$PORT -Dportcullis.data-dir="$DATA" \
  -Dportcullis.outbound.allow-private-addresses=true -Dportcullis.setup-code=bench-setup-code \
  -Dportcullis.limits.requests-per-second-per-token=1000000 -Dportcullis.limits.requests-per-second-per-address=1000000 -jar "$JAR" >"$LOG" 2>&1 &
SERVER=$!
cleanup() {
  kill $SERVER $UPSTREAM ${SLOW_CALLS:-} 2>/dev/null || true; wait $SERVER 2>/dev/null || true
  rm -rf "$DATA" "${RPC:-}" "${TOKEN_FORM:-}" "${CALL_BODY:-}"
}
trap cleanup EXIT
# Setup steps go through call(): a failure prints the step, the HTTP status and the answer instead of ending the script
# silently (set -e). Required steps then stop the run with the server log's tail; optional ones (what an older build,
# e.g. BENCH_JAR of a baseline commit, may lack) mark the rows that need them as skipped.
fail() { echo "bench/run.sh: $*" >&2; echo "--- last lines of the server log ($LOG):" >&2; tail -n 20 "$LOG" >&2; exit 1; }
CALL_BODY=$(mktemp)
call() { # step-name curl-arguments... ; prints the body on 2xx, otherwise reports the step and returns 1
  local status
  status=$(curl -sS -o "$CALL_BODY" -w '%{http_code}' "${@:2}" 2>>"$CALL_BODY") || status="curl failed"
  if [[ "$status" =~ ^2 ]]; then cat "$CALL_BODY"; return 0; fi
  echo "bench/run.sh: step '$1' answered $status: $(head -c 300 "$CALL_BODY")" >&2
  return 1
}
UP=""; for _ in $(seq 1 60); do curl -fs "http://localhost:$PORT/healthz" >/dev/null 2>&1 && { UP=1; break; }; sleep 1; done
[ -n "$UP" ] || fail "the server did not answer /healthz within 60 s"
BASE=http://localhost:$PORT/api/v2
FIRST_USER='{"email":"bench@example.com","username":"bench","password":"bench-password-1"'
call "create the first user" -X POST "$BASE/users/first" -H 'content-type: application/json' \
  -d "$FIRST_USER,\"setup_code\":\"bench-setup-code\"}" >/dev/null \
  || { echo "bench/run.sh: retrying without setup_code (builds before the setup code)" >&2
       call "create the first user (no setup_code)" -X POST "$BASE/users/first" -H 'content-type: application/json' \
         -d "$FIRST_USER}" >/dev/null; } || fail "cannot create the first user"
SESSION=$(call "sign in" -X POST "$BASE/users/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | sed -E 's/.*"session_token":"([^"]+)".*/\1/') || fail "cannot sign in"
[ -n "$SESSION" ] || fail "cannot sign in"
KEY=$(call "create an API key" -X POST "$BASE/users/me/keys/tokens" -H "Authorization: Bearer $SESSION" \
  -H 'content-type: application/json' -d '{"token_name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/') || fail "cannot create an API key"
[ -n "$KEY" ] || fail "cannot create an API key"
call "GET /users/me with the key" "$BASE/users/me" -H "Authorization: Bearer $KEY" >/dev/null || fail "the API key is refused"
GATEWAY=1
call "register the upstream MCP server" -X POST "$BASE/mcp/servers" -H "Authorization: Bearer $SESSION" -H 'content-type: application/json' \
  -d "{\"display_name\":\"Bench\",\"slug\":\"bench\",\"url\":\"http://127.0.0.1:$UPSTREAM_PORT/mcp\",\"auth_type\":\"api_key\",
       \"api_key_header\":\"X-Api-Key\",\"api_key_value\":\"bench-upstream-key\",\"enabled\":true}" >/dev/null || GATEWAY=""
RPC=$(mktemp)
printf 'wrk.method = "POST"\nwrk.body = [[{"jsonrpc":"2.0","id":1,"method":"ping"}]]\nwrk.headers["Content-Type"] = "application/json"\n' >"$RPC"
[ -z "$GATEWAY" ] || call "ping through the gateway" -X POST "http://localhost:$PORT/mcp/bench" -H "Authorization: Bearer $KEY" \
  -H 'content-type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"ping"}' >/dev/null || GATEWAY=""
[ -n "$GATEWAY" ] || echo "bench/run.sh: the gateway is not usable with this build: rows (c) and (f) skipped" >&2
TOKENS=1
call "register a resource (oauth2-provider/resources)" -X POST "$BASE/oauth2-provider/resources" -H "Authorization: Bearer $SESSION" \
  -H 'content-type: application/json' \
  -d '{"resource":"https://bench.example","display_name":"Bench","scopes":["bench:read"],"access_token_format":"opaque"}' >/dev/null \
  || TOKENS=""
CLIENT=""
[ -z "$TOKENS" ] || CLIENT=$(call "register a client_credentials client" -X POST "http://localhost:$PORT/oauth2/register" \
  -H 'content-type: application/json' -d '{"client_name":"bench job","grant_types":["client_credentials"]}') || TOKENS=""
field() { echo "$CLIENT" | sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }
TOKEN_FORM=$(mktemp)
if [ -n "$TOKENS" ]; then
  CLIENT_AUTH=$(printf '%s:%s' "$(field client_id)" "$(field client_secret)" | base64 -w0)
  printf 'wrk.method = "POST"\nwrk.body = "grant_type=client_credentials&resource=https%%3A%%2F%%2Fbench.example"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\nwrk.headers["Authorization"] = "Basic %s"\n' "$CLIENT_AUTH" >"$TOKEN_FORM"
  call "POST /oauth2/token client_credentials" -X POST "http://localhost:$PORT/oauth2/token" -H "Authorization: Basic $CLIENT_AUTH" \
    -d grant_type=client_credentials --data-urlencode resource=https://bench.example >/dev/null || TOKENS=""
fi
[ -n "$TOKENS" ] || echo "bench/run.sh: client_credentials for a registered resource is not available in this build: rows (e) and (f) skipped" >&2

warm() { # connections wrk-arguments... : unmeasured load (JIT)
  wrk -t"$THREADS" -c"$1" -d"${ROW_WARMUP:-$WARMUP}s" --latency "${@:2}" >/dev/null 2>&1
}
measure() { # connections seconds wrk-arguments... ; prints requests|seconds|p50 ms|p99 ms|non-2xx|server ticks|upstream ticks
  local out cpu0 cpu1 up0 up1
  cpu0=$(cpu_ticks $SERVER); up0=$(cpu_ticks $UPSTREAM)
  out=$(wrk -t"$THREADS" -c"$1" -d"$2s" --latency "${@:3}")
  cpu1=$(cpu_ticks $SERVER); up1=$(cpu_ticks $UPSTREAM)
  local total p50 p99 errors
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  p50=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  errors=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  # wrk's own elapsed time ("in 12.00s"), not the requested one
  local secs; secs=$(echo "$out" | awk '/requests in/ {v=$4; sub(/,$/,"",v); if (v ~ /m$/) { sub(/m$/,"",v); v *= 60 } else sub(/s$/,"",v); print v}')
  echo "$total|$secs|$p50|$p99|${errors:-0}|$((cpu1 - cpu0))|$((up1 - up0))"
}
summary() { # name measurement-lines... ; prints name|req/s|p50|p99|non-2xx|cpu us/req|upstream cpu us/req
  local name=$1; shift
  printf '%s\n' "$@" | awk -F'|' -v name="$name" -v hz="$(getconf CLK_TCK)" '
    { n += $1; t += $2; p50[NR] = $3; p99[NR] = $4; e += $5; c += $6; u += $7 }
    function median(a, k,   i, j, x) { for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
      return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
    END { printf "%s|%.2f|%.2fms|%.2fms|%d|%.1f|%.1f\n", name, n / t, median(p50, NR), median(p99, NR), e, c / hz * 1e6 / n, u / hz * 1e6 / n }'
}
run_with() { # connections seconds name url [header] : warm-up, then one measurement
  warm "$1" "${@:4}"
  summary "$3" "$(measure "$1" "$2" "${@:4}")"
}
# CPU time (user + system, clock ticks) a process has used so far
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v } else { sub(/s$/,"",v); print v*1000 } }'; }

ROUNDS=${ROUNDS:-3}
ROUND_SECONDS=$(( (SECONDS_PER_RUN + ROUNDS - 1) / ROUNDS ))
A_ARGS=("http://localhost:$PORT/healthz")
B_ARGS=(-H "Authorization: Bearer $KEY" "$BASE/users/me")
C_ARGS=(-s "$RPC" -H "Authorization: Bearer $KEY" "http://localhost:$PORT/mcp/bench")
D_ARGS=(-s "$RPC" -H "X-Api-Key: bench-upstream-key" "http://127.0.0.1:$UPSTREAM_PORT/mcp")
warm "$CONNECTIONS" "${A_ARGS[@]}"; warm "$CONNECTIONS" "${B_ARGS[@]}"
[ -z "$GATEWAY" ] || warm "$CONNECTIONS" "${C_ARGS[@]}"
warm "$CONNECTIONS" "${D_ARGS[@]}"
MA=(); MB=(); MC=(); MD=(); ROUND_RATIOS=""
ratio_of() { awk -F'|' -v x="$1" -v y="$2" 'BEGIN { split(x, p, "|"); split(y, q, "|"); printf "%.3f", (p[1] / p[2]) / (q[1] / q[2]) }'; }
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then
    ma=$(measure "$CONNECTIONS" "$ROUND_SECONDS" "${A_ARGS[@]}"); mb=$(measure "$CONNECTIONS" "$ROUND_SECONDS" "${B_ARGS[@]}")
  else
    mb=$(measure "$CONNECTIONS" "$ROUND_SECONDS" "${B_ARGS[@]}"); ma=$(measure "$CONNECTIONS" "$ROUND_SECONDS" "${A_ARGS[@]}")
  fi
  MA+=("$ma"); MB+=("$mb"); line="round $round: b/a $(ratio_of "$mb" "$ma")"
  if [ -n "$GATEWAY" ]; then
    if [ $((round % 2)) = 1 ]; then
      mc=$(measure "$CONNECTIONS" "$ROUND_SECONDS" "${C_ARGS[@]}"); md=$(measure "$CONNECTIONS" "$ROUND_SECONDS" "${D_ARGS[@]}")
    else
      md=$(measure "$CONNECTIONS" "$ROUND_SECONDS" "${D_ARGS[@]}"); mc=$(measure "$CONNECTIONS" "$ROUND_SECONDS" "${C_ARGS[@]}")
    fi
    MC+=("$mc"); MD+=("$md"); line="$line, c/d $(ratio_of "$mc" "$md")"
  else
    MD+=("$(measure "$CONNECTIONS" "$ROUND_SECONDS" "${D_ARGS[@]}")")
  fi
  ROUND_RATIOS="$ROUND_RATIOS$line"$'\n'
done
A=$(summary "a GET /healthz" "${MA[@]}")
B=$(summary "b GET /api/v2/users/me (Bearer key)" "${MB[@]}")
skipped() { echo "$1|skipped|-|-|-|-|-"; }
if [ -n "$GATEWAY" ]; then
  C=$(summary "c POST /mcp/bench (gateway, Bearer key)" "${MC[@]}")
else
  C=$(skipped "c POST /mcp/bench (gateway, Bearer key)")
fi
D=$(summary "d POST upstream directly" "${MD[@]}")
D=$(IFS='|' read -r n r p50 p99 e _ u <<<"$D"; echo "$n|$r|$p50|$p99|$e|-|$u") # Portcullis does not serve (d)
TOKEN_SECONDS=$((SECONDS_PER_RUN < 20 ? SECONDS_PER_RUN : 20)) # (f) must end before the slow calls do (30 s)
IN_FLIGHT="-"
if [ -n "$TOKENS" ]; then
  E=$(run_with 4 "$TOKEN_SECONDS" "e POST /oauth2/token (idle)" -s "$TOKEN_FORM" "http://localhost:$PORT/oauth2/token")
else
  E=$(skipped "e POST /oauth2/token (idle)")
fi
if [ -n "$TOKENS" ] && [ -n "$GATEWAY" ]; then
  SLOW_CALLS=""
  for _ in $(seq 1 100); do
    curl -s -o /dev/null -m 60 -X POST "http://localhost:$PORT/mcp/bench" -H "Authorization: Bearer $KEY" -H 'content-type: application/json' \
      -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"slow"}}' &
    SLOW_CALLS="$SLOW_CALLS $!"
  done
  sleep 2
  # (e) has just warmed this very endpoint; 2 s + 3 s + (f) stay within the slow calls' 30 s
  F=$(ROW_WARMUP=3 run_with 4 "$TOKEN_SECONDS" "f POST /oauth2/token (100 slow in flight)" -s "$TOKEN_FORM" "http://localhost:$PORT/oauth2/token")
  IN_FLIGHT=0; for p in $SLOW_CALLS; do kill -0 "$p" 2>/dev/null && IN_FLIGHT=$((IN_FLIGHT + 1)); done
  kill $SLOW_CALLS 2>/dev/null || true; SLOW_CALLS=""
else
  F=$(skipped "f POST /oauth2/token (100 slow in flight)")
fi
echo "wrk ${SECONDS_PER_RUN}s per row ((a)-(d): $ROUNDS rounds of ${ROUND_SECONDS}s), $CONNECTIONS connections, $THREADS threads, $(nproc) cores; server and load generator on one machine"
echo "(e)/(f): 4 connections, ${TOKEN_SECONDS}s; slow gateway calls still in flight at the end of (f): $IN_FLIGHT of 100"
printf '%-44s %12s %10s %10s %8s %12s %14s\n' endpoint req/s p50 p99 non-2xx "cpu us/req" "upstream cpu"
for row in "$A" "$B" "$C" "$D" "$E" "$F"; do
  IFS='|' read -r n r p50 p99 e c u <<<"$row"; printf '%-44s %12s %10s %10s %8s %12s %14s\n' "$n" "$r" "$p50" "$p99" "$e" "$c" "$u"
done
ratio() { # label row-numerator row-baseline
  local rn n50 n99 rd d50 d99
  IFS='|' read -r _ rn n50 n99 _ <<<"$2"; IFS='|' read -r _ rd d50 d99 _ <<<"$3"
  if [ "$rn" = skipped ] || [ "$rd" = skipped ]; then echo "ratio $1: skipped"; return; fi
  awk -v l="$1" -v rn="$rn" -v rd="$rd" -v n50="$(to_ms "$n50")" -v d50="$(to_ms "$d50")" -v n99="$(to_ms "$n99")" -v d99="$(to_ms "$d99")" \
    'BEGIN { printf "ratio %s: throughput %.3f, p50 %.1fx, p99 %.1fx\n", l, rn/rd, n50/d50, n99/d99 }'
}
printf '%s' "$ROUND_RATIOS"
ratio "b/a (authentication)" "$B" "$A"
ratio "c/d (gateway vs direct)" "$C" "$D"
ratio "f/e (token endpoint, 100 slow calls vs idle)" "$F" "$E"
