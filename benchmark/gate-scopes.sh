#!/usr/bin/env bash
# What scopes cost the gate itself: the breaker's /api/maintenance/gate asked directly (no front, so no kept answers),
# with no scopes file and with three scopes (two hosts and a path prefix) of which one is closed, the two taking turns
# so drift hits both. Each request is one the scopes do not cover, as most of a site's are, and one for the closed
# scope's host. Loopback only. Usage: benchmark/gate-scopes.sh [ROUNDS] (default 3). Results: printed, and kept in
# target/benchmark/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=10
for tool in wrk curl java; do
  command -v "$tool" >/dev/null || { echo "gate-scopes: '$tool' is needed (apt-get install wrk curl)" >&2; exit 2; }
done
[ -f target/circuit-breaker.war ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
port=${BENCHMARK_PORT:-16990}
export CIRCUIT_BREAKER_PORT=$port CIRCUIT_BREAKER_STATE_FILE=$work/maintenance-status.json CIRCUIT_BREAKER_RUN_DIR=$work/run
unset CIRCUIT_BREAKER_TOKEN CIRCUIT_BREAKER_TOKEN_FILE CIRCUIT_BREAKER_SCOPES_FILE
trap 'scripts/circuit-breaker.sh stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cat >"$work/scopes.json" <<'EOF'
[{"name": "shop", "hosts": ["shop.example.test"]},
 {"name": "checkout", "hosts": ["shop.example.test"], "paths": ["/checkout/"]},
 {"name": "api", "hosts": ["api.example.test"]}]
EOF
out=target/benchmark
mkdir -p "$out"
report=$out/gate-scopes-$(date -u +%Y%m%dT%H%M%SZ).md

# req/s of the gate for one Host, 50 connections.
gate() {
  wrk -t2 -c50 -d"${seconds}s" -H "Host: $1" -H 'X-Forwarded-Uri: /cart?item=1' -H 'X-Circuit-Breaker-Scope: path' \
    "http://127.0.0.1:$port/api/maintenance/gate?open=421" | awk '/Requests\/sec/ { print $2 }'
}
declare -A rps
for _ in $(seq "$rounds"); do
  for config in none three; do
    scripts/circuit-breaker.sh stop >/dev/null 2>&1 || true
    if [ "$config" = three ]; then export CIRCUIT_BREAKER_SCOPES_FILE=$work/scopes.json; else unset CIRCUIT_BREAKER_SCOPES_FILE; fi
    scripts/circuit-breaker.sh start >/dev/null
    if [ "$config" = three ]; then
      curl -fsS -X POST -H 'Content-Type: application/json' -d '{"message":"The API rests"}' \
        "http://127.0.0.1:$port/api/maintenance/scopes/api/status" >/dev/null
    fi
    gate www.example.test >/dev/null   # warm the JIT
    rps[$config,open]+="$(gate www.example.test) "
    rps[$config,closed]+="$(gate api.example.test) "
  done
done
median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
{
  echo "# The gate asked directly, $(date -u +%Y-%m-%dT%H:%MZ) ($(nproc) cores, $(java -version 2>&1 | head -1))"
  echo
  echo "| scopes | request | req/s (median of $rounds) |"
  echo "|---|---|---|"
  echo "| none | www.example.test/cart (open) | $(median <<<"${rps[none,open]}") |"
  echo "| three, api closed | www.example.test/cart (no scope covers it: open) | $(median <<<"${rps[three,open]}") |"
  echo "| none | api.example.test/cart (open) | $(median <<<"${rps[none,closed]}") |"
  echo "| three, api closed | api.example.test/cart (closed: the api's page) | $(median <<<"${rps[three,closed]}") |"
} | tee "$report"
echo "Kept in $report"
