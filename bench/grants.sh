#!/usr/bin/env bash
# Measures the token endpoint's grants side by side with GET /healthz, in one run, on the default deployment
# (embedded PostgreSQL, fsync and synchronous_commit on):
#   (a) GET /healthz                       - baseline: no authentication, no database (wrk)
#   (e) authorization_code exchange        - each of <grants> codes redeemed once (node bench/grants.mjs)
#   (r) refresh_token with rotation        - <grants> refresh-token chains refreshed round-robin for <seconds>
#   (p) PostgreSQL alone (pgbench, server idle): the rows one refresh writes, as one statement per durable transaction
#   (i) PostgreSQL alone (pgbench): a one-row INSERT per durable transaction - (p) and (i) bound what any server reaches
# For (e) and (r) it also reports, per successful grant: database statements and commits (pg_stat_statements,
# pg_stat_database), the server's CPU and PostgreSQL's CPU (utime+stime from /proc/<pid>/stat before/after).
# Usage: bench/grants.sh [seconds=15] [connections=32] [grants=2000]
# Environment: CLIENT=confidential|public (default confidential: client_secret_basic), COMMIT_DELAY=<us> and
# COMMIT_SIBLINGS=<n> (PostgreSQL group commit; unset: its defaults 0 and 5), PORTCULLIS_JAVA_OPTS, BENCH_JAR (another build),
# WARMUP_GRANTS/WARMUP_SECONDS (the unreported JIT warm-up run; default 500 and 5: raise both on a loaded machine, where
# the warm-up otherwise ends before the JIT has compiled the grant path and its CPU lands in the measured phases),
# JFR=<file.jfr> (a JFR CPU profile of the server over the refresh phase; read it with `jfr print` or JMC),
# START_SECONDS (how long to wait for the server to answer /healthz; default 90, too short on a loaded machine),
# PG_CEILING=0 (skip rows p and i), CEILING_CLIENTS (pgbench client counts for p and i; default "8 32").
# Needs node, wrk and psql/pgbench (both from Debian if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-15}
CONNECTIONS=${2:-32}
GRANTS=${3:-2000}
CLIENT=${CLIENT:-confidential}
PORT=${BENCH_PORT:-18090}
JAR=${BENCH_JAR:-bootstrap/target/portcullis.jar}

command -v wrk >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
{ command -v psql && command -v pgbench; } >/dev/null 2>&1 || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-client; }
[ -f "$JAR" ] || mvn -B -q -DskipTests package
DATA=$(mktemp -d)
LOG="$DATA/server.log"
RESULTS="$DATA/results.jsonl"
SERVER=
start_server() {
  # shellcheck disable=SC2086
  java ${PORTCULLIS_JAVA_OPTS:-} -Dmicronaut.server.port=$PORT -Dportcullis.setup-code=bench-setup-code -Dportcullis.access-url=http://localhost:$PORT \
    -Dportcullis.data-dir="$DATA" -jar "$JAR" >>"$LOG" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 "${START_SECONDS:-90}"); do curl -fs "http://localhost:$PORT/healthz" >/dev/null 2>&1 && return; sleep 1; done
  echo "server did not start; log: $LOG" >&2; exit 1
}
stop_server() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
cleanup() { stop_server; rm -rf "$DATA"; }
trap cleanup EXIT
pg_port() { sed -n 4p "$DATA/postgres/postmaster.pid"; }
pg_pid() { sed -n 1p "$DATA/postgres/postmaster.pid"; }
sql() { PGPASSWORD=$(cat "$DATA/postgres.password" 2>/dev/null || echo postgres) \
  psql -h 127.0.0.1 -p "$(pg_port)" -U postgres -d postgres -X -q -A -t -c "$1"; }

