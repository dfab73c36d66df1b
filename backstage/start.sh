#!/usr/bin/env bash
# Starts the real Backstage Kubernetes backend on loopback as a regression target.
#
# Usage: start.sh <conformance-config.yaml> [port]
#
# Installs the pinned dependency tree with `npm ci` when node_modules is missing or was built
# from another lockfile or Node version, starts the backend in the background with
# app-config.yaml, the given conformance config and a generated run config (in that order,
# later files win), and returns once the readiness endpoint answers 200. Every failure ends
# with one message naming its cause and a non-zero exit code; nothing is skipped silently.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run_dir="$here/.run"
pid_file="$run_dir/backend.pid"
log_file="$run_dir/backend.log"
install_log="$run_dir/npm-ci.log"
run_config="$run_dir/app-config.run.yaml"
resolved_config="$run_dir/app-config.conformance.yaml"
plugin_key="$run_dir/plugin-key.pem"
plugin_public_key="$run_dir/plugin-key.public.pem"
stamp_file="$here/node_modules/.installed-from.sha256"
readiness_timeout_s=120

usage() {
  echo "usage: $0 <conformance-config.yaml> [port]" >&2
  exit 2
}

# One message, the tail of the relevant log when there is one, then a non-zero exit. The
# readiness polls are left out of the tail: after a timeout they would be all of it.
fail() {
  local message="$1" log="${2:-}"
  echo "start.sh: FAILED: $message" >&2
  if [[ "$log" == "$log_file" && -s "$log" ]]; then
    echo "--- last 30 lines of $log (readiness polls left out) ---" >&2
    grep -v -F '/.backstage/health/v1/readiness' "$log" | tail -n 30 >&2 || true
  elif [[ -n "$log" && -s "$log" ]]; then
    echo "--- last 30 lines of $log ---" >&2
    tail -n 30 "$log" >&2
  fi
  exit 1
}

# A dead child that nobody has reaped yet still answers kill -0, so look at its state too.
is_alive() {
  local state
  state="$(ps -o stat= -p "$1" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z* ]]
}

