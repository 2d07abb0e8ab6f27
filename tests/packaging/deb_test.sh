#!/usr/bin/env bash
# The .deb packages: built by CPack from the build tree, unpacked into an empty root (dpkg-deb -x,
# no root rights needed), checked for what an install needs (units, system user, dependencies,
# modes), then `guichet demo` runs from the unpacked /usr/bin with the unpacked sample data.
#   deb_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
(cd "$build" && cpack -G DEB --config CPackConfig.cmake -B "$work/packages" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/packages/guichet_*.deb)
[ -f "$deb" ] || fail "no guichet_*.deb"
ls "$work"/packages/*.deb

# Control: the package's name, its dependencies (shared libraries found by dpkg-shlibdeps, and the
# OCR models), its maintainer scripts.
dpkg-deb -f "$deb" Package | grep -qx guichet || fail "package name"
depends=$(dpkg-deb -f "$deb" Depends)
for dep in tesseract-ocr-fra tesseract-ocr-eng libsqlite3 libsodium libcurl; do
  echo "$depends" | grep -q "$dep" || fail "Depends lacks $dep: $depends"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -q postinst || fail "no postinst"
if ls "$work"/packages/guichet-desk_*.deb >/dev/null 2>&1; then
  dpkg-deb -f "$work"/packages/guichet-desk_*.deb Depends | grep -q "guichet (=" || fail "desk does not depend on guichet"
fi

root=$work/root
dpkg-deb -x "$deb" "$root"
for f in usr/bin/guichet usr/bin/guichet-backend-sim \
         usr/lib/systemd/system/guichet-sync.service usr/lib/systemd/system/guichet-intake@.service \
         usr/lib/systemd/system/guichet-purge.timer usr/lib/systemd/system/guichet-backup.timer \
         usr/lib/sysusers.d/guichet.conf usr/lib/tmpfiles.d/guichet.conf \
         usr/share/guichet/data/sample/directory.csv usr/share/doc/guichet/OPERATIONS.md; do
  [ -e "$root/$f" ] || fail "$f missing from the package"
done
grep -q "^u guichet" "$root/usr/lib/sysusers.d/guichet.conf" || fail "no system user"
grep -q "/var/lib/guichet" "$root/usr/lib/systemd/system/guichet-sync.service" || fail "store not under /var/lib/guichet"
if command -v systemd-analyze >/dev/null 2>&1; then
  # The units parse (unknown keys and bad values are reported), with the unpacked binaries.
  for u in guichet-sync.service guichet-purge.service guichet-backup.service; do
    sed "s|/usr/bin/|$root/usr/bin/|g" "$root/usr/lib/systemd/system/$u" > "$work/$u"
    out=$(systemd-analyze verify "$work/$u" 2>&1 || true)
    echo "$out" | grep -qiE "unknown key|failed to parse|invalid" && { echo "$out"; fail "$u does not parse"; }
  done
fi
# The demo, from the unpacked tree only: its samples, its stand-in next to it.
(cd "$work" && OMP_THREAD_LIMIT=1 "$root/usr/bin/guichet" demo --work "$work/demo" >"$work/demo.log" 2>&1) ||
  { tail -30 "$work/demo.log"; fail "guichet demo from the package"; }
grep -q "usr/share/guichet/data/sample" "$work/demo.log" || { head "$work/demo.log"; fail "the demo did not use the packaged samples"; }
grep -q "SMS queue on the backend" "$work/demo.log" || { tail "$work/demo.log"; fail "demo incomplete"; }
"$root/usr/bin/guichet" --db "$work/demo/guichet.db" audit verify | grep -q intact || fail "demo audit log"
echo "deb: ok ($(du -h "$deb" | cut -f1))"
