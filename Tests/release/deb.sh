#!/bin/sh
# Installs the Debian package as an administrator would, on this machine (root; CI only), and checks what a
# lab needs: the binary, the man page, a completion, shared templates, the dashboard in tmux, an upgrade
# under a running dashboard, and a removal that leaves nothing but the learners' data.
# Usage: Tests/release/deb.sh dist/credstack_VERSION_ARCH.deb
set -eu
DEB=$1
fail() { echo "deb: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root to install a package"
if dpkg -s credstack >/dev/null 2>&1; then fail "credstack is already installed here; this test would remove it"; fi
WORK=$(mktemp -d)
SOCK=credstack-deb-$$
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null || true; dpkg -r credstack >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
export HOME=$WORK LANG=C.UTF-8 TZ=UTC CREDSTACK_NOW=2026-12-02T18:30:00Z XDG_DATA_DIRS=/usr/local/share:/usr/share

dpkg -i "$DEB" >/dev/null || fail "dpkg -i"
[ "$(command -v credstack)" = /usr/bin/credstack ] || fail "credstack is not /usr/bin/credstack"
credstack --version | grep -q "^credstack [0-9]" || fail "--version"
credstack version | grep -q "^commit      [0-9a-f]" || fail "the build's commit: $(credstack version)"
man -w credstack | grep -q "/usr/share/man/man1/credstack.1.gz" || fail "man -w credstack"
MANWIDTH=80 man credstack 2>/dev/null | grep -q "credstack" || fail "man credstack shows nothing"
# bash completion, as bash-completion would load it: subcommands complete.
got=$(bash -c '. /usr/share/bash-completion/completions/credstack 2>/dev/null
    COMP_WORDS=(credstack tim); COMP_CWORD=1; COMP_LINE="credstack tim"; COMP_POINT=${#COMP_LINE}
    _credstack 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"')
echo "$got" | grep -qx "timer" || fail "bash completion of 'credstack tim': $got"
[ -s /usr/share/zsh/vendor-completions/_credstack ] || fail "zsh completion"
[ -s /usr/share/fish/vendor_completions.d/credstack.fish ] || fail "fish completion"
# Shared data: the templates and themes the package ships are found, marked as shared.
credstack pathway templates | grep -q "ug-certificate: .*(shared, /usr/share/credstack/pathways/ug-certificate.toml)" || fail "shared templates"
credstack themes | grep -q "light  (shared, /usr/share/credstack/themes/light.toml)" || fail "shared themes"

# A learner's store and the dashboard, then an upgrade while it runs.
S=$WORK/store
credstack init --store "$S" --name Asha >/dev/null
credstack course add aws --title "AWS Cloud" --store "$S" >/dev/null
credstack pathway add --template ug-certificate --store "$S" >/dev/null
# Course ids complete from the learner's own store.
got=$(CREDSTACK_HOME=$S bash -c '. /usr/share/bash-completion/completions/credstack 2>/dev/null
    COMP_WORDS=(credstack log 45m a); COMP_CWORD=3; COMP_LINE="credstack log 45m a"; COMP_POINT=${#COMP_LINE}
    _credstack 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"')
echo "$got" | grep -qx "aws" || fail "course id completion of 'credstack log 45m a': $got"
tmux -L "$SOCK" -f /dev/null new-session -d -x 80 -y 24 \
    "env HOME=$WORK LANG=C.UTF-8 TZ=UTC TERM=xterm-256color CREDSTACK_NOW=$CREDSTACK_NOW credstack --store $S; echo EXITED rc=\$?; sleep 30"
wait_for() { i=0; while [ $i -lt 100 ]; do tmux -L "$SOCK" capture-pane -p | grep -q "$1" && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }
wait_for "AWS Cloud" || fail "the dashboard did not open: $(tmux -L "$SOCK" capture-pane -p)"
dpkg -i "$DEB" >/dev/null || fail "upgrade (dpkg -i over a running dashboard)"
tmux -L "$SOCK" send-keys "?"
wait_for "Keys" || fail "the running dashboard stopped answering after the upgrade"
tmux -L "$SOCK" send-keys Escape q
wait_for "EXITED rc=0" || fail "the dashboard did not exit cleanly"

# Removal: nothing of the package is left; the learner's store is untouched.
dpkg -r credstack >/dev/null || fail "dpkg -r"
for f in /usr/bin/credstack /usr/share/man/man1/credstack.1.gz /usr/share/bash-completion/completions/credstack \
         /usr/share/credstack /usr/share/doc/credstack; do
    [ ! -e "$f" ] || fail "$f left after removal"
done
[ -s "$S/profile.toml" ] && [ -s "$S/courses/aws.toml" ] || fail "the learner's data went with the package"
echo "deb: ok ($DEB installed, upgraded under a running dashboard, removed)"