# first start creates the data directory; pg_stat_statements must be preloaded, so configure and start again
start_server
sql "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >/dev/null
[ -n "${COMMIT_DELAY:-}" ] && sql "ALTER SYSTEM SET commit_delay = ${COMMIT_DELAY}" >/dev/null
[ -n "${COMMIT_SIBLINGS:-}" ] && sql "ALTER SYSTEM SET commit_siblings = ${COMMIT_SIBLINGS}" >/dev/null
stop_server
start_server
sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
DURABILITY=$(sql "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings
  WHERE name IN ('fsync', 'synchronous_commit', 'commit_delay', 'commit_siblings', 'wal_sync_method')")

BASE=http://localhost:$PORT/api/v2
curl -fs -X POST "$BASE/users/first" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","username":"bench","password":"bench-password-1","setup_code":"bench-setup-code"}' >/dev/null
SESSION=$(curl -fs -X POST "$BASE/users/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | sed -E 's/.*"session_token":"([^"]+)".*/\1/')
METHOD=client_secret_basic; [ "$CLIENT" = public ] && METHOD=none
REGISTERED=$(curl -fs -X POST "http://localhost:$PORT/oauth2/register" -H 'content-type: application/json' \
  -d "{\"client_name\":\"bench\",\"redirect_uris\":[\"http://127.0.0.1:7777/callback\"],\"token_endpoint_auth_method\":\"$METHOD\"}")
CLIENT_ID=$(echo "$REGISTERED" | sed -E 's/.*"client_id":"([^"]+)".*/\1/')
CLIENT_SECRET=-; [ "$CLIENT" = public ] || CLIENT_SECRET=$(echo "$REGISTERED" | sed -E 's/.*"client_secret":"([^"]+)".*/\1/')

ticks() { # utime+stime (+ children's, for the postmaster) of a process, in clock ticks
  awk -v kids="${2:-}" '{ sub(/^.*\) /, ""); t = $12 + $13; if (kids) t += $14 + $15; print t }' "/proc/$1/stat" 2>/dev/null || echo 0
}
pg_ticks() { local t; t=$(ticks "$(pg_pid)" 1); for c in $(pgrep -P "$(pg_pid)"); do t=$((t + $(ticks "$c"))); done; echo "$t"; }
statements() { sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'"; }
commits() { sql "SELECT xact_commit FROM pg_stat_database WHERE datname = 'postgres'"; }
HZ=$(getconf CLK_TCK)

# (a) the baseline, measured like bench/run.sh measures it
wrk -t2 -c"$CONNECTIONS" -d3s "http://localhost:$PORT/healthz" >/dev/null 2>&1
A_CPU0=$(ticks "$SERVER")
A_OUT=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "http://localhost:$PORT/healthz")
A_CPU1=$(ticks "$SERVER")
A_RPS=$(echo "$A_OUT" | awk '/Requests\/sec/ {print $2}')
A_P50=$(echo "$A_OUT" | awk '$1=="50%" {print $2}')
A_P99=$(echo "$A_OUT" | awk '$1=="99%" {print $2}')
A_N=$(echo "$A_OUT" | awk '/requests in/ {print $1}')

# (e) and (r): warm the JIT with a short run of the same driver first (its numbers are not reported)
NO_MARKS=1 node bench/grants.mjs "http://localhost:$PORT" "$SESSION" "$CLIENT_ID" "$CLIENT_SECRET" "${WARMUP_GRANTS:-500}" \
  "$CONNECTIONS" "${WARMUP_SECONDS:-5}" \
  </dev/null >/dev/null 2>&1 || true
declare -A AT
coproc DRIVER { node bench/grants.mjs "http://localhost:$PORT" "$SESSION" "$CLIENT_ID" "$CLIENT_SECRET" "$GRANTS" \
  "$CONNECTIONS" "$SECONDS_PER_RUN" 2>&1 >"$RESULTS"; }
DRIVER_PROCESS=$DRIVER_PID
while IFS= read -r line <&"${DRIVER[0]}"; do
  case "$line" in
    mark\ *-start) name=${line#mark }; name=${name%-start}
      sql "SELECT pg_stat_statements_reset()" >/dev/null
      [ -n "${JFR:-}" ] && [ "$name" = refresh ] && jcmd "$SERVER" JFR.start name=bench settings=${JFR_SETTINGS:-profile} >/dev/null
      AT[$name.cpu]=$(ticks "$SERVER"); AT[$name.pg]=$(pg_ticks); AT[$name.stmt]=$(statements); AT[$name.commit]=$(commits)
      echo >&"${DRIVER[1]}" ;;
    mark\ *-end) name=${line#mark }; name=${name%-end}
      AT[$name.cpu]=$(( $(ticks "$SERVER") - AT[$name.cpu] )); AT[$name.pg]=$(( $(pg_ticks) - AT[$name.pg] ))
      [ -n "${JFR:-}" ] && [ "$name" = refresh ] && jcmd "$SERVER" JFR.stop name=bench filename="$JFR" >/dev/null
      AT[$name.stmt]=$(( $(statements) - AT[$name.stmt] )); AT[$name.commit]=$(( $(commits) - AT[$name.commit] ))
      AT[$name.top]=$(sql "SELECT calls || ' x ' || left(regexp_replace(query, '\s+', ' ', 'g'), 90) FROM pg_stat_statements
        WHERE query NOT LIKE '%pg_stat%' ORDER BY calls DESC, query LIMIT 14")
      echo >&"${DRIVER[1]}" ;;
    *) echo "driver: $line" >&2 ;;
  esac
done
wait "$DRIVER_PROCESS" || { echo "driver failed" >&2; exit 1; }

# (p) and (i): PostgreSQL's own ceiling, the server idle, same database and minutes. pgbench (no JVM, no HTTP) sends
# (p) the rows one refresh must write - the grant locked, its token rotated, the successor, the access token and the
# audit entry - as ONE statement per durable transaction, on 2000 grants of its own; (i) one single-row INSERT per
# durable transaction, the cheapest write there is. Their transactions/s bound what any server in front could reach.
if [ "${PG_CEILING:-1}" = 1 ] && command -v pgbench >/dev/null 2>&1; then
  sql "INSERT INTO oauth2_grant (id, app_id, user_id, scope, resource, code_prefix, created_at)
    SELECT md5('pgbench' || n)::uuid, (SELECT id FROM oauth2_app LIMIT 1), (SELECT id FROM app_user LIMIT 1), '{mcp:all}',
      'http://localhost:$PORT/', 'pgbench' || n, now() FROM generate_series(1, 2000) n;
    INSERT INTO oauth2_refresh_token (prefix, token_digest, grant_id, created_at, expires_at)
    SELECT 'pgbench' || n, sha256(n::text::bytea), md5('pgbench' || n)::uuid, now(), now() + interval '30 days'
      FROM generate_series(1, 2000) n" >/dev/null
  cat >"$DATA/refresh.sql" <<'PGBENCH'
\set n random(1, 2000)
WITH g AS (SELECT * FROM oauth2_grant WHERE id = md5('pgbench' || :n)::uuid FOR UPDATE),
 head AS (SELECT prefix FROM oauth2_refresh_token WHERE grant_id = md5('pgbench' || :n)::uuid AND rotated_at IS NULL LIMIT 1),
 rotated AS (UPDATE oauth2_refresh_token t SET rotated_at = now() FROM g
   WHERE t.prefix = (SELECT prefix FROM head) AND t.grant_id = g.id AND t.rotated_at IS NULL RETURNING t.grant_id),
 successor AS (INSERT INTO oauth2_refresh_token (prefix, token_digest, grant_id, created_at, expires_at)
   SELECT substr(md5(random()::text), 1, 14), sha256(random()::text::bytea), grant_id, now(), now() + interval '30 days' FROM rotated),
 access AS (INSERT INTO api_key (id, secret_digest, user_id, login_type, expires_at, lifetime_seconds, scopes, allow_list,
   created_at, audience, oauth2_grant_id)
   SELECT substr(md5(random()::text), 1, 10), sha256(random()::text::bytea), g.user_id, 'oauth2_provider_app',
     now() + interval '1 hour', 3600, g.scope, '{all}', now(), g.resource, g.id FROM g),
 audit AS (INSERT INTO audit_log (id, time, action, actor_user_id, actor_client_id, client_address, target_type, target_id,
   outcome, detail)
   SELECT md5(random()::text)::uuid, now(), 'oauth2.token.issue', g.user_id, g.app_id::text, '127.0.0.1', 'oauth2_grant',
     g.id::text, 'success', 'refresh_token' FROM g)
SELECT g.scope FROM g;
PGBENCH
  cat >"$DATA/insert.sql" <<'PGBENCH'
INSERT INTO audit_log (id, time, action, outcome) VALUES (md5(random()::text)::uuid, now(), 'pgbench', 'success');
PGBENCH
  pgbench_row() { # $1 script, $2 label, $3 clients
    PGPASSWORD=$(cat "$DATA/postgres.password") pgbench -h 127.0.0.1 -p "$(pg_port)" -U postgres -n -M prepared -c "$3" -j 2 \
      -T 3 -f "$DATA/$1.sql" postgres >/dev/null 2>&1
    local before out n
    before=$(pg_ticks)
    out=$(PGPASSWORD=$(cat "$DATA/postgres.password") pgbench -h 127.0.0.1 -p "$(pg_port)" -U postgres -n -M prepared \
      -c "$3" -j 2 -T "$SECONDS_PER_RUN" -f "$DATA/$1.sql" postgres 2>&1)
    n=$(echo "$out" | sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p')
    CEILING+=("$(printf '%-34s %10s %9s %9s %10s %9s %10s %10s' "$2 ($3 conns)" \
      "$(echo "$out" | sed -n 's/^tps = \([0-9]*\).*/\1/p')" "$(echo "$out" | sed -n 's/^latency average = \([0-9.]*\).*/\1/p')" - 1 1 - \
      "$(awk -v t=$(( $(pg_ticks) - before )) -v n="$n" -v hz="$HZ" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')")")
  }
  CEILING=()
  for c in ${CEILING_CLIENTS:-8 32}; do
    pgbench_row refresh "p pgbench refresh rows" "$c"
    pgbench_row insert "i pgbench one-row INSERT" "$c"
  done
fi

field() { grep "\"phase\":\"$1\"" "$RESULTS" | sed -E "s/.*\"$2\":\"?([^,\"}]*)\"?.*/\1/"; }
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server, PostgreSQL and load generators on one machine"
echo "PostgreSQL: $DURABILITY; client: $CLIENT; $CONNECTIONS connections; $GRANTS grants"
printf '%-34s %10s %9s %9s %10s %9s %10s %10s\n' endpoint ok/s p50_ms p99_ms stmts/op commits/op cpu_ms/op pg_cpu_ms/op
printf '%-34s %10s %9s %9s %10s %9s %10s %10s\n' "a GET /healthz" "$A_RPS" "$A_P50" "$A_P99" - - \
  "$(awk -v t=$((A_CPU1 - A_CPU0)) -v n="$A_N" -v hz="$HZ" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')" -
for phase in exchange refresh; do
  ok=$(field "$phase" ok)
  per() { awk -v v="$1" -v n="$ok" -v s="${2:-1}" 'BEGIN { printf "%.2f", v * s / n }'; }
  label="e authorization_code exchange"; [ "$phase" = refresh ] && label="r refresh_token (rotation)"
  printf '%-34s %10s %9s %9s %10s %9s %10s %10s\n' "$label" "$(field "$phase" perSecond)" "$(field "$phase" p50)" \
    "$(field "$phase" p99)" "$(per "${AT[$phase.stmt]}")" "$(per "${AT[$phase.commit]}")" \
    "$(per "${AT[$phase.cpu]}" "$(awk -v hz="$HZ" 'BEGIN { print 1000 / hz }')")" \
    "$(per "${AT[$phase.pg]}" "$(awk -v hz="$HZ" 'BEGIN { print 1000 / hz }')")"
done
[ ${#CEILING[@]} -gt 0 ] && printf '%s\n' "${CEILING[@]}" && echo "(p, i: PostgreSQL alone through pgbench, the server idle; p50_ms column = pgbench's average latency)"
for phase in exchange refresh; do
  echo "$phase: $(grep "\"phase\":\"$phase\"" "$RESULTS")"
  echo "$phase statements (calls over the phase; BEGIN is sent with the first statement, COMMIT counted):"
  echo "${AT[$phase.top]}" | sed 's/^/    /'
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "ratio r/a (refresh vs /healthz throughput): $(ratio "$(field refresh perSecond)" "$A_RPS")"