[[ $# -ge 1 && $# -le 2 ]] || usage
[[ -f "$1" && -r "$1" ]] || fail "conformance config '$1' is not a readable file"
conformance_config="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
port="${2:-7007}"
[[ "$port" =~ ^[0-9]{1,5}$ ]] && ((10#$port >= 1 && 10#$port <= 65535)) || fail "port '$port' is not a number from 1 to 65535"
port=$((10#$port))

# Backstage applies APP_CONFIG_* variables after every config file, so these would silently
# move the backend away from the port this script waits on.
for var in $(compgen -e | grep -E '^APP_CONFIG_backend_(listen|baseUrl)' || true); do
  fail "environment variable $var would override the port chosen here; unset it and pass the port as the second argument"
done

for tool in node npm curl ps flock setsid openssl awk; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not on PATH; the backend needs Node 20 with npm, and start.sh needs curl, ps, flock, setsid, openssl and awk"
done

mkdir -p "$run_dir"

# Two runs from one folder would install into and start from the same files at once.
exec 9>"$run_dir/start.lock"
flock -n 9 || fail "another start.sh is already running from $here"

if [[ -f "$pid_file" ]]; then
  old_pid="$(cat "$pid_file")"
  if [[ "$old_pid" =~ ^[0-9]+$ ]] && is_alive "$old_pid"; then
    fail "a backend started from here is already running (pid $old_pid); run stop.sh first"
  fi
  rm -f "$pid_file"
fi

# Another listener on the port could answer the readiness probe in place of ours.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  fail "port $port on 127.0.0.1 is already in use by another process"
fi

# The lockfile and the Node version together decide the installed tree (a native module would be
# built for one Node ABI), so both go into the stamp.
wanted_stamp="$( (cat "$here/package-lock.json"; node --version) | sha256sum | cut -d' ' -f1)"
if [[ ! -d "$here/node_modules" || ! -f "$stamp_file" || "$(cat "$stamp_file")" != "$wanted_stamp" ]]; then
  echo "start.sh: installing the pinned backend with npm ci (about a minute: it fetches about 700 packages)"
  install_started=$SECONDS
  if ! (cd "$here" && npm ci --no-audit --no-fund) >"$install_log" 2>&1; then
    fail "npm ci failed (full output in $install_log)" "$install_log"
  fi
  echo "$wanted_stamp" >"$stamp_file"
  echo "start.sh: npm ci finished in $((SECONDS - install_started)) s"
fi

# Backstage resolves a relative caFile against its working directory (this folder); the suite's
# config names its CA relative to the config file, as the reference proxy resolves it. So relative
# caFile values are made absolute against the config's folder, in a copy.
config_dir="$(dirname "$conformance_config")"
awk -v dir="$config_dir" '
  match($0, /^[[:space:]]*(- )?caFile:[[:space:]]*/) {
    value = substr($0, RLENGTH + 1)
    if (value != "" && value !~ /^["\047\/$]/) { print substr($0, 1, RLENGTH) dir "/" value; next }
  }
  { print }' "$conformance_config" >"$resolved_config" || fail "cannot write $resolved_config"

# Core auth signs plugin tokens with keys from its key store; static keys made here, per run,
# spare the database (and the native SQLite module) its default key store needs.
rm -f "$plugin_key" "$plugin_public_key"
if ! openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$plugin_key" 2>/dev/null ||
  ! openssl ec -in "$plugin_key" -pubout -out "$plugin_public_key" 2>/dev/null; then
  fail "openssl could not make the plugin key pair in $run_dir"
fi

# Written last on the command line so the requested port wins over both other files, and the
# host stays loopback whatever the conformance config says.
cat >"$run_config" <<EOF
# Generated by start.sh for this run: the listen address, baseUrl and plugin key store.
backend:
  baseUrl: http://127.0.0.1:$port
  listen:
    host: 127.0.0.1
    port: $port
  auth:
    pluginKeyStore:
      type: static
      static:
        keys:
          - publicKeyFile: $plugin_public_key
            privateKeyFile: $plugin_key
            keyId: conformance-run
EOF

# NODE_ENV is pinned because it changes observable behaviour: "development" adds stack traces
# to error bodies and "test" drops the uncaught-exception handler. "production" is what a
# deployed Backstage runs with.
start_started=$SECONDS
cd "$here"
NODE_ENV=production setsid node backend.js \
  --config "$here/app-config.yaml" \
  --config "$resolved_config" \
  --config "$run_config" \
  </dev/null >"$log_file" 2>&1 9>&- &
pid=$!
echo "$pid" >"$pid_file"

readiness_url="http://127.0.0.1:$port/.backstage/health/v1/readiness"
deadline=$((SECONDS + readiness_timeout_s))
while true; do
  if ! is_alive "$pid"; then
    exit_code=0
    wait "$pid" || exit_code=$?
    rm -f "$pid_file"
    fail "the backend process (pid $pid) exited during startup with status $exit_code" "$log_file"
  fi
  # After a plugin fails to start, Backstage keeps running and answers 503 forever; waiting
  # out the timeout would only hide the cause for two minutes.
  if grep -q -F '"name":"BackendStartupError"' "$log_file"; then
    "$here/stop.sh" >/dev/null
    fail "the backend (pid $pid) reported that its startup failed (BackendStartupError) and was stopped" "$log_file"
  fi
  status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$readiness_url" || true)"
  if [[ "$status" == 200 ]]; then
    break
  fi
  if ((SECONDS >= deadline)); then
    "$here/stop.sh" >/dev/null
    fail "the backend (pid $pid) was not ready within ${readiness_timeout_s} s and was stopped: $readiness_url last answered '${status}'" "$log_file"
  fi
  sleep 0.5
done

echo "start.sh: backend ready at http://127.0.0.1:$port after $((SECONDS - start_started)) s (pid $pid, log $log_file)"
