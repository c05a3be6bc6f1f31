#!/usr/bin/env bash
# The performance benchmark: starts the service the way production does (scripts/circuit-breaker.sh) and
# measures it, with a plain nginx serving a static 503 page in the same run for comparison. Loopback only;
# every loop is bounded. Usage: benchmark/run.sh [--smoke]. Results: printed, and kept in target/benchmark/.
# BENCHMARK_PARTS picks parts (default "ready http gate sockets reopening reconnects"), e.g. BENCHMARK_PARTS=gate for
# the front-proxy gate, BENCHMARK_PARTS=reopening for the crowd let back after maintenance, BENCHMARK_PARTS=reconnects
# for a reconnect storm during a reopening. BENCHMARK_SCOPES=3 defines three scopes (two hosts and a path prefix, none of
# them the measured one) and closes one of them, so the gate decides among scopes on every request.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--smoke" ]; then
  # A few seconds of everything, so the suite proves the benchmark still runs. Its figures are not judged, so the
  # sockets and the reopening share the running instance instead of a fresh start each (fresh=no).
  seconds=1; connections="50"; rounds=1; sockets="100"; per_process=50; tick_seconds=3; updates=2; ready_runs=1
  waiting=100; reopen_seconds=3; idle_seconds=1; fresh=no; turn_seconds=30   # nice'd in the suite: slow is fine
  reconnects=200; newcomers=5
else
  seconds=10; connections="100 1000"; rounds=3; sockets="1000 5000 10000 15000"; per_process=5000
  tick_seconds=10; updates=5; ready_runs=5; waiting=10000; reopen_seconds=60; idle_seconds=5; fresh=yes
  turn_seconds=5; reconnects=10000; newcomers=200   # newcomers: a second each through a third, 20 s reopening
fi
sockets=${BENCHMARK_SOCKETS:-$sockets}   # e.g. BENCHMARK_SOCKETS="1000 5000" to measure fewer levels
parts=" ${BENCHMARK_PARTS:-ready http gate sockets reopening reconnects} "
part() { [[ "$parts" == *" $1 "* ]]; }

for tool in wrk nginx curl java; do
  command -v "$tool" >/dev/null || { echo "benchmark: '$tool' is needed (apt-get install wrk nginx-light curl)" >&2; exit 2; }
done
[ -f target/circuit-breaker.war ] || mvn -B -q package -DskipTests
[ -f target/test-classes/circuitbreaker/benchmark/SocketBenchmark.class ] || mvn -B -q test-compile

work=$(mktemp -d)
chmod 755 "$work"   # nginx's workers (an unprivileged user when started as root) keep their cache in it
out=target/benchmark
mkdir -p "$out"
report=$out/results-$(date -u +%Y%m%dT%H%M%SZ).md
port=${BENCHMARK_PORT:-16980}
nginx_port=${BENCHMARK_NGINX_PORT:-16981}
nginx_close_port=${BENCHMARK_NGINX_CLOSE_PORT:-16982}   # the same nginx, closing after each answer as Grizzly does on a 503
site_port=${BENCHMARK_SITE_PORT:-16983}       # a main site: nginx serving a small static page
direct_port=${BENCHMARK_DIRECT_PORT:-16984}   # nginx in front of that site, without the gate
gated_port=${BENCHMARK_GATED_PORT:-16985}     # the same front with the gate: server-config/front-proxy/nginx-gate.conf
export CIRCUIT_BREAKER_PORT=$port CIRCUIT_BREAKER_STATE_FILE=$work/maintenance-status.json CIRCUIT_BREAKER_RUN_DIR=$work/run
unset CIRCUIT_BREAKER_TOKEN CIRCUIT_BREAKER_TOKEN_FILE CIRCUIT_BREAKER_SOCKET_TIMEOUT CIRCUIT_BREAKER_SCOPES_FILE
if [ "${BENCHMARK_SCOPES:-0}" = 3 ]; then
  cat >"$work/scopes.json" <<'EOF'
