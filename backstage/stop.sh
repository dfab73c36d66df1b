#!/usr/bin/env bash
# Stops the backend that start.sh started, and nothing else.
#
# Only the PID recorded in .run/backend.pid is signalled, and only while that PID still belongs
# to a backend.js started from this folder (a PID can be reused after the backend died).
# TERM first so Backstage shuts down cleanly, KILL after 10 s. Exits 0 when nothing was running.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pid_file="$here/.run/backend.pid"
term_grace_s=10

# A dead child that nobody has reaped yet still answers kill -0, so look at its state too.
is_alive() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z* ]]
}

is_our_backend() {
  local pid="$1"
  [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null || true)" == "$here" ]] &&
    grep -q -a -F 'backend.js' "/proc/$pid/cmdline" 2>/dev/null
}

if [[ ! -f "$pid_file" ]]; then
  echo "stop.sh: no backend running (no $pid_file)"
  exit 0
fi

pid="$(cat "$pid_file")"
if [[ ! "$pid" =~ ^[0-9]+$ ]] || ! is_alive "$pid" || ! is_our_backend "$pid"; then
  rm -f "$pid_file"
  echo "stop.sh: no backend running (stale pid file removed)"
  exit 0
fi

kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq $((term_grace_s * 5))); do
  is_alive "$pid" || break
  sleep 0.2
done
if is_alive "$pid"; then
  echo "stop.sh: pid $pid ignored TERM for ${term_grace_s} s, sending KILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 25); do
    is_alive "$pid" || break
    sleep 0.2
  done
fi
if is_alive "$pid"; then
  echo "stop.sh: pid $pid is still alive after KILL" >&2
  exit 1
fi
rm -f "$pid_file"
echo "stop.sh: stopped backend (pid $pid)"
