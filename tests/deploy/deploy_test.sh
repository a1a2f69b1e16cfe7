#!/usr/bin/env bash
# The files in deploy/: the systemd unit passes `systemd-analyze verify` with no finding and
# keeps its sandboxing; the nginx site passes `nginx -t` and, in front of the real
# `shirube serve`, answers through TLS, keeps /metrics internal, refuses oversized bodies and
# headers, and keeps answering while idle clients hold connections.
# Usage: deploy_test.sh SHIRUBE_BINARY. Exit 77 (skipped) when systemd-analyze, nginx or
# openssl is missing (scripts/install-deps.sh --test installs them).
set -euo pipefail
binary=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
for tool in systemd-analyze nginx openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed"; exit 77; }
done
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

# ---- systemd unit -------------------------------------------------------------------------
sed "s|/usr/local/bin/shirube|$binary|" "$root/deploy/shirube.service" >"$work/shirube.service"
findings=$(systemd-analyze verify "$work/shirube.service" 2>&1) || fail "verify: $findings"
[[ -z $findings ]] || fail "systemd-analyze verify: $findings"
for key in DynamicUser=yes ProtectSystem=strict StateDirectory=shirube NoNewPrivileges=yes \
           PrivateTmp=yes CapabilityBoundingSet=; do
  grep -qx "$key" "$root/deploy/shirube.service" || fail "shirube.service: no $key"
done
echo "ok: systemd-analyze verify"

# ---- nginx site in front of the real server -------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=bot.example.jp \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

"$binary" serve --host 127.0.0.1 --port 0 --db "$work/shirube.db" >"$work/serve.out" \
  2>"$work/serve.log" &
pids+=($!)
for _ in $(seq 1 600); do
  grep -q 'listening on' "$work/serve.out" && break
  sleep 0.1
done
app_port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/serve.out")
[[ -n $app_port ]] || fail "shirube serve did not start: $(cat "$work/serve.log")"

https_port=$(free_port)
http_port=$(free_port)
sed -e "s|127.0.0.1:8080|127.0.0.1:$app_port|" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
    -e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
    -e '/listen \[::\]/d' \
    -e "s|/etc/letsencrypt/live/bot.example.jp/fullchain.pem|$work/cert.pem|" \
    -e "s|/etc/letsencrypt/live/bot.example.jp/privkey.pem|$work/key.pem|" \
    "$root/deploy/nginx-shirube.conf" >"$work/site.conf"
cat >"$work/nginx.conf" <<CONF
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 512; }
http {
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  include $work/site.conf;
}
CONF
nginx -t -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" 2>"$work/nginx-t.log" ||
  fail "nginx -t: $(cat "$work/nginx-t.log")"
echo "ok: nginx -t"
nginx -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" &
pids+=($!)
base="https://bot.example.jp:$https_port"
curl_tls() { curl -sS -o /dev/null -w '%{http_code}' --cacert "$work/cert.pem" \
  --resolve "bot.example.jp:$https_port:127.0.0.1" "$@"; }
for _ in $(seq 1 100); do
  [[ $(curl_tls "$base/healthz" 2>/dev/null) == 200 ]] && break
  sleep 0.1
done

expect() {  # expect STATUS WHAT CURL_ARGS...
  local want=$1 what=$2
  shift 2
  local got
  got=$(curl_tls "$@") || true
  [[ $got == "$want" ]] || fail "$what: expected $want, got $got"
  echo "ok: $what ($got)"
}
expect 200 "healthz through TLS" "$base/healthz"
expect 200 "chat API through the proxy" -H 'Content-Type: application/json' \
  --data '{"user":"deploy-test","text":"こんにちは"}' "$base/api/v1/chat"
expect 404 "/metrics is not public" "$base/metrics"
expect 404 "/metrics/line is not public" "$base/metrics/line"
expect 413 "a chat body over 64 KiB" -H 'Content-Type: application/json' \
  --data-binary "$(head -c 70000 /dev/zero | tr '\0' a)" \
  "$base/api/v1/chat"
expect 503 "/callback reaches shirube (no channel configured)" -H 'Content-Type: application/json' \
  --data '{"events":[]}' "$base/callback"
# nginx refuses it (400) or, over HTTP/2, passes it on to shirube, which answers 431.
big_header=$(curl_tls -H "X-Big: $(head -c 20000 /dev/zero | tr '\0' a)" "$base/healthz") || true
[[ $big_header == 400 || $big_header == 431 ]] || fail "a 20 KiB header: got $big_header"
echo "ok: a 20 KiB header is refused ($big_header)"
expect 301 "plain HTTP is redirected" --resolve "bot.example.jp:$http_port:127.0.0.1" \
  "http://bot.example.jp:$http_port/healthz"
direct=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$app_port/metrics")
[[ $direct == 200 ]] || fail "/metrics on the server itself: $direct"
echo "ok: /metrics answers on the server itself"

# Slow clients: 100 connections that open and send nothing hold nginx sockets, not shirube.
python3 - "$https_port" "$work/stalled" <<'PY' &
import signal, socket, sys
held = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(100)]
for s in held:
    s.send(b"\x16\x03\x01")  # the first bytes of a TLS record, then nothing
open(sys.argv[2], "w").close()
signal.pause()  # hold them until killed
PY
pids+=($!)
for _ in $(seq 1 100); do [[ -e $work/stalled ]] && break; sleep 0.1; done
[[ -e $work/stalled ]] || fail "the stalled clients did not connect"
for i in $(seq 1 20); do expect 200 "healthz with 100 stalled clients ($i)" "$base/healthz" >/dev/null; done
echo "ok: 20 of 20 /healthz answered with 100 stalled clients"
grep -q 'deploy-test' "$work/serve.log" && fail "the server log holds a user id"
echo "all deploy checks passed"
