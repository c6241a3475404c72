#!/usr/bin/env bash
# Costs of serving other resource servers (PRODUCT §7), side by side in one run with a plain authenticated GET:
#   (a) GET /api/v2/users/me + Bearer key             - the plain authenticated GET, as baseline
#   (b) POST /oauth2/token client_credentials (JWT)   - client authentication, scope check, RS256 signature, one insert
#   (c) POST /oauth2/introspect of a JWT              - client authentication, signature check, jti lookup
#   (d) POST /oauth2/introspect of an opaque token    - client authentication, prefix lookup, digest compare
# Usage: bench/tokens.sh [seconds=15] [connections=32] [threads=2]
# Prints requests/s, p50/p99 and non-2xx of each, and each ratio to (a). Needs wrk (from Debian if missing) and node.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
# a free port unless told (other benchmarks may be running on this machine)
PORT=${BENCH_PORT:-$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
JAR=bootstrap/target/portcullis.jar

command -v wrk >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
[ -f "$JAR" ] || mvn -B -q -DskipTests package
DATA=$(mktemp -d)
LOG="$DATA/server.log"
java -Dmicronaut.server.port=$PORT -Dportcullis.access-url=http://localhost:$PORT -Dportcullis.data-dir="$DATA" \
  -Dportcullis.setup-code=bench-setup-code -jar "$JAR" >"$LOG" 2>&1 &
SERVER=$!
cleanup() { kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
for _ in $(seq 1 90); do curl -fs "http://localhost:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[process.argv[1]]))' "$1"; }
basic() { printf '%s:%s' "$1" "$2" | base64 -w0; }
URL=http://localhost:$PORT
BASE=$URL/api/v2
curl -fs -X POST "$BASE/users/first" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","username":"bench","password":"bench-password-1","setup_code":"bench-setup-code"}' >/dev/null
SESSION=$(curl -fs -X POST "$BASE/users/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | json session_token)
KEY=$(curl -fs -X POST "$BASE/users/me/keys/tokens" -H "Authorization: Bearer $SESSION" -H 'content-type: application/json' \
  -d '{"token_name":"bench"}' | json key)
resource() { # uri format -> JSON of the created resource
  curl -fs -X POST "$BASE/oauth2-provider/resources" -H "Authorization: Bearer $SESSION" -H 'content-type: application/json' \
    -d "{\"resource\":\"$1\",\"display_name\":\"Bench $2\",\"scopes\":[\"bench:read\"],\"access_token_format\":\"$2\"}"
}
JWT_RES=$(resource https://jwt.bench.example jwt)
OPAQUE_RES=$(resource https://opaque.bench.example opaque)
JOB=$(curl -fs -X POST "$URL/oauth2/register" -H 'content-type: application/json' \
  -d '{"client_name":"bench job","grant_types":["client_credentials"]}')
JOB_AUTH=$(basic "$(echo "$JOB" | json client_id)" "$(echo "$JOB" | json client_secret)")
token() { curl -fs -X POST "$URL/oauth2/token" -H "Authorization: Basic $JOB_AUTH" \
  -d grant_type=client_credentials -d "resource=$1" | json access_token; }
JWT=$(token https://jwt.bench.example)
OPAQUE=$(token https://opaque.bench.example)
JWT_AUTH=$(basic "$(echo "$JWT_RES" | json introspection_client_id)" "$(echo "$JWT_RES" | json introspection_client_secret)")
OPAQUE_AUTH=$(basic "$(echo "$OPAQUE_RES" | json introspection_client_id)" "$(echo "$OPAQUE_RES" | json introspection_client_secret)")
for t in "$JWT" "$OPAQUE"; do
  [ "$(curl -fs -X POST "$URL/oauth2/introspect" -H "Authorization: Basic $([ "$t" = "$JWT" ] && echo "$JWT_AUTH" || echo "$OPAQUE_AUTH")" \
    --data-urlencode "token=$t" | json active)" = true ] || { echo "introspection setup failed" >&2; exit 1; }
done
SCRIPTS=$(mktemp -d)
trap 'cleanup; rm -rf "$SCRIPTS"' EXIT
post_script() { # file body authorization
  printf 'wrk.method = "POST"\nwrk.body = "%s"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\nwrk.headers["Authorization"] = "Basic %s"\n' "$2" "$3" >"$1"
}
post_script "$SCRIPTS/grant.lua" "grant_type=client_credentials&resource=https%3A%2F%2Fjwt.bench.example" "$JOB_AUTH"
post_script "$SCRIPTS/jwt.lua" "token=$JWT" "$JWT_AUTH"
post_script "$SCRIPTS/opaque.lua" "token=$OPAQUE" "$OPAQUE_AUTH"

run() { # name wrk-args...
  local out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s --latency "${@:2}" >/dev/null 2>&1 # warm-up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${@:2}")
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  echo "$1|$rps|$p50|$p99|${errors:-0}"
}
A=$(run "a GET /api/v2/users/me (Bearer key)" -H "Authorization: Bearer $KEY" "$BASE/users/me")
B=$(run "b client_credentials grant (JWT)" -s "$SCRIPTS/grant.lua" "$URL/oauth2/token")
C=$(run "c introspect a JWT" -s "$SCRIPTS/jwt.lua" "$URL/oauth2/introspect")
D=$(run "d introspect an opaque token" -s "$SCRIPTS/opaque.lua" "$URL/oauth2/introspect")
echo "wrk ${SECONDS_PER_RUN}s, $CONNECTIONS connections, $THREADS threads, $(nproc) cores; server and load generator on one machine"
printf '%-40s %12s %10s %10s %8s\n' endpoint req/s p50 p99 non-2xx
for row in "$A" "$B" "$C" "$D"; do IFS='|' read -r n r p50 p99 e <<<"$row"; printf '%-40s %12s %10s %10s %8s\n' "$n" "$r" "$p50" "$p99" "$e"; done
IFS='|' read -r _ base _ _ _ <<<"$A"
for row in "$B" "$C" "$D"; do
  IFS='|' read -r n r _ _ _ <<<"$row"
  awk -v n="$n" -v r="$r" -v b="$base" 'BEGIN { printf "ratio %-36s throughput %.3f of (a)\n", substr(n, 1, 1) "/a " substr(n, 3), r/b }'
done
