#!/usr/bin/env bash
# Adversarial load against the reference proxy and, side by side, nginx as a reverse proxy in
# front of the same misbehaving cluster. The clients and the cluster are bench/hostile.py.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/hostile.sh [options]

For each attack and each target, starts a fresh cluster stand-in (bench/hostile.py upstream) and
a fresh target in front of it: the reference proxy as users run it (java -Xmx128m -jar, cluster
alpha, default settings) and nginx (one worker, proxy_buffering off). Then runs the attack with a
probe GET every 200 ms, samples the target's RSS and threads, and stops both. Prints one markdown
table at the end, also written to target/hostile/figures.md. docs/reliability.md says what each
attack does and what the columns mean.

Options:
  --attacks LIST             comma-separated, from 1,2a,2b,2c,6 (default all)
  --clients N                slow clients of 2a, 2b and 6 (default 4000)
  --watches N                concurrent watches of 2c (default 5000)
  --hold SECONDS             how long 2a, 2b and 2c hold their clients (default 30); 6 holds 3x
  --cluster-workers N        processes serving the cluster stand-in (default 4); 1 shows the
                             delay one busy event loop adds to every answer of the cluster
  --rounds N                 run each attack N times against the same target (default 1): a
                             later round meets a target that has seen the attack's burst before
  --no-nginx                 the reference proxy only
  --proxy-config-extra FILE  YAML merged into the proxy's proxy: section, to try limits
  --help                     print this text

Needs java, python3 and nginx (apt-get install nginx-light). Build the jar first:
  ./mvnw -B -pl reference-proxy,fixtures -am package -DskipTests -DskipUnitTests
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
proxy_jar="$root/reference-proxy/target/reference-proxy.jar"
hostile_py="$root/bench/hostile.py"
attacks="1,2a,2b,2c,6"
clients=4000
watches=5000
hold=30
cluster_workers=4
rounds=1
with_nginx=true
extra=""

die() {
  echo "hostile: $*" >&2
  exit 1
}

whole() {
  [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "$1 needs a whole number"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --attacks)
      [[ "${2:-}" =~ ^(1|2a|2b|2c|6)(,(1|2a|2b|2c|6))*$ ]] || die "--attacks takes a list from 1,2a,2b,2c,6"
      attacks="$2"; shift 2 ;;
    --clients) whole "$1" "${2:-}"; clients="$2"; shift 2 ;;
    --watches) whole "$1" "${2:-}"; watches="$2"; shift 2 ;;
    --hold) whole "$1" "${2:-}"; hold="$2"; shift 2 ;;
    --cluster-workers) whole "$1" "${2:-}"; cluster_workers="$2"; shift 2 ;;
    --rounds) whole "$1" "${2:-}"; rounds="$2"; shift 2 ;;
    --no-nginx) with_nginx=false; shift ;;
    --proxy-config-extra)
      [[ -f "${2:-}" ]] || die "--proxy-config-extra needs a YAML file"
      extra="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --help | -h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

command -v java >/dev/null || die "install a JDK 17 or newer"
command -v python3 >/dev/null || die "apt-get install python3"
! $with_nginx || command -v nginx >/dev/null || die "apt-get install nginx-light, or pass --no-nginx"
[[ -f "$proxy_jar" ]] || die "build the jar first: ./mvnw -B -pl reference-proxy -am package -DskipTests -DskipUnitTests"

out="$root/target/hostile"
mkdir -p "$out"
results="$out/results.jsonl"
: >"$results"
rm -rf "$out/logs"
work="$(mktemp -d -t proxy-hostile.XXXXXX)"
chmod 755 "$work" # nginx's worker runs unprivileged and writes its temp files here
phase_pids=()

