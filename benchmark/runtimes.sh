#!/usr/bin/env bash
# The runtime matrix: the same WAR, server-config and start script on each runtime this machine can run, one run,
# taking turns in one sitting: ready after a start (plain, then prepared: the class archive or AOT cache that
# `prepare` keeps), idle RSS, then N sockets held (memory per 1 000, fan-out p99). Loopback only.
# Usage: benchmark/runtimes.sh   (BENCHMARK_SOCKETS=10000 by default). Results: printed, and kept in target/benchmark/.
set -euo pipefail
cd "$(dirname "$0")/.."

sockets=${BENCHMARK_SOCKETS:-10000}
jdk17=${BENCHMARK_JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${BENCHMARK_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
# The runtime of release 1.0.0 beside the one this release ships (target/payara-micro.jar, Payara Micro 7).
payara6_version=6.2025.10
payara7_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml)
[ -f target/circuit-breaker.war ] || mvn -B -q package -DskipTests
[ -f target/test-classes/circuitbreaker/benchmark/SocketBenchmark.class ] || mvn -B -q test-compile
payara6=target/runtimes/payara-micro-$payara6_version.jar
[ -f "$payara6" ] || mvn -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$payara6_version" \
  -DoutputDirectory=target/runtimes

work=$(mktemp -d)
out=target/benchmark
mkdir -p "$out"
report=$out/runtimes-$(date -u +%Y%m%dT%H%M%SZ).md
port=${BENCHMARK_PORT:-16980}
export CIRCUIT_BREAKER_PORT=$port CIRCUIT_BREAKER_STATE_FILE=$work/maintenance-status.json CIRCUIT_BREAKER_RUN_DIR=$work/run
unset CIRCUIT_BREAKER_TOKEN CIRCUIT_BREAKER_TOKEN_FILE CIRCUIT_BREAKER_SOCKET_TIMEOUT
trap 'scripts/circuit-breaker.sh stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# Each runtime with the script's own default JVM options (unset) or the ones given.
runtimes=(
  "payara-$payara6_version java-17 (release 1.0.0)|$jdk17|$payara6|"
  "payara-$payara7_version java-25 without compact headers|$jdk25|target/payara-micro.jar|-Xms64m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"
  "payara-$payara7_version java-25 (this release)|$jdk25|target/payara-micro.jar|"
)
field() { grep -o "\"$2\":[^,}]*" <<<"$1" | cut -d: -f2; }
say() { echo "$*" | tee -a "$report"; }

say "# Runtime matrix $(date -u +%Y-%m-%dT%H:%MZ) ($(nproc) cores, $sockets sockets, one run each)"
say ""
say "| runtime | ready s | ready prepared s | idle RSS MiB | RSS at $sockets MiB | MiB per 1000 | connected | fan-out p50/p99 ms | tick gap p99 ms |"
say "|---|---|---|---|---|---|---|---|---|"
for entry in "${runtimes[@]}"; do
  IFS='|' read -r name java_home jar flags <<<"$entry"
  export JAVA_HOME=$java_home CIRCUIT_BREAKER_PAYARA_JAR=$jar
  if [ -n "$flags" ]; then export CIRCUIT_BREAKER_JAVA_OPTS=$flags; else unset CIRCUIT_BREAKER_JAVA_OPTS; fi
  rm -rf "$work/run"
  # Ready after a start: the first without anything prepared, then the median of three prepared starts.
  timed_start() {
    local began; began=$(date +%s.%N)
    scripts/circuit-breaker.sh start >"$work/start.log" 2>&1 || return 1
    echo "$(date +%s.%N) - $began" | bc
  }
  if ! ready=$(timed_start); then
    say "| $name | did not start: $(tail -n 1 "$work/start.log") | | | | | | | |"
    continue
  fi
  scripts/circuit-breaker.sh stop >/dev/null
  scripts/circuit-breaker.sh prepare >"$work/prepare.log" 2>&1 || { cat "$work/prepare.log"; exit 1; }
  prepared=()
  for _ in 1 2 3; do
    took=$(timed_start) || { cat "$work/start.log"; exit 1; }
    prepared+=("$took")
    [ ${#prepared[@]} -eq 3 ] || scripts/circuit-breaker.sh stop >/dev/null
  done
  prepared_median=$(printf '%s\n' "${prepared[@]}" | sort -n | sed -n 2p)
  pid=$(cat "$work/run/circuit-breaker-$port.pid")
  sleep 5
  idle=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  row=$(timeout 600 "$jdk17/bin/java" -cp target/test-classes circuitbreaker.benchmark.SocketBenchmark "$port" "$pid" \
    "$sockets" 5000 10 5)
  scripts/circuit-breaker.sh stop >/dev/null
  echo "$name $row" >>"$out/runtimes.jsonl"
  say "| $name | $(printf '%.1f' "$ready") | $(printf '%.1f' "$prepared_median") | $idle | $(field "$row" rssMiB) | $(field "$row" mibPer1000) | $(field "$row" connected) | $(field "$row" fanoutP50ms)/$(field "$row" fanoutP99ms) | $(field "$row" tickGapP99) |"
  sleep 3
done
echo "Kept in $report"
