#!/usr/bin/env bash
# Checks an image tarball from `mvn -Pimage package` without a container runtime: reads its OCI index, manifest and
# configuration, unpacks its layers into a file system, and starts the image's entrypoint there with the image's
# environment, as the image's user, on the embedded database, until /healthz answers. As root it runs inside the
# unpacked file system (chroot with /proc and /dev, as a container would); otherwise it runs the unpacked runtime
# with the paths rebased onto the unpacked directory, and says so.
#
# usage: check.sh <portcullis-image.tar>
set -euo pipefail

tarball=$(readlink -f "$1")
work=$(mktemp -d)
chmod 755 "$work"  # the unprivileged run below must reach the unpacked files
root=$work/rootfs
pid=
mounted=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -n "$mounted" ]; then umount -R "$root/dev" 2>/dev/null || true; umount "$root/proc" 2>/dev/null || true; fi
  # never delete through a mount that is still there (the machine's /dev)
  if grep -q " $work/" /proc/mounts 2>/dev/null; then
    echo "image check: $work still has mounts; left in place" >&2
  else
    rm -rf --one-file-system "$work"
  fi
}
trap cleanup EXIT
fail() { echo "image check: FAIL: $*" >&2; exit 1; }

mkdir -p "$work/oci" "$root"
tar -xf "$tarball" -C "$work/oci"
[ -f "$work/oci/oci-layout" ] || fail "not an OCI layout tarball"

# manifest -> configuration and layers (node is on the build machine for the interop suite)
node - "$work/oci" "$(uname -m)" > "$work/image.env" <<'JS'
const fs = require('fs'), path = require('path');
const [dir, machine] = process.argv.slice(2);
const blob = d => JSON.parse(fs.readFileSync(path.join(dir, 'blobs', ...d.split(':'))));
const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json')));
const manifest = blob(index.manifests[0].digest);
const config = blob(manifest.config.digest);
const want = { x86_64: 'amd64', aarch64: 'arm64' }[machine];
const problems = [];
if (config.os !== 'linux') problems.push(`os ${config.os}`);
if (config.architecture !== want) problems.push(`architecture ${config.architecture}, this machine is ${want}`);
const c = config.config;
if (c.User !== '65532:65532') problems.push(`user ${c.User} (must not be root)`);
if (!c.ExposedPorts || !c.ExposedPorts['8080/tcp']) problems.push('port 8080 not exposed');
if (!c.Volumes || !c.Volumes['/data']) problems.push('no /data volume');
if (!c.Entrypoint || c.Entrypoint[0] !== '/opt/java/bin/java') problems.push(`entrypoint ${c.Entrypoint}`);
if (problems.length) { console.error(problems.join('; ')); process.exit(1); }
const q = s => `'${s.replace(/'/g, `'\\''`)}'`;
console.log(`layers=(${manifest.layers.map(l => q(path.join(dir, 'blobs', ...l.digest.split(':')))).join(' ')})`);
console.log(`entrypoint=(${c.Entrypoint.map(q).join(' ')})`);
console.log(`environment=(${(c.Env || []).map(q).join(' ')})`);
console.log(`workdir=${q(c.WorkingDir || '/')}`);
console.log(`size=${manifest.layers.reduce((n, l) => n + l.size, 0)}`);
JS
# shellcheck disable=SC1091
source "$work/image.env"
for layer in "${layers[@]}"; do tar --warning=no-unknown-keyword -xzf "$layer" -C "$root"; done
echo "image check: ${#layers[@]} layers, $((size / 1024 / 1024)) MiB compressed, entrypoint ${entrypoint[*]}"

[ -x "$root/opt/java/bin/java" ] || fail "no executable /opt/java/bin/java"
[ -f "$root/app/jib-classpath-file" ] || fail "no /app/jib-classpath-file"
[ -f "$root/app/classes/io/portcullis/bootstrap/Application.class" ] || fail "application classes missing"
ls "$root"/app/libs/embedded-postgres-binaries-linux-* >/dev/null 2>&1 || fail "no PostgreSQL binaries for Linux"
if ls "$root"/app/libs/embedded-postgres-binaries-darwin-* >/dev/null 2>&1; then fail "macOS binaries in a Linux image"; fi

port=$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
chown -R 65532:65532 "$root/data" 2>/dev/null || true
mkdir -p "$root/proc" "$root/dev"
# without chroot the image's /etc/passwd does not apply: as root, run as this machine's `nobody` (PostgreSQL refuses
# root and needs a user it can look up)
as_user=()
if [ "$(id -u)" = 0 ]; then
  as_user=("$(command -v setpriv)" --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups)
fi
can_chroot() {
  [ "$(id -u)" = 0 ] && [ -z "${IMAGE_CHECK_NO_CHROOT:-}" ] || return 1
  mount -t proc proc "$root/proc" 2>/dev/null || return 1
  mounted=yes
  mount --rbind /dev "$root/dev" 2>/dev/null || { umount "$root/proc"; mounted=; return 1; }
}
if can_chroot; then
  echo "image check: running the entrypoint in the unpacked image (chroot, user 65532)"
  (cd / && env -i "${environment[@]}" MICRONAUT_SERVER_PORT="$port" \
      "$(command -v chroot)" --userspec=65532:65532 "$root" /bin/sh -c "cd $workdir && exec \"\$@\"" sh "${entrypoint[@]}") \
    > "$work/run.log" 2>&1 &
  pid=$!
else
  echo "image check: no chroot here (not root, or /proc cannot be mounted): running the unpacked runtime with paths rebased onto $root"
  sed "s#/app/#$root/app/#g" "$root/app/jib-classpath-file" > "$work/classpath"
  if [ "$(id -u)" = 0 ]; then chown -R nobody "$root/data"; fi
  args=()
  for a in "${entrypoint[@]}"; do
    case "$a" in
      /opt/java/bin/java) args+=("$root/opt/java/bin/java") ;;
      @/app/jib-classpath-file) args+=("@$work/classpath") ;;
      *) args+=("$a") ;;
    esac
  done
  (cd "$root$workdir" && env -i "${environment[@]}" PORTCULLIS_DATA_DIR="$root/data" MICRONAUT_SERVER_PORT="$port" ${as_user[@]+"${as_user[@]}"} "${args[@]}") \
    > "$work/run.log" 2>&1 &
  pid=$!
fi

for _ in $(seq 1 120); do
  if curl -fsS -m 2 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    login=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login")
    [ "$login" = 303 ] || { cat "$work/run.log"; fail "/login answered $login, expected 303 to /setup"; }
    grep -q "setup code" "$work/run.log" || { cat "$work/run.log"; fail "no setup code in the log"; }
    echo "image check: OK — /healthz 200 and /login 303 on port $port from the image's file system"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/run.log"; fail "the entrypoint exited"; }
  sleep 1
done
cat "$work/run.log"
fail "no /healthz answer within 120 s"