[{"name": "shop", "hosts": ["shop.example.test"]},
 {"name": "checkout", "hosts": ["shop.example.test"], "paths": ["/checkout/"]},
 {"name": "api", "hosts": ["api.example.test"]}]
EOF
  export CIRCUIT_BREAKER_SCOPES_FILE=$work/scopes.json
fi
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  scripts/circuit-breaker.sh stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

median() { awk 'NF' | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "n/a" }'; }
rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
say() { echo "$*" | tee -a "$report"; }

# --- 1. Ready time: start to the first healthy /health, and resident memory when idle ------------------------
# First as a fresh checkout starts, then prepared (the class archive the unit makes before every start).
ready_start() {
  local began; began=$(date +%s.%N)
  scripts/circuit-breaker.sh start >/dev/null
  echo "$(date +%s.%N) - $began" | bc
  # The first visitor and the first gate answer after start returns: as fast as the next (no first render).
  curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/circuit-breaker/page" >>"$work/first-page"
  curl -s -o /dev/null -w '%{time_total}\n' -H 'X-Forwarded-Uri: /' \
    "http://127.0.0.1:$port/api/maintenance/gate?open=421" >>"$work/first-gate"
  sleep "$idle_seconds"
  rss_mib "$(cat "$work/run/circuit-breaker-$port.pid")" >>"$work/idle-rss"
  echo >>"$work/idle-rss"
  scripts/circuit-breaker.sh stop >/dev/null
}
cold=(); ready=()
if part ready; then
  for _ in $(seq "$ready_runs"); do cold+=("$(ready_start)"); done
  cold_idle=$(median <"$work/idle-rss"); rm -f "$work/idle-rss"
  scripts/circuit-breaker.sh prepare >/dev/null
  for _ in $(seq "$ready_runs"); do ready+=("$(ready_start)"); done
  idle=$(median <"$work/idle-rss")
fi

# --- 2. HTTP: the breaker against nginx serving the same page as a static 503 ----------------------------------
scripts/circuit-breaker.sh start >/dev/null
pid=$(cat "$work/run/circuit-breaker-$port.pid")
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"countdown":7200}' \
  "http://127.0.0.1:$port/api/maintenance/status" >/dev/null
mkdir -p "$work/nginx"
curl -s "http://127.0.0.1:$port/" >"$work/nginx/maintenance.html"
# The page as a static 503, served twice: with keep-alive, and closing after each answer as Grizzly does.
cat >"$work/nginx/static-503.conf" <<EOF
location / { return 503; }
error_page 503 /maintenance.html;
location = /maintenance.html {
    internal;
    root $work/nginx;
    default_type text/html;
    add_header Retry-After 7200 always;
    add_header Cache-Control no-store always;
}
EOF
# The main site, and two fronts for it: plain, and with the breaker's gate exactly as shipped.
mkdir -p "$work/nginx/site"
echo '<!DOCTYPE html><title>Main site</title><h1>The main site</h1>' >"$work/nginx/site/index.html"
LISTEN=127.0.0.1:$gated_port MAIN_SITE=127.0.0.1:$site_port BREAKER=127.0.0.1:$port CACHE_DIR=$work/nginx/cache \
  envsubst '${LISTEN} ${MAIN_SITE} ${BREAKER} ${CACHE_DIR}' <server-config/front-proxy/nginx-gate.conf >"$work/nginx/gated.conf"
cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
worker_rlimit_nofile 20000;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 16384; }
http {
    access_log off;
    # The visitors the reopening part sends name themselves: the site logs when each arrives.
    map \$http_x_visitor \$visitor { "" 0; default 1; }
    log_format arrivals '\$msec';
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        include $work/nginx/static-503.conf;
    }
    server {
        listen 127.0.0.1:$nginx_close_port;
        keepalive_timeout 0;
        include $work/nginx/static-503.conf;
    }
    server {
        listen 127.0.0.1:$site_port;
        root $work/nginx/site;
        access_log $work/nginx/arrivals.log arrivals if=\$visitor;
    }
    server {
        listen 127.0.0.1:$direct_port;
        location / {
            proxy_pass http://main_site;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
        }
    }
    include $work/nginx/gated.conf;
}
EOF
nginx -c "$work/nginx/nginx.conf" &
nginx_pid=$!
sleep 1