# Stops what the current phase started, by pid: SIGTERM, then SIGKILL after 5 s, since a JVM
# that ran out of memory may never finish its shutdown.
stop_phase() {
  local pid i
  ((${#phase_pids[@]} > 0)) || return 0
  for pid in "${phase_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for ((i = 0; i < 50; i++)); do
    for pid in "${phase_pids[@]}"; do kill -0 "$pid" 2>/dev/null && break; done
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  for pid in "${phase_pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${phase_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  phase_pids=()
}
trap 'stop_phase; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# Starts the cluster stand-in; sets upstream_port.
start_upstream() {
  python3 "$hostile_py" upstream --hold "$hold" --workers "$cluster_workers" >"$phase/upstream.log" 2>&1 &
  phase_pids+=($!)
  upstream_port="$(await_line "$phase/upstream.log" '[0-9]+$' $! "the cluster stand-in")"
}

# Starts the reference proxy as users run it; sets target_port, target_pid and target_log.
start_reference() {
  app_config "alpha http://127.0.0.1:$upstream_port hostile-token" >"$phase/app-config.yaml"
  local configs=(--config "$phase/app-config.yaml")
  if [[ -n "$extra" ]]; then
    { echo "proxy:"; sed 's/^/  /' "$extra"; } >"$phase/extra.yaml"
    configs+=(--config "$phase/extra.yaml")
  fi
  java -Xmx128m ${HOSTILE_EXTRA_JAVA_OPTS:-} -jar "$proxy_jar" "${configs[@]}" >"$phase/proxy.out" 2>"$phase/proxy.log" &
  target_pid=$!
  phase_pids+=("$target_pid")
  target_port="$(await_line "$phase/proxy.out" '127\.0\.0\.1:[0-9]+' "$target_pid" "the reference proxy")"
  target_port="${target_port##*:}"
  target_log="$phase/proxy.log"
}

# Starts nginx as a reverse proxy, one worker, sized for every client and its cluster connection;
# sets target_port, target_pid (the worker) and target_log.
start_nginx() {
  local dir="$phase/nginx" master i
  target_port="$(free_port)"
  # Each watch or slow client holds two connections: its own and the one to the cluster.
  nginx_reverse_proxy "$target_port" "$upstream_port" hostile-token | nginx_conf "$dir" 16000
  nginx -p "$dir" -c "$dir/nginx.conf" >"$dir/out.log" 2>&1 &
  master=$!
  phase_pids+=("$master")
  for ((i = 0; i < 50; i++)); do
    target_pid="$(pgrep -P "$master" | head -n 1 || true)"
    [[ -n "$target_pid" ]] && break
    kill -0 "$master" 2>/dev/null || die "nginx exited: $(cat "$dir/out.log" "$dir/error.log" 2>/dev/null)"
    sleep 0.1
  done
  [[ -n "$target_pid" ]] || die "nginx started no worker"
  target_log="$dir/error.log"
}

targets=(reference)
$with_nginx && targets+=(nginx)
echo "hostile: attacks $attacks against ${targets[*]}; $clients clients, $watches watches, hold $hold s"
echo "hostile: load before: $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
started=$SECONDS
for attack in ${attacks//,/ }; do
  for target in "${targets[@]}"; do
    # Files of their own: a started process truncates its log only some time after the fork.
    phase="$work/$attack-$target"
    mkdir -p "$phase"
    start_upstream
    "start_$target"
    for ((round = 1; round <= rounds; round++)); do
      round_args=()
      ((rounds > 1)) && round_args=(--round "$round")
      # A safety net only: every operation of the attack has its own time limit.
      timeout --kill-after=10 $((3 * hold + 120)) python3 "$hostile_py" attack --attack "$attack" \
        --target "$target" --port "$target_port" --cluster-port "$upstream_port" --pid "$target_pid" --log "$target_log" \
        --out "$results" --clients "$clients" --watches "$watches" --hold "$hold" "${round_args[@]}" ||
        echo "hostile: attack $attack against $target did not finish cleanly (exit $?)"
    done
    stop_phase
    mkdir -p "$out/logs"
    cp -r "$phase" "$out/logs/"
  done
done
echo "hostile: load after: $(cut -d' ' -f1-3 /proc/loadavg), whole run $((SECONDS - started)) s"
echo
python3 "$hostile_py" table "$results" "$out/figures.md"
