#!/usr/bin/env bash
# End-to-end over real SSH (run by .ci/run after `swift test`; needs openssh-server and tmux, which .ci/run
# installs). A private sshd on 127.0.0.1 with keys made here; the learner logs in with `ssh -tt` inside tmux,
# opens `credstack demo`, drives it, starts a timer, and then the SSH client is killed like a dropped link.
# Checks: credstack is gone within 2 s, the timer is still in the store, and a new login shows it running.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${CREDSTACK_BIN:-$(swift build --show-bin-path)/credstack}
SSHD=/usr/sbin/sshd
[ -x "$BIN" ] || { echo "ssh-e2e: no binary at $BIN (run swift build first)"; exit 1; }
[ -x "$SSHD" ] || { echo "ssh-e2e: $SSHD missing (apt-get install openssh-server)"; exit 1; }
WORK=$(mktemp -d /tmp/credstack-ssh-XXXXXX)
chmod 755 "$WORK"
PORT=$((20000 + RANDOM % 20000))
TMUX_SOCK=$WORK/tmux.sock
tm() { tmux -S "$TMUX_SOCK" -f /dev/null "$@"; }
cleanup() {
  tm kill-server 2>/dev/null || true
  [ -f "$WORK/sshd.pid" ] && kill "$(cat "$WORK/sshd.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "ssh-e2e: FAIL: $*"; echo "--- screen:"; tm capture-pane -p -t ssh 2>/dev/null || true; echo "--- sshd log:"; cat "$WORK/sshd.log" 2>/dev/null || true; exit 1; }
wait_for() { # wait_for TEXT SECONDS
  local deadline=$(( $(date +%s%N) + ${2:-10} * 1000000000 ))
  while [ "$(date +%s%N)" -lt "$deadline" ]; do
    tm capture-pane -p -t ssh 2>/dev/null | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  return 1
}

mkdir -p /run/sshd "$WORK/tmp"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/user_key"
cp "$WORK/user_key.pub" "$WORK/authorized_keys"
cat > "$WORK/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $WORK/host_key
AuthorizedKeysFile $WORK/authorized_keys
PidFile $WORK/sshd.pid
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $(id -un)
AcceptEnv LANG LC_*
UsePAM no
PrintMotd no
PrintLastLog no
CONF
"$SSHD" -f "$WORK/sshd_config" -E "$WORK/sshd.log"
for _ in $(seq 50); do [ -f "$WORK/sshd.pid" ] && break; sleep 0.1; done
[ -f "$WORK/sshd.pid" ] || fail "sshd did not start"

SSH="ssh -tt -i $WORK/user_key -p $PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o SendEnv=LANG $(id -un)@127.0.0.1"
REMOTE_ENV="env TERM=xterm-256color TMPDIR=$WORK/tmp"

# 1. Log in, open the demo, drive it.
tm new-session -d -s ssh -x 100 -y 30 "LANG=C.UTF-8 $SSH $REMOTE_ENV $BIN demo --keep"
wait_for "1 Courses (10)" 20 || fail "the demo did not open over ssh"
tm send-keys -t ssh Tab;  wait_for "prev week" 5 || fail "Tab did not move to This week"
tm send-keys -t ssh 1;    wait_for "Enter open" 5 || fail "1 did not move back to Courses"
tm send-keys -t ssh "?";  wait_for "Anywhere" 5 || fail "? did not open the help"
tm send-keys -t ssh Escape
tm send-keys -t ssh t;    wait_for "Timer started on excel-dash" 5 || fail "t did not start the timer"
wait_for "⏱ excel-dash 00:00:0" 5 || fail "the status bar does not show the running timer"
STORE=$(ls -d "$WORK"/tmp/credstack-demo-* | head -1)
[ -f "$STORE/timer.toml" ] || fail "the timer is not in the store"

# 2. The link drops: kill the ssh client outright.
APP_PID=$(pgrep -f "^$BIN demo --keep" | head -1)
[ -n "$APP_PID" ] || fail "credstack is not running on the server side"
SSH_PID=$(tm display-message -p -t ssh '#{pane_pid}')
kill -9 "$SSH_PID"
start=$(date +%s%N)
# Gone means exited: a zombie waiting for sshd to reap it has already ended.
running() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null || true); [ -n "$st" ] && [ "${st:0:1}" != Z ]; }
while running "$APP_PID"; do
  [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 5000 ] && fail "credstack still running 5 s after the ssh client died"
  sleep 0.05
done
gone_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$gone_ms" -le 2000 ] || fail "credstack took ${gone_ms} ms to exit after the link dropped (limit 2000 ms)"
grep -q 'course = "excel-dash"' "$STORE/timer.toml" || fail "the timer was lost"

# 3. A new login sees the timer still running, in the CLI and in the dashboard.
out=$($SSH $REMOTE_ENV "$BIN" timer status --store "$STORE" 2>&1 | tr -d '\r')
echo "$out" | grep -q "Timer running on excel-dash" || fail "a new login does not see the timer: $out"
tm kill-session -t ssh 2>/dev/null || true
# This login sends no LANG and the server sets none: credstack must fall back to C.UTF-8 and still draw
# its box lines and the timer glyph.
tm new-session -d -s ssh -x 100 -y 30 "env -u LANG -u LC_ALL -u LC_CTYPE $SSH env -u LANG -u LC_ALL -u LC_CTYPE TERM=xterm-256color TMPDIR=$WORK/tmp $BIN --store $STORE"
wait_for "⏱ excel-dash" 20 || fail "the dashboard of a new login (no LANG) does not show the timer"
wait_for "╭─ 1 Courses" 5 || fail "no UTF-8 box drawing without LANG"
tm send-keys -t ssh q
sleep 0.5
echo "ssh-e2e: 1 passed, 0 failed (credstack exited ${gone_ms} ms after the ssh client was killed; timer kept)"