to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }
# Prints "requests/s p50-ms p99-ms" for one wrk run; a third argument "distinct" asks for a new URL every request.
load() {
  local result script=()
  [ "${3:-}" = distinct ] && script=(-s benchmark/distinct-urls.lua)
  result=$(wrk -t2 -c"$2" -d"${seconds}s" --latency "${script[@]}" "$1")
  echo "$(awk '/Requests\/sec/ { print $2 }' <<<"$result")" \
       "$(awk '$1 == "50%" { print $2 }' <<<"$result" | to_ms)" \
       "$(awk '$1 == "99%" { print $2 }' <<<"$result" | to_ms)"
}
wrk -t2 -c100 -d"${seconds}s" "http://127.0.0.1:$port/" >/dev/null  # warm the JIT
wrk -t2 -c100 -d"${seconds}s" "http://127.0.0.1:$port/health" >/dev/null

declare -A rps p50 p99
part http && for c in $connections; do
  for _ in $(seq "$rounds"); do   # A B A B: breaker and nginx take turns, so drift hits both
    for target in "page $port /" "nginx $nginx_port /" "nginx-close $nginx_close_port /" "health $port /health" \
                  "status $port /api/maintenance/status"; do
      read -r name target_port path <<<"$target"
      read -r r l50 l99 < <(load "http://127.0.0.1:$target_port$path" "$c")
      rps[$name,$c]+="$r "; p50[$name,$c]+="$l50 "; p99[$name,$c]+="$l99 "
    done
  done
done

# --- 3. The gate: the site through nginx with and without asking the breaker; the page through the gate -----------
# Taking turns: gate open (site-direct, site-gated), then closed (page-gated, and nginx's static 503 beside it), each
# for one URL and for a new URL every request (the gate's answers are kept per visitor kind, not per URL).
state() { curl -fsS -X POST -H 'Content-Type: application/json' -d "$1" "http://127.0.0.1:$port/api/maintenance/status" >/dev/null; }
# Changes the state and waits until a visitor through the gated front sees it (the site's 200 or the page's 503),
# recording how long that took: the gate's promise is "within a second".
turn() {
  local began; began=$(date +%s%N)
  state "$1"
  for _ in $(seq $((turn_seconds * 100))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$gated_port/")" = "$2" ] && break
    sleep 0.01
  done
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$gated_port/")" = "$2" ] \
    || { echo "benchmark: the gated front did not turn to $2 within $turn_seconds s" >&2; exit 1; }
  echo $((($(date +%s%N) - began) / 1000000)) >>"$work/turns"
}
if part gate; then
  c=100
  if [ -n "${CIRCUIT_BREAKER_SCOPES_FILE:-}" ]; then
    curl -fsS -X POST -H 'Content-Type: application/json' -d '{"message":"The API rests"}' \
      "http://127.0.0.1:$port/api/maintenance/scopes/api/status" >/dev/null
  fi
  state '{"isActive":false,"reopenSeconds":0}'; sleep 1   # the site at once: no reopening to wait through
  curl -fsS "http://127.0.0.1:$gated_port/" | grep -q 'The main site' || { echo "benchmark: the gated front does not reach the site" >&2; exit 1; }
  wrk -t2 -c$c -d"${seconds}s" "http://127.0.0.1:$gated_port/" >/dev/null   # warm both
  for _ in $(seq "$rounds"); do
    for urls in one distinct; do
      turn '{"isActive":false,"reopenSeconds":0}' 200
      for target in "site-direct $direct_port" "site-gated $gated_port"; do
        read -r name target_port <<<"$target"
        read -r r l50 l99 < <(load "http://127.0.0.1:$target_port/" "$c" "$urls")
        rps[$name,$urls]+="$r "; p50[$name,$urls]+="$l50 "; p99[$name,$urls]+="$l99 "
      done
      turn '{"countdown":7200}' 503
      for target in "page-gated $gated_port" "nginx $nginx_port"; do
        read -r name target_port <<<"$target"
        read -r r l50 l99 < <(load "http://127.0.0.1:$target_port/" "$c" "$urls")
        rps[$name,$urls]+="$r "; p50[$name,$urls]+="$l50 "; p99[$name,$urls]+="$l99 "
      done
    done
  done
