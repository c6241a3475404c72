#!/usr/bin/env bash
# Builds the file system the OCI image puts under the application (mvn -Pimage package calls it; Jib adds the
# application itself): a jlink'd Java runtime, the C libraries that runtime and the embedded PostgreSQL link
# against, taken from this build machine, CA certificates, /bin/sh (pg_ctl starts the server through it), a
# non-root user and the /data volume. No base image is pulled, so no registry or Docker daemon is needed.
#
# usage: rootfs.sh <output dir> <comma-separated Java modules> <application jar holding postgres-linux-*.txz>
set -euo pipefail

out=$1
modules=$2
app_jar=$3

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
case "$(uname -m)" in
  x86_64) pg_archive=postgres-linux-x86_64.txz ;;
  aarch64) pg_archive=postgres-linux-arm_64.txz ;;
  *) echo "rootfs.sh: no PostgreSQL binaries for $(uname -m)" >&2; exit 1 ;;
esac

rm -rf "$out"
mkdir -p "$out"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$out/opt/java"
# Debian's JDK links its trust store to /etc/ssl/certs; the image gets the file itself
cp -L "$java_home/lib/security/cacerts" "$out/opt/java/lib/security/cacerts"

mkdir -p "$out/bin"
cp -L "$(command -v dash || command -v sh)" "$out/bin/sh"

# every shared library the runtime, the shell and the PostgreSQL server programs need, from this machine
pg_tmp=$(mktemp -d)
trap 'rm -rf "$pg_tmp"' EXIT
unzip -p "$app_jar" "$pg_archive" | tar -xJ -C "$pg_tmp"
{
  # the desktop module's native parts (AWT, fonts, sound, images) are never loaded by a headless server
  find "$out/opt/java" "$pg_tmp/bin" -type f \( -perm -u+x -o -name '*.so' \) \
      ! -name 'libawt*' ! -name 'libjawt*' ! -name 'libfontmanager*' ! -name 'libsplashscreen*' ! -name 'libjsound*' \
      ! -name 'liblcms*' ! -name 'libjavajpeg*' ! -name 'libmlib_image*' -print0 \
    | xargs -0 -n 20 ldd 2>/dev/null || true
  ldd "$out/bin/sh" || true
} | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u | while read -r lib; do
  case "$lib" in "$out"/*|"$pg_tmp"/*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done

# the C.UTF-8 locale, so that initdb and the JVM both work in UTF-8 under LANG=C.UTF-8
if [ -d /usr/lib/locale/C.utf8 ]; then
  mkdir -p "$out/usr/lib/locale"
  cp -r /usr/lib/locale/C.utf8 "$out/usr/lib/locale/"
fi

mkdir -p "$out/etc" "$out/tmp" "$out/data"
chmod 1777 "$out/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\nportcullis:x:65532:65532:portcullis:/data:/bin/sh\n' > "$out/etc/passwd"
printf 'root:x:0:\nportcullis:x:65532:\n' > "$out/etc/group"
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$out/etc/hosts"
