#!/usr/bin/env bash
# What the console's sign-in through OpenID Connect costs the gate: with CIRCUIT_BREAKER_OIDC_ISSUER set, Jakarta
# Security's mechanism exists and the server runs its authentication module on every request, the gate's included.
# The breaker's /api/maintenance/gate asked directly (no front), without and with an issuer, taking turns so drift
# hits both. The issuer is never asked: the gate's requests do not sign anyone in. Loopback only.
# Usage: benchmark/gate-oidc.sh [ROUNDS] (default 3). Results: printed, and kept in target/benchmark/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=10
for tool in wrk curl java; do
  command -v "$tool" >/dev/null || { echo "gate-oidc: '$tool' is needed (apt-get install wrk curl)" >&2; exit 2; }
done
[ -f target/circuit-breaker.war ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
port=${BENCHMARK_PORT:-16990}
export CIRCUIT_BREAKER_PORT=$port CIRCUIT_BREAKER_STATE_FILE=$work/maintenance-status.json CIRCUIT_BREAKER_RUN_DIR=$work/run
export CIRCUIT_BREAKER_TOKEN=benchmark-token CIRCUIT_BREAKER_OIDC_CLIENT_ID=console CIRCUIT_BREAKER_OIDC_CLIENT_SECRET=x
unset CIRCUIT_BREAKER_TOKEN_FILE CIRCUIT_BREAKER_SCOPES_FILE CIRCUIT_BREAKER_OIDC_ISSUER
trap 'scripts/circuit-breaker.sh stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
out=target/benchmark
mkdir -p "$out"
report=$out/gate-oidc-$(date -u +%Y%m%dT%H%M%SZ).md

# req/s of the gate, 50 connections, a visitor's request to an open site.
gate() {
  wrk -t2 -c50 -d"${seconds}s" -H 'Host: www.example.test' -H 'X-Forwarded-Uri: /cart?item=1' \
    "http://127.0.0.1:$port/api/maintenance/gate?open=421" | awk '/Requests\/sec/ { print $2 }'
}
declare -A rps
for _ in $(seq "$rounds"); do
  for config in off oidc; do
    scripts/circuit-breaker.sh stop >/dev/null 2>&1 || true
    if [ "$config" = oidc ]; then export CIRCUIT_BREAKER_OIDC_ISSUER=http://127.0.0.1:9/unused; else unset CIRCUIT_BREAKER_OIDC_ISSUER; fi
    scripts/circuit-breaker.sh start >/dev/null
    gate >/dev/null   # warm the JIT
    rps[$config]+="$(gate) $(gate) "
  done
done
median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); printf "%.0f\n", NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2 }'; }
{
  echo "# The gate asked directly, with and without OpenID Connect, $(date -u +%Y-%m-%dT%H:%MZ) ($(nproc) cores, $(scripts/circuit-breaker.sh java))"
  echo
  echo "| sign-in through OpenID Connect | req/s (median of $((rounds * 2))) | all runs |"
  echo "|---|---|---|"
  echo "| off (no issuer: no mechanism) | $(median <<<"${rps[off]}") | ${rps[off]}|"
  echo "| on (an issuer: the module runs on every request) | $(median <<<"${rps[oidc]}") | ${rps[oidc]}|"
} | tee "$report"
echo "Kept in $report"