fi

# --- 4. Sockets --------------------------------------------------------------------------------------------------
# A part measured on a freshly started, idle service, so the memory it reports is its own (not in a smoke run).
fresh_start() { [ "$fresh" = no ] || scripts/circuit-breaker.sh restart >/dev/null; }
socket_rows=()
part sockets && for n in $sockets; do
  fresh_start
  pid=$(cat "$work/run/circuit-breaker-$port.pid")
  socket_rows+=("$(timeout 600 java -cp target/test-classes circuitbreaker.benchmark.SocketBenchmark "$port" "$pid" "$n" \
    "$per_process" "$tick_seconds" "$updates")")
  sleep "$idle_seconds"
done

# --- 5. The reopening: a crowd let back at once, then over the reopening, through the gated front -----------------
reopening_rows=()
if part reopening; then
  fresh_start
  pid=$(cat "$work/run/circuit-breaker-$port.pid")
  while read -r row; do reopening_rows+=("$row"); done < <(timeout 900 java -cp target/test-classes \
    circuitbreaker.benchmark.ReopeningBenchmark "$port" "$pid" "$waiting" "$per_process" \
    "http://127.0.0.1:$gated_port/" "$work/nginx/arrivals.log" "$reopen_seconds" "${BENCHMARK_NEWCOMERS:-$newcomers}")
fi

# --- 6. A reconnect storm during a reopening: the line and the heap come back to where they were -----------------
reconnect_row=""
if part reconnects; then
  fresh_start
  reconnect_row=$(timeout 1800 java -cp target/test-classes circuitbreaker.benchmark.ReconnectBenchmark "$port" \
    "$(cat "$work/run/circuit-breaker-$port.pid")" "$reconnects" 100)
fi

# --- Report ------------------------------------------------------------------------------------------------------
field() { grep -o "\"$2\":[^,}]*" <<<"$1" | cut -d: -f2; }
say "# Benchmark $(date -u +%Y-%m-%dT%H:%MZ) ($(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1))"
[ -z "${CIRCUIT_BREAKER_SCOPES_FILE:-}" ] || say "Scopes: three defined (two hosts and a path prefix), one of them closed: api"
say ""
if part ready; then
  say "Ready after start (median of $ready_runs): $(printf '%s\n' "${ready[@]}" | median) s; idle RSS $idle MiB (prepared)"
  say "Ready after start without the class archive (median of $ready_runs): $(printf '%s\n' "${cold[@]}" | median) s; idle RSS $cold_idle MiB"
  say "The first page after start returns (median of $((2 * ready_runs))): $(median <"$work/first-page") s; the first gate answer: $(median <"$work/first-gate") s"
  say ""
fi
row() { say "| $1 | $2 | $(tr ' ' '\n' <<<"${rps[$1,$2]}" | median) | $(tr ' ' '\n' <<<"${p50[$1,$2]}" | median) | $(tr ' ' '\n' <<<"${p99[$1,$2]}" | median) |"; }
ratio() { echo "scale=2; $(tr ' ' '\n' <<<"${rps[$1]}" | median) / $(tr ' ' '\n' <<<"${rps[$2]}" | median)" | bc; }
say "| target | connections | req/s (median of $rounds) | p50 ms | p99 ms |"
say "|---|---|---|---|---|"
part http && for c in $connections; do
  for name in page nginx nginx-close health status; do
    say "| $name | $c | $(tr ' ' '\n' <<<"${rps[$name,$c]}" | median) | $(tr ' ' '\n' <<<"${p50[$name,$c]}" | median) | $(tr ' ' '\n' <<<"${p99[$name,$c]}" | median) |"
  done
  page=$(tr ' ' '\n' <<<"${rps[page,$c]}" | median); static=$(tr ' ' '\n' <<<"${rps[nginx,$c]}" | median)
  closing=$(tr ' ' '\n' <<<"${rps[nginx-close,$c]}" | median)
  say "| page / nginx | $c | $(echo "scale=2; $page / $static" | bc)x | | |"
  say "| page / nginx-close | $c | $(echo "scale=2; $page / $closing" | bc)x | | |"
