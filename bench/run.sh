#!/usr/bin/env bash
# Measures the reference proxy side by side with a direct connection to the same upstream, and
# with kubectl proxy and the real Backstage backend when asked, all in one run on this machine.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/run.sh [options]

Starts an upstream, the reference proxy (heap capped), nginx as a reverse proxy (with the nginx
upstream), kubectl proxy when installed and, with --backstage, the real Backstage backend; warms
each until its rate is steady (and the proxy's JIT compiler idle), runs wrk against each with
1 KiB and 1 MiB GETs on kept-alive connections at concurrency 16 and 64, then streams 1 GiB down
and up through the reference proxy and times a watch event's first byte. Prints one table with
requests/s, p50, p99, the ratio to direct, the CPU each server spent per request and, for the
reference proxy, the bytes it allocated per request (from its GC log). Everything it starts is
stopped on exit.

Options:
  --duration SECONDS  length of each measured wrk run (default 10)
  --upstream KIND     nginx (default when installed) or echo (the kit's echo cluster)
  --backstage         also measure Backstage (backstage/start.sh; runs npm ci on first use)
  --baseline-jar JAR  also measure another build of the reference proxy (the jar of an earlier
                      commit, say) as path "baseline", in the same run and on the same settings
  --bare              also measure path "bare": the proxy's server and cluster client around a
                      bare handler written on Jetty's core API (BareProxyHandler, a test class:
                      no ProxyHandler, no contract checks), to tell what those cost; compiles the
                      reference-proxy tests with the Maven Wrapper first
  --no-kubectl        leave out kubectl proxy even when kubectl is installed
  --no-streams        leave out the 1 GiB streams and the watch first-byte test
  --suite             also run the README's main job (the embedded conformance suite in both
                      profiles) and print its verdicts, wall time and console line count
  --pin               pin wrk, the upstream and the fixture clusters to CPU 0 and every proxy to
                      CPU 1 (taskset), so a proxy's own ceiling shows, not the shared machine's
  --help              print this text

Environment:
  PROXY_JAVA_OPTS     JVM options of the reference proxy (default -Xmx128m)
  BACKSTAGE_PORT      port for Backstage (default: a free port)

Needs java, curl, python3 and wrk (apt-get install wrk); nginx for the nginx upstream
(apt-get install nginx-light). Build the jars first:
  ./mvnw -B -pl reference-proxy,fixtures -am package -DskipTests
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
proxy_jar="$root/reference-proxy/target/reference-proxy.jar"
fixtures_jar="$root/fixtures/target/fixtures.jar"
duration=10
upstream_kind=""
with_backstage=false
with_kubectl=true
with_streams=true
with_suite=false
baseline_jar=""
with_bare=false
# Commands prefixed to what generates or serves load and to the proxies under test; empty unless
# --pin gives each side a CPU of its own.
on_load_cpu=()
on_proxy_cpu=()
proxy_java_opts="${PROXY_JAVA_OPTS:--Xmx128m}"
backstage_port="${BACKSTAGE_PORT:-}"
cluster_header="Backstage-Kubernetes-Cluster: alpha"
# The token the proxies send; the direct runs send it too, so every path makes the same request.
token="bench-token"
gib=$((1024 * 1024 * 1024))

