#!/usr/bin/env bash
# CPU per gateway request, for Portcullis and for the upstream, after a long warm-up (the JIT has settled), which
# holds up on a loaded machine where requests/s do not: process CPU (utime+stime from /proc) over the requests of a
# fixed run, divided by their number. Also counts the upstream's TCP connections (pooled connections are reused).
# Usage: bench/gateway-cpu.sh [warm-up seconds=40] [seconds=20] [connections=8]. BENCH_JAR runs another build.
set -euo pipefail
cd "$(dirname "$0")/.."
WARM=${1:-40}; RUN=${2:-20}; CONNECTIONS=${3:-8}
JAR=${BENCH_JAR:-bootstrap/target/portcullis.jar}
PORT=${BENCH_PORT:-$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
UP=$((PORT + 1))
command -v wrk >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
[ -f "$JAR" ] || mvn -B -q -DskipTests package
DATA=$(mktemp -d)
node -e '
const http = require("node:http"); let connections = 0;
const body = JSON.stringify({ jsonrpc: "2.0", id: 1, result: {} });
const s = http.createServer((req, res) => { req.resume(); req.on("end", () => {
  if (req.url === "/connections") return res.end(String(connections));
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body); }); });
s.on("connection", () => connections++); s.listen(Number(process.argv[1]), "127.0.0.1");' "$UP" &
UPSTREAM=$!
java -Dmicronaut.server.port=$PORT -Dportcullis.access-url=http://localhost:$PORT -Dportcullis.data-dir="$DATA" \
  -Dportcullis.outbound.allow-private-addresses=true -Dportcullis.setup-code=bench-setup-code \
  -Dportcullis.limits.requests-per-second-per-token=1000000 -Dportcullis.limits.requests-per-second-per-address=1000000 \
  -jar "$JAR" >"$DATA/server.log" 2>&1 &
SERVER=$!
RPC=$(mktemp)
trap 'kill $SERVER $UPSTREAM 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA" "$RPC"' EXIT
for _ in $(seq 1 120); do curl -fs "http://localhost:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done
B=http://localhost:$PORT/api/v2
curl -fs -X POST "$B/users/first" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","username":"bench","password":"bench-password-1","setup_code":"bench-setup-code"}' >/dev/null
S=$(curl -fs -X POST "$B/users/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | sed -E 's/.*"session_token":"([^"]+)".*/\1/')
K=$(curl -fs -X POST "$B/users/me/keys/tokens" -H "Authorization: Bearer $S" -H 'content-type: application/json' \
  -d '{"token_name":"bench"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
curl -fs -X POST "$B/mcp/servers" -H "Authorization: Bearer $S" -H 'content-type: application/json' \
  -d "{\"display_name\":\"Bench\",\"slug\":\"bench\",\"url\":\"http://127.0.0.1:$UP/mcp\",\"enabled\":true}" >/dev/null
printf 'wrk.method = "POST"\nwrk.body = [[{"jsonrpc":"2.0","id":1,"method":"ping"}]]\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer %s"\n' "$K" >"$RPC"
wrk -t2 -c"$CONNECTIONS" -d"${WARM}s" -s "$RPC" "http://localhost:$PORT/mcp/bench" >/dev/null
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
c0=$(ticks $SERVER); u0=$(ticks $UPSTREAM)
out=$(wrk -t2 -c"$CONNECTIONS" -d"${RUN}s" -s "$RPC" "http://localhost:$PORT/mcp/bench")
c1=$(ticks $SERVER); u1=$(ticks $UPSTREAM)
n=$(echo "$out" | awk '/requests in/ {print $1}')
hz=$(getconf CLK_TCK)
echo "$n gateway requests in ${RUN}s after ${WARM}s warm-up, $CONNECTIONS connections, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
awk -v d=$((c1 - c0)) -v n="$n" -v hz="$hz" 'BEGIN { printf "portcullis cpu us/request %.1f\n", d / hz * 1e6 / n }'
awk -v d=$((u1 - u0)) -v n="$n" -v hz="$hz" 'BEGIN { printf "upstream cpu us/request   %.1f\n", d / hz * 1e6 / n }'
echo "upstream TCP connections opened in all: $(curl -fs "http://127.0.0.1:$UP/connections")"
