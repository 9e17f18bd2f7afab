#!/bin/sh
# Proves a release binary runs on a machine without the Swift toolchain: it is copied alone into an
# empty folder, the toolchain's folder is hidden behind an empty tmpfs in a private mount namespace,
# and the binary then creates a store, logs time, reports, and draws the dashboard in tmux.
# Usage: Tests/release/standalone.sh PATH/TO/credstack
set -eu
BIN=$1
fail() { echo "standalone: FAIL: $*" >&2; exit 1; }
SWIFT=$(command -v swift || true)
[ -n "$SWIFT" ] || fail "no swift on PATH to hide"
TOOLCHAIN=$(dirname "$(dirname "$(dirname "$(readlink -f "$SWIFT")")")")   # e.g. /opt/swift for /opt/swift/usr/bin/swift
case "$TOOLCHAIN" in /|/usr) fail "the toolchain lives in $TOOLCHAIN, which cannot be hidden";; esac
if ldd "$BIN" | grep -Eq "libswift|libFoundation|$TOOLCHAIN"; then ldd "$BIN"; fail "links a toolchain library"; fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$BIN" "$WORK/credstack"
cat > "$WORK/inside.sh" <<'INSIDE'
set -eu
TOOLCHAIN=$1 WORK=$2 HIDE=$3
if [ "$HIDE" = hide ]; then
    mount -t tmpfs -o size=1m none "$TOOLCHAIN"
    [ -z "$(ls -A "$TOOLCHAIN")" ] || { echo "toolchain still visible"; exit 1; }
    if command -v swift >/dev/null 2>&1 && swift --version >/dev/null 2>&1; then echo "swift still runs"; exit 1; fi
fi
export PATH=/usr/bin:/bin LD_LIBRARY_PATH= LANG=C.UTF-8 TZ=UTC HOME=$WORK CREDSTACK_NOW=2026-12-02T18:30:00Z
C=$WORK/credstack S=$WORK/store
$C init --store "$S" --name "Asha" >/dev/null
$C course add aws --title "AWS Cloud" --store "$S" >/dev/null
$C log 45m aws --at 08:00 --store "$S"
$C week --store "$S" | grep -q "Total 45m of 5h goal" || { echo "week report wrong"; exit 1; }
$C credits --store "$S" | grep -q "No pathways followed yet" || { echo "credits wrong"; exit 1; }
$C pathway add --template ug-certificate --store "$S" | grep -q "44 credits" || { echo "templates missing from the binary"; exit 1; }
$C demo --print | grep -q "UG Certificate in Data Science" || { echo "demo wrong"; exit 1; }
tmux -L standalone -f /dev/null new-session -d -x 80 -y 24 "TERM=xterm-256color $C demo; echo EXITED rc=\$?; sleep 30"
i=0
until tmux -L standalone capture-pane -p | grep -q "1 Courses (10)"; do
    i=$((i + 1)); [ $i -lt 50 ] || { tmux -L standalone capture-pane -p; echo "dashboard did not draw"; exit 1; }
    sleep 0.2
done
tmux -L standalone send-keys q
i=0
until tmux -L standalone capture-pane -p | grep -q "EXITED rc=0"; do
    i=$((i + 1)); [ $i -lt 50 ] || { echo "dashboard did not quit"; exit 1; }
    sleep 0.2
done
tmux -L standalone kill-server
echo "standalone: ok ($HIDE): init, course add, log, week, credits, pathway templates, demo, dashboard in tmux"
INSIDE
# A private mount namespace (as root, or through a user namespace) hides the toolchain for real.
for how in "unshare -m --propagation private" "unshare -rm --propagation private"; do
    if $how true 2>/dev/null; then
        $how sh "$WORK/inside.sh" "$TOOLCHAIN" "$WORK" hide || fail "the binary did not run with $TOOLCHAIN hidden (see above)"
        exit 0
    fi
done
echo "standalone: no mount namespaces here; running with LD_LIBRARY_PATH empty (ldd showed no toolchain library)"
sh "$WORK/inside.sh" "$TOOLCHAIN" "$WORK" visible || fail "the binary did not run (see above)"
