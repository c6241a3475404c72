#!/usr/bin/env bash
# Runs the interop suite (node's test runner) against the built jar. Called by `mvn verify` (bootstrap's
# integration-test phase); can also be run by hand: interop/run.sh [path/to/portcullis.jar]
# Installs what it needs when missing: Node.js, openssl and Debian's Chromium (apt, as root), npm packages (npm ci).
set -euo pipefail
cd "$(dirname "$0")"
JAR=$(cd .. && realpath "${1:-bootstrap/target/portcullis.jar}")
[ -f "$JAR" ] || { echo "interop: $JAR not found; build with mvn package first" >&2; exit 1; }

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then echo "interop: need $* (install them, or run as root)" >&2; exit 1; fi
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}
command -v node >/dev/null 2>&1 || apt_install nodejs npm
command -v openssl >/dev/null 2>&1 || apt_install openssl
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || apt_install chromium
# npm ci whenever the lock file changed since the last install
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
export PORTCULLIS_JAR="$JAR" CHROMIUM
exec node --test --test-concurrency=1 test/*.test.mjs