die() {
  echo "bench: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "--duration needs a whole number of seconds"
      duration="$2"
      shift 2
      ;;
    --upstream)
      [[ "${2:-}" == nginx || "${2:-}" == echo ]] || die "--upstream is nginx or echo"
      upstream_kind="$2"
      shift 2
      ;;
    --backstage) with_backstage=true; shift ;;
    --bare) with_bare=true; shift ;;
    --baseline-jar)
      [[ -f "${2:-}" ]] || die "--baseline-jar needs the path of a reference-proxy jar"
      baseline_jar="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
      shift 2
      ;;
    --no-kubectl) with_kubectl=false; shift ;;
    --no-streams) with_streams=false; shift ;;
    --suite) with_suite=true; shift ;;
    --pin)
      on_load_cpu=(taskset -c 0)
      on_proxy_cpu=(taskset -c 1)
      shift
      ;;
    --help | -h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed; $2"
}
need java "install a JDK 17 or newer"
need curl "apt-get install curl"
need python3 "apt-get install python3"
need wrk "apt-get install wrk"
need ss "apt-get install iproute2"
if ((${#on_load_cpu[@]} > 0)); then
  need taskset "apt-get install util-linux"
  (($(nproc) >= 2)) || die "--pin needs at least 2 CPUs"
fi
[[ -f "$proxy_jar" && -f "$fixtures_jar" ]] ||
  die "build the jars first: ./mvnw -B -pl reference-proxy,fixtures -am package -DskipTests"
if [[ -z "$upstream_kind" ]]; then
  upstream_kind="echo"
  command -v nginx >/dev/null 2>&1 && upstream_kind=nginx
fi
[[ "$upstream_kind" == echo ]] || need nginx "apt-get install nginx-light, or pass --upstream echo"
if $with_kubectl && ! command -v kubectl >/dev/null 2>&1; then
  echo "bench: kubectl is not installed; leaving out kubectl proxy (apt-get install kubectl)" >&2
  with_kubectl=false
fi

work="$(mktemp -d -t proxy-bench.XXXXXX)"
started_pids=()
backstage_started=false

cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if $backstage_started; then
    "$root/backstage/stop.sh" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

# --- start everything ------------------------------------------------------------------------

echo "bench: working in $work"

# The echo cluster serves the watch stream and takes the upload; with --upstream echo it also
# answers the GETs. Free ports keep the run clear of a conformance run on the fixed ports.
"${on_load_cpu[@]}" java -jar "$fixtures_jar" serve --base-port 0 --kube off --out "$work/fixtures/app-config.yaml" \
  >"$work/fixtures.log" 2>&1 &
fixtures_pid=$!
started_pids+=("$fixtures_pid")
await_line "$work/fixtures.log" 'clusters are listening' "$fixtures_pid" "the fixture clusters" >/dev/null
echo_url="$(awk '/name: alpha$/ {found = 1} found && /url:/ {print $2; exit}' "$work/fixtures/app-config.yaml")"
[[ "$echo_url" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || die "cannot find cluster alpha in the fixtures config"
# The same echo behind TLS, trusted through the run's CA, to show what TLS costs per request.
read -r echo_tls_url echo_tls_ca < <(awk '/name: tls-cadata$/ {found = 1}
  found && /url:/ {url = $2} found && /caData:/ {print url, $2; exit}' "$work/fixtures/app-config.yaml")
[[ "$echo_tls_url" =~ ^https:// ]] || die "cannot find cluster tls-cadata in the fixtures config"

if [[ "$upstream_kind" == nginx ]]; then
  nginx_port="$(free_port)"
  mkdir -p "$work/nginx/www"
  # Run as root, nginx serves from an unprivileged worker, which must reach the files.
  chmod 755 "$work"
  head -c 1024 /dev/urandom >"$work/nginx/www/body-1024"
  head -c 1048576 /dev/urandom >"$work/nginx/www/body-1048576"
  # One worker: the upstream stands for a cluster, and the 2 cores are shared with wrk and proxy.
  nginx_conf "$work/nginx" <<EOF
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$nginx_port;
    # The same query as for the echo cluster picks the body: ?echoBodyBytes=1024 or 1048576.
    location / { root $work/nginx/www; try_files /body-\$arg_echoBodyBytes =404; }
  }
EOF
  "${on_load_cpu[@]}" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$work/nginx/out.log" 2>&1 &
  started_pids+=($!)
  upstream_url="http://127.0.0.1:$nginx_port"

  # nginx as a reverse proxy in front of the same upstream: what a lean proxy written in C, with
  # one worker and kept-alive upstream connections, costs on this machine. It strips the mount
  # prefix and sets the token like the proxies under test, but selects no cluster.
  nginx_proxy_port="$(free_port)"
  nginx_reverse_proxy "$nginx_proxy_port" "$nginx_port" "$token" | nginx_conf "$work/nginx-proxy"
  "${on_proxy_cpu[@]}" nginx -p "$work/nginx-proxy" -c "$work/nginx-proxy/nginx.conf" >"$work/nginx-proxy/out.log" 2>&1 &
  started_pids+=($!)
  # The same, writing an access log line per request in the combined format, buffered as the
  # reference proxy's is: the reference proxy logs every exchange by default, so this is the
  # like-for-like comparison; nginx-pass shows what the log costs nginx.
  nginx_log_port="$(free_port)"
  {
    echo "  access_log $work/nginx-log/access.log combined buffer=64k flush=1s;"
    nginx_reverse_proxy "$nginx_log_port" "$nginx_port" "$token"
  } | nginx_conf "$work/nginx-log"
  "${on_proxy_cpu[@]}" nginx -p "$work/nginx-log" -c "$work/nginx-log/nginx.conf" >"$work/nginx-log/out.log" 2>&1 &
  started_pids+=($!)
else
  upstream_url="$echo_url"
fi

stream_url=""
if $with_streams; then
  stream_port="$(free_port)"
  "${on_load_cpu[@]}" python3 "$root/bench/stream_upstream.py" "$stream_port" >"$work/stream-upstream.log" 2>&1 &
  started_pids+=($!)
  await_line "$work/stream-upstream.log" 'listening on' $! "the streaming upstream" >/dev/null
  stream_url="http://127.0.0.1:$stream_port"
fi

# One app-config for the reference proxy and Backstage alike: alpha is the upstream under test.
app_config "alpha $upstream_url $token" "echo $echo_url $token" \
  "echo-tls $echo_tls_url $token $echo_tls_ca" "stream ${stream_url:-http://127.0.0.1:9} $token" \
  >"$work/app-config.yaml"

# The JVMs measured, by path: their pid; each writes a GC log, from which allocation is counted.
declare -A jvm_of=()

# Starts a JVM serving the run's app-config as path NAME; sets started_url. The arguments are
# what follows java's options: -jar JAR, or -cp PATH CLASS.
start_reference() {
  local name="$1"
  shift
  # shellcheck disable=SC2086 # the options are words
  "${on_proxy_cpu[@]}" java $proxy_java_opts -Xlog:gc+heap=debug:file="$work/$name-gc.log" \
    "$@" --config "$work/app-config.yaml" >"$work/$name.out" 2>"$work/$name.log" &
  jvm_of[$name]=$!
  started_pids+=($!)
  started_url="$(await_line "$work/$name.out" 'http://127\.0\.0\.1:[0-9]+/api/kubernetes/proxy' $! "the $name proxy")"
}

start_reference reference -jar "$proxy_jar"
proxy_url="$started_url"
proxy_pid="${jvm_of[reference]}"

targets=(direct reference)
declare -A base_url=([direct]="$upstream_url" [reference]="$proxy_url")
declare -A headers=([direct]="Authorization: Bearer $token" [reference]="$cluster_header")

if [[ -n "$baseline_jar" ]]; then
  targets+=(baseline)
  start_reference baseline -jar "$baseline_jar"
  base_url[baseline]="$started_url"
  headers[baseline]="$cluster_header"
fi

if $with_bare; then
  echo "bench: compiling the reference proxy's tests for the bare handler"
  (cd "$root" && ./mvnw -B -q -pl reference-proxy -am test-compile -DskipUnitTests &&
    ./mvnw -B -q -pl reference-proxy dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$work/bare.classpath") >"$work/bare-build.log" 2>&1 ||
    die "compiling the bare handler failed: $(tail -n 20 "$work/bare-build.log")"
  classes="$root/reference-proxy/target"
  start_reference bare -cp "$classes/test-classes:$classes/classes:$(cat "$work/bare.classpath")" \
    io.github.k8sproxyconformance.proxy.BareProxyHandler
  targets+=(bare)
  base_url[bare]="$started_url"
  headers[bare]="$cluster_header"
fi

if [[ -n "${nginx_proxy_port:-}" ]]; then
  targets+=(nginx-pass nginx-log)
  base_url[nginx-pass]="http://127.0.0.1:$nginx_proxy_port/api/kubernetes/proxy"
  headers[nginx-pass]="$cluster_header"
  base_url[nginx-log]="http://127.0.0.1:$nginx_log_port/api/kubernetes/proxy"
  headers[nginx-log]="$cluster_header"
fi

if $with_kubectl; then
  cat >"$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: bench
    cluster: {server: "$upstream_url"}
users:
  - name: bench
    user: {token: $token}
contexts:
  - name: bench
    context: {cluster: bench, user: bench}
current-context: bench
EOF
  "${on_proxy_cpu[@]}" kubectl proxy --kubeconfig "$work/kubeconfig" --address 127.0.0.1 --port 0 \
    >"$work/kubectl.log" 2>&1 &
  started_pids+=($!)
  kubectl_address="$(await_line "$work/kubectl.log" '127\.0\.0\.1:[0-9]+' $! "kubectl proxy")"
  targets+=(kubectl)
  base_url[kubectl]="http://$kubectl_address"
  headers[kubectl]="Accept: */*"
fi

if $with_backstage; then
  backstage_port="${backstage_port:-$(free_port)}"
  echo "bench: starting Backstage on port $backstage_port (the first start runs npm ci)"
  backstage_started=true
  "${on_proxy_cpu[@]}" "$root/backstage/start.sh" "$work/app-config.yaml" "$backstage_port" >"$work/backstage.log" 2>&1 ||
    die "backstage/start.sh failed: $(tail -n 20 "$work/backstage.log")"
  targets+=(backstage)
  base_url[backstage]="http://127.0.0.1:$backstage_port/api/kubernetes/proxy"
  # Backstage reads Authorization as its own token and would answer 401, so only the cluster.
  headers[backstage]="$cluster_header"
fi

for target in "${targets[@]}"; do
  status="$(curl -sS -o /dev/null -w '%{http_code}' -H "${headers[$target]}" \
    "${base_url[$target]}/api/v1/namespaces?echoBodyBytes=1024")"
  [[ "$status" == 200 ]] || die "$target answered $status to a 1 KiB GET"
done

# --- the machine -----------------------------------------------------------------------------

echo
echo "== machine"
echo "cpus: $(nproc), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "kernel: $(uname -sr)"
echo "java: $(java -version 2>&1 | head -n 1), proxy options: $proxy_java_opts"
echo "wrk: $(wrk -v 2>&1 | head -n 1 | awk '{print $1, $2}')"
echo "upstream: $upstream_kind${nginx_port:+ ($(nginx -v 2>&1 | awk '{print $3}'), 1 worker)}"
$with_kubectl && echo "kubectl: $(kubectl version --client 2>/dev/null | head -n 1)"
$with_backstage && echo "backstage: @backstage/plugin-kubernetes-backend 0.21.15, node $(node --version)"
((${#on_load_cpu[@]} > 0)) && echo "pinned: wrk, upstream and fixture clusters on CPU 0; proxies on CPU 1"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- requests/s and latency ------------------------------------------------------------------

# Prints "requests/s p50_ms p99_ms errors" for one wrk run.
run_wrk() {
  local connections="$1" seconds="$2" header="$3" url="$4"
  "${on_load_cpu[@]}" wrk -t 2 -c "$connections" -d "${seconds}s" --latency -H "$header" "$url" | awk '
    function ms(v) {
      if (v ~ /us$/) return v / 1000
      if (v ~ /ms$/) return v + 0
      if (v ~ /s$/) return v * 1000
      return v
    }
    / 50%/ {p50 = ms($2)}
    / 99%/ {p99 = ms($2)}
    /Requests\/sec/ {rps = $2}
    /Socket errors/ {gsub(/,/, ""); errors += $4 + $6 + $8 + $10}
    /Non-2xx/ {errors += $NF}
    END {printf "%.0f %.3f %.3f %d\n", rps, p50, p99, errors}'
}

# CPU ticks (1/100 s), user and system, in a /proc stat file; 0 once the task has gone.
stat_ticks() {
  awk '{print $14 + $15}' "$1" 2>/dev/null || echo 0
}

# CPU ticks the JVM's JIT compiler threads of a process have used so far.
compiler_ticks() {
  local task ticks=0
  for task in /proc/"$1"/task/*; do
    if grep -q Compiler "$task/comm" 2>/dev/null; then
      ticks=$((ticks + $(stat_ticks "$task/stat")))
    fi
  done
  echo "$ticks"
}

# Drives a path in rounds of 5 s until two rounds in a row differ by less than 10 % and, for the
# JVM of the reference proxy, its JIT compiler used under 2 % of a core in the last round; at most
# 30 rounds. Prints the number of rounds and the last rate. On two cores the compiler is at work
# for 20 to 60 s of load, and a run taken before it is done measures the compiler, not the proxy.
warm_until_steady() {
  local header="$1" url="$2" jvm_pid="$3" previous=0 r=0 round=0 before compiled=0
  while ((round < 30)); do
    round=$((round + 1))
    [[ -n "$jvm_pid" ]] && before="$(compiler_ticks "$jvm_pid")"
    read -r r _ < <(run_wrk 16 5 "$header" "$url")
    [[ -n "$jvm_pid" ]] && compiled=$(($(compiler_ticks "$jvm_pid") - before))
    if ((compiled <= 10)) && awk -v a="$r" -v b="$previous" \
      'BEGIN {exit !(b > 0 && a > 0 && (a > b ? a - b : b - a) < 0.1 * b)}'; then
      break
    fi
    previous="$r"
  done
  echo "$round $r"
}

echo
echo "== warm-up: rounds of 5 s at concurrency 16 until two in a row agree within 10 %"
echo "   (and, for a build of the reference proxy, until its JIT compiler is idle)"
for target in "${targets[@]}"; do
  read -r rounds r < <(warm_until_steady "${headers[$target]}" \
    "${base_url[$target]}/api/v1/namespaces?echoBodyBytes=1024" "${jvm_of[$target]:-}")
  echo "$target: $rounds rounds ($((rounds * 5)) s), last round $r requests/s"
  run_wrk 64 3 "${headers[$target]}" "${base_url[$target]}/api/v1/namespaces?echoBodyBytes=1024" >/dev/null
  run_wrk 16 3 "${headers[$target]}" "${base_url[$target]}/api/v1/namespaces?echoBodyBytes=1048576" >/dev/null
done

# CPU ticks used so far by the processes listening on the port of a URL: the server of
# that path (the upstream for direct, the proxy otherwise), all its threads or workers together.
serving_ticks() {
  local port="${1#*://*:}" pid ticks=0
  port="${port%%/*}"
  for pid in $(ss -tlnpH "( sport = :$port )" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
    ticks=$((ticks + $(stat_ticks "/proc/$pid/stat")))
  done
  echo "$ticks"
}

# KiB of heap a JVM has in use now (survivors, eden and old generation), from jstat.
heap_used_kib() {
  jstat -gc "$1" | awk 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i}
    NR == 2 {printf "%.0f\n", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]}'
}

# KiB the collections logged after line FROM of a GC log freed: each one's heap use before it
# minus its use after it, summed over the heap's spaces (G1's one heap, or the young and old
# generations of the Serial and Parallel collectors, which the JVM picks on one CPU, as --pin gives).
freed_kib() {
  tail -n +"$(($2 + 1))" "$1" | awk '
    function settle() { if (state == "after") freed += before - after }
    /Heap before GC/ {settle(); state = "before"; before = 0; next}
    /Heap after GC/ {state = "after"; after = 0; next}
    /garbage-first heap|generation  |PSYoungGen|ParOldGen/ && state != "" {
      match($0, /used [0-9]+K/); used = substr($0, RSTART + 5, RLENGTH - 6)
      if (state == "before") before += used; else after += used
    }
    END {settle(); printf "%.0f\n", freed}'
}

echo
echo "== requests/s and latency: GET, keep-alive, wrk -t 2 -d ${duration}s"
echo "   (CPU us/req: user and system time of the server of the path, per request;"
echo "   alloc B/req: bytes a JVM's heap took per request, heap growth plus what its GCs freed)"
printf '| %-10s | %-5s | %4s | %10s | %8s | %8s | %16s | %14s | %10s | %11s | %6s |\n' \
  path size conc "requests/s" "p50 ms" "p99 ms" "ratio to direct" "p99 added ms" "CPU us/req" \
  "alloc B/req" errors
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ------------  ------- ------ ------------ ---------- \
  ---------- ------------------ ---------------- ------------ ------------- --------
declare -A rps p99 cpu_per alloc_per
pool_size=""
upstream_port="${upstream_url##*:}"
for size in 1024 1048576; do
  label=1KiB
  [[ $size == 1048576 ]] && label=1MiB
  for connections in 16 64; do
    for target in "${targets[@]}"; do
      url="${base_url[$target]}/api/v1/namespaces?echoBodyBytes=$size"
      jvm="${jvm_of[$target]:-}"
      if [[ -n "$jvm" ]]; then
        used_before="$(heap_used_kib "$jvm")"
        gc_lines="$(wc -l <"$work/$target-gc.log")"
      fi
      before="$(serving_ticks "$url")"
      read -r r p50_ms p99_ms errors < <(run_wrk "$connections" "$duration" "${headers[$target]}" "$url")
      cpu="$(awk -v t="$(($(serving_ticks "$url") - before))" -v n="$((${r%.*} * duration))" \
        'BEGIN {if (n > 0) printf "%.0f", t * 10000 / n; else print "-"}')"
      alloc="-"
      if [[ -n "$jvm" ]]; then
        alloc="$(awk -v u="$(($(heap_used_kib "$jvm") - used_before))" -v n="$((${r%.*} * duration))" \
          -v f="$(freed_kib "$work/$target-gc.log" "$gc_lines")" \
          'BEGIN {if (n > 0) printf "%.0f", (u + f) * 1024 / n; else print "-"}')"
      fi
      key="$target/$label/$connections"
      rps[$key]=$r
      p99[$key]=$p99_ms
      cpu_per[$key]=$cpu
      alloc_per[$key]=$alloc
      direct="direct/$label/$connections"
      ratio="$(awk -v a="$r" -v b="${rps[$direct]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')"
      added="$(awk -v a="$p99_ms" -v b="${p99[$direct]}" 'BEGIN {printf "%.3f", a - b}')"
      printf '| %-10s | %-5s | %4s | %10s | %8s | %8s | %16s | %14s | %10s | %11s | %6s |\n' \
        "$target" "$label" "$connections" "$r" "$p50_ms" "$p99_ms" "${ratio}x" "$added" "$cpu" \
        "$alloc" "$errors"
      # Counted at once: the pool is reused while busy and closes when idle (30 s by default).
      if [[ "$target" == reference && "$key" == reference/1KiB/64 ]]; then
        pool_size="$(ss -tnp state established "( dport = :$upstream_port )" |
          grep -c "pid=$proxy_pid," || true)"
      fi
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== the reference proxy against the others, requests/s from the table above"
for key in 1KiB/16 1KiB/64 1MiB/16 1MiB/64; do
  line="$key:"
  for other in "${targets[@]}"; do
    [[ "$other" == reference ]] && continue
    line+="$(awk -v a="${rps[reference/$key]}" -v b="${rps[$other/$key]}" -v o="$other" \
      'BEGIN {printf " %s %.2fx", (o == "direct" ? "reference/direct" : "reference/" o), (b > 0 ? a / b : 0)}')"
  done
  echo "$line"
done
echo "reference proxy -> upstream connections open right after the 1 KiB run at concurrency 64: $pool_size"

echo
echo "== CPU per request of the reference proxy against the others, from the table above"
for key in 1KiB/16 1KiB/64 1MiB/16 1MiB/64; do
  line="$key:"
  for other in "${targets[@]}"; do
    [[ "$other" == reference || "$other" == direct ]] && continue
    line+="$(awk -v a="${cpu_per[reference/$key]}" -v b="${cpu_per[$other/$key]}" -v o="$other" \
      'BEGIN {if (b > 0) printf " reference/%s %.2fx", o, a / b}')"
  done
  echo "$line"
done

echo
echo "== TLS to the cluster: reference proxy to the echo cluster, 1 KiB, concurrency 16"
for cluster in echo echo-tls; do
  run_wrk 16 5 "Backstage-Kubernetes-Cluster: $cluster" "$proxy_url/api/v1/namespaces?echoBodyBytes=1024" >/dev/null
done
for cluster in echo echo-tls; do
  read -r r p50_ms p99_ms errors < <(run_wrk 16 "$duration" "Backstage-Kubernetes-Cluster: $cluster" \
    "$proxy_url/api/v1/namespaces?echoBodyBytes=1024")
  echo "$cluster: $r requests/s, p50 $p50_ms ms, p99 $p99_ms ms, errors $errors"
done
echo "reference proxy -> TLS echo connections open: $(ss -tnp state established \
  "( dport = :${echo_tls_url##*:} )" | grep -c "pid=$proxy_pid," || true)"

# --- streaming -------------------------------------------------------------------------------

# Samples the proxy's resident set every 50 ms until stopped; the peak is the figure.
sample_rss() {
  while kill -0 "$proxy_pid" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$proxy_pid/status"
    sleep 0.05
  done
}

rss_kib() {
  awk '/'"$1"'/ {print $2}' "/proc/$proxy_pid/status"
}

# Runs a command while sampling RSS; prints "before_MiB peak_MiB growth_MiB".
with_rss() {
  local before peak sampler
  before="$(rss_kib VmRSS)"
  sample_rss >"$work/rss.samples" &
  sampler=$!
  "$@"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  peak="$(sort -n "$work/rss.samples" | tail -n 1)"
  awk -v b="$before" -v p="${peak:-$before}" 'BEGIN {printf "%.1f %.1f %.1f\n", b / 1024, p / 1024, (p - b) / 1024}'
}

download() {
  curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' -H "$1" "$2" \
    >"$work/transfer.out"
}

# curl sends stdin chunked; the echo cluster answers with the length of the body it received.
upload() {
  local out code seconds received
  out="$(head -c "$gib" /dev/zero |
    curl -sS -T - -X PUT -w '\n%{http_code} %{time_total}' -H "$1" "$2")"
  read -r code seconds <<<"$(tail -n 1 <<<"$out")"
  received="$(grep -o '"bodyLength":[0-9]*' <<<"$out" | cut -d: -f2)"
  echo "$code ${received:-0} $seconds" >"$work/transfer.out"
}

# Checks the status and byte count of the last transfer; prints "seconds MiB/s".
transferred() {
  local what="$1" code bytes seconds
  read -r code bytes seconds < <(tail -n 1 "$work/transfer.out")
  [[ "$code" == 200 && "$bytes" == "$gib" ]] || die "$what: status $code, $bytes bytes instead of $gib"
  awk -v s="$seconds" 'BEGIN {printf "%.2f s, %.0f MiB/s\n", s, 1024 / s}'
}

if $with_streams; then
  echo
  echo "== 1 GiB streams through the reference proxy ($proxy_java_opts)"
  download "Authorization: Bearer $token" "$stream_url/api/v1/download?bytes=$gib"
  echo "chunked download, direct:        $(transferred "direct download")"
  read -r before peak growth < <(with_rss download "Backstage-Kubernetes-Cluster: stream" \
    "$proxy_url/api/v1/download?bytes=$gib")
  echo "chunked download, proxy:         $(transferred "proxied download"); RSS ${before} MiB before, ${peak} MiB peak, growth ${growth} MiB"
  upload "Authorization: Bearer $token" "$echo_url/api/v1/upload"
  echo "chunked upload, direct:          $(transferred "direct upload")"
  read -r before peak growth < <(with_rss upload "Backstage-Kubernetes-Cluster: echo" \
    "$proxy_url/api/v1/upload")
  echo "chunked upload, proxy:           $(transferred "proxied upload"); RSS ${before} MiB before, ${peak} MiB peak, growth ${growth} MiB"
  echo "proxy VmHWM (peak RSS since start): $(awk '{printf "%.1f MiB", $1 / 1024}' <<<"$(rss_kib VmHWM)")"

  echo
  echo "== watch: request sent to first event byte, 200 samples each, alternating"
  watch="/api/v1/pods?watch=1&echoEvents=1"
  python3 "$root/bench/first_byte.py" 200 "$echo_url$watch" "$proxy_url$watch" \
    "Backstage-Kubernetes-Cluster: echo"
fi

if $with_suite; then
  echo
  echo "== embedded conformance suite (./mvnw -B -q -pl steps -am verify -Psuite)"
  # The suite starts its own clusters, one of them on the fixed port 8001 of localKubectlProxy,
  # which this run's clusters hold.
  kill "$fixtures_pid" 2>/dev/null || true
  wait "$fixtures_pid" 2>/dev/null || true
  suite_started=$SECONDS
  (cd "$root" && ./mvnw -B -q -pl steps -am verify -Psuite) >"$work/suite.log" 2>&1 ||
    die "the conformance suite failed: $(tail -n 30 "$work/suite.log")"
  echo "whole command: $((SECONDS - suite_started)) s, $(wc -l <"$work/suite.log") console lines"
  grep -E '^Conformance verdict of ' "$work/suite.log"
fi