done
if part gate; then
  say ""
  say "| gate (100 connections) | URLs | req/s (median of $rounds) | p50 ms | p99 ms |"
  say "|---|---|---|---|---|"
  for urls in one distinct; do
    row site-direct "$urls"; row site-gated "$urls"
    say "| (a) site-gated / site-direct | $urls URL | $(ratio site-gated,$urls site-direct,$urls)x | | |"
    row page-gated "$urls"; row nginx "$urls"
    say "| (b) page-gated (closed) / nginx static 503 | $urls URL | $(ratio page-gated,$urls nginx,$urls)x | | |"
  done
  say ""
  say "An update reaching visitors through the gated nginx ($(wc -l <"$work/turns") turns, under no load): median $(median <"$work/turns") ms, most $(sort -n "$work/turns" | tail -1) ms"
fi
say ""
say "| sockets | connected | failed | RSS MiB | MiB per 1000 | tick CPU % | tick gap p50/p99 ms | skipped ticks | fan-out p50/p99/last ms |"
say "|---|---|---|---|---|---|---|---|---|"
for row in "${socket_rows[@]}"; do
  say "| $(field "$row" sockets) | $(field "$row" connected) | $(field "$row" failed) | $(field "$row" rssMiB) | $(field "$row" mibPer1000) | $(field "$row" tickCpuPercent) | $(field "$row" tickGapP50)/$(field "$row" tickGapP99) | $(field "$row" skippedTicks) | $(field "$row" fanoutP50ms)/$(field "$row" fanoutP99ms)/$(field "$row" fanoutLastMs) |"
done
for row in "${socket_rows[@]}"; do echo "$row" >>"$out/sockets.jsonl"; done
if part reopening; then
  say ""
  say "| reopening (through the gated nginx) | waiting + newcomers | arrived | asked again/failed | arrivals/s peak, p99, median | all in after s | breaker CPU % | breaker RSS MiB before/most |"
  say "|---|---|---|---|---|---|---|---|"
  for row in "${reopening_rows[@]}"; do
    echo "$row" >>"$out/reopening.jsonl"   # with the arrivals of every second
    say "| reopenSeconds $(field "$row" reopenSeconds), newcomers/s $(field "$row" newcomersPerSecond) | $(field "$row" connected) | $(field "$row" arrived) | $(field "$row" refused)/$(field "$row" failed) | $(field "$row" peakPerSecond), $(field "$row" p99PerSecond), $(field "$row" medianPerSecond) | $(field "$row" lastArrivalSeconds) | $(field "$row" cpuPercent) | $(field "$row" rssBeforeMiB)/$(field "$row" rssMostMiB) |"
  done
fi
if part reconnects; then
  say ""
  say "| reconnect storm in a reopening | reconnects | failed | took ms | pages open | line before/after | live heap after a full GC, KiB before/after | heap change |"
  say "|---|---|---|---|---|---|---|---|"
  say "| $reconnects connect-and-leave, 4 at a time | $(field "$reconnect_row" reconnects) | $(field "$reconnect_row" failed) | $(field "$reconnect_row" stormMillis) | $(field "$reconnect_row" pagesOpen) | $(field "$reconnect_row" lineBefore)/$(field "$reconnect_row" lineAfter) | $(field "$reconnect_row" heapBeforeKiB)/$(field "$reconnect_row" heapAfterKiB) | $(field "$reconnect_row" heapChange) |"
fi
echo "Kept in $report"
