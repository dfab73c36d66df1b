# Helpers of bench/run.sh and bench/hostile.sh, sourced by both; each defines die() first.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until the file has a line matching the pattern and prints the first match.
await_line() {
  local file="$1" pattern="$2" pid="$3" name="$4" i
  for ((i = 0; i < 600; i++)); do
    if grep -m1 -o -E "$pattern" "$file" 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || die "$name exited while starting; its output: $(tail -n 20 "$file")"
    sleep 0.1
  done
  die "$name did not start within 60 s; its output: $(tail -n 20 "$file")"
}

# Prints the app-config of a run: config-located clusters with a service-account token, one
# argument "NAME URL TOKEN [CA_DATA]" each, and the reference proxy on a free loopback port.
# Backstage reads the same file and ignores the proxy: section.
app_config() {
  local cluster name url token ca
  printf 'kubernetes:\n  serviceLocatorMethod:\n    type: multiTenant\n'
  printf '  clusterLocatorMethods:\n    - type: config\n      clusters:\n'
  for cluster in "$@"; do
    read -r name url token ca <<<"$cluster"
    printf '        - name: %s\n          url: %s\n' "$name" "$url"
    printf '          authProvider: serviceAccount\n          serviceAccountToken: %s\n' "$token"
    if [[ -n "$ca" ]]; then printf '          caData: %s\n' "$ca"; fi
  done
  printf 'proxy:\n  listen:\n    host: 127.0.0.1\n    port: 0\n'
}

# Writes DIR/nginx.conf for an nginx instance of its own in DIR: one worker (the 2 cores are shared
# with the load generator and the proxies), files and temp paths under DIR, no access log; the http
# block's own lines come from stdin. CONNECTIONS (default 1024) sizes the worker: its connections,
# and descriptors to hold them.
nginx_conf() {
  local dir="$1" connections="${2:-1024}"
  mkdir -p "$dir/tmp"
  {
    cat <<EOF
worker_processes 1;
worker_rlimit_nofile $((connections + 1024));
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections $connections; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 1000000;
EOF
    cat
    echo "}"
  } >"$dir/nginx.conf"
}

# Prints the http lines of nginx as a portal proxy on 127.0.0.1:PORT in front of the cluster on
# 127.0.0.1:UPSTREAM_PORT: the mount path stripped, the token set, upstream connections kept
# alive, nothing buffered. It selects no cluster.
nginx_reverse_proxy() {
  local port="$1" upstream_port="$2" token="$3"
  cat <<EOF
  upstream cluster { server 127.0.0.1:$upstream_port; keepalive 128; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$port;
    location /api/kubernetes/proxy/ {
      proxy_pass http://cluster/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "Bearer $token";
      proxy_buffering off;
    }
  }
EOF
}
