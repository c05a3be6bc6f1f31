#!/usr/bin/env bash
# Runs the Circuit Breaker Service (the WAR on Payara Micro): start | stop | restart | status.
#
# Under systemd (or with --foreground) `start` replaces itself with the JVM, so signals reach it directly.
# Run by hand it starts in the background with a pid file and a log file named after the port, so two
# instances can run side by side from one checkout. Every setting is an environment variable; see
# docs/operations.md. Exit codes: 0 ok, 1 failed, 2 bad usage, 3 not running (status).
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
home=$(cd "$here/.." && pwd)

# Installed (no pom.xml beside scripts/): run by hand with the settings systemd would use.
installed_env=${CIRCUIT_BREAKER_SETTINGS:-/etc/circuit-breaker/circuit-breaker.env}
installed() { [ ! -f "$home/pom.xml" ]; }
if installed; then
  if [ -r "$installed_env" ]; then
    while IFS='=' read -r key value; do
      [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] && [ -z "${!key:-}" ] && export "$key=$value"
    done <"$installed_env"
  fi
  export CIRCUIT_BREAKER_STATE_FILE=${CIRCUIT_BREAKER_STATE_FILE:-/var/lib/circuit-breaker/maintenance-status.json}
  export CIRCUIT_BREAKER_WEBHOOKS_FILE=${CIRCUIT_BREAKER_WEBHOOKS_FILE:-/etc/circuit-breaker/webhooks.json}
  export CIRCUIT_BREAKER_SCOPES_FILE=${CIRCUIT_BREAKER_SCOPES_FILE:-/etc/circuit-breaker/scopes.json}
  export CIRCUIT_BREAKER_OPERATORS_FILE=${CIRCUIT_BREAKER_OPERATORS_FILE:-/etc/circuit-breaker/operators.json}
  export CIRCUIT_BREAKER_PAGE_COPY=${CIRCUIT_BREAKER_PAGE_COPY:-/var/cache/circuit-breaker/maintenance-page.html}
fi

port=${CIRCUIT_BREAKER_PORT:-6970}
# An installed tree has the WAR and the runtime at its top; a checkout has them in target/ after `mvn package`.
first_of() { for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done; echo "$1"; }
war=${CIRCUIT_BREAKER_WAR:-$(first_of "$home/circuit-breaker.war" "$home/target/circuit-breaker.war")}
micro=${CIRCUIT_BREAKER_PAYARA_JAR:-$(first_of "$home/payara-micro.jar" "$home/target/payara-micro.jar")}
config=${CIRCUIT_BREAKER_CONFIG_DIR:-$home/server-config}
if [ -f "$home/pom.xml" ]; then default_run=$home/target/run; else default_run=/var/lib/circuit-breaker/run; fi
run_dir=${CIRCUIT_BREAKER_RUN_DIR:-$default_run}
pid_file=$run_dir/circuit-breaker-$port.pid
# Payara Micro unpacks ~100 MB of runtime into the temporary folder on every start and removes it only on a clean
# exit: each port gets its own folder, emptied before each start, so a kill -9 leaves nothing to pile up.
tmp_dir=$run_dir/tmp-$port
log_file=$run_dir/circuit-breaker-$port.log
# The one place for JVM options: a bounded heap (the default is a quarter of the machine), fast start-up.
# Each open socket holds ~30 KB of heap (mostly the server's HTTP request kept by the upgrade): 1 GiB holds
# 15 000 sockets (docs/performance.md). The heap grows only as needed; idle, the service stays near 64 MiB of it.
java_opts=${CIRCUIT_BREAKER_JAVA_OPTS:--Xms64m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}
start_timeout=${CIRCUIT_BREAKER_START_TIMEOUT:-120}
stop_timeout=${CIRCUIT_BREAKER_STOP_TIMEOUT:-30}

say() { echo "circuit-breaker: $*"; }
fail() { echo "circuit-breaker: $*" >&2; exit 1; }

# Which release this is: "1.0.0 (3c2dcc7264df)", from the bundle's VERSION or, in a checkout, what the build wrote.
release() {
  local info
  info=$(first_of "$home/VERSION" "$home/target/classes/circuitbreaker/build.properties")
  [ -r "$info" ] || { echo "unbuilt"; return; }
  echo "$(sed -n 's/^version=//p' "$info") ($(sed -n 's/^commit=//p' "$info"))"
}

# The Java that runs the service. The bundled Payara Micro 7 needs Java 21 or newer; another runtime given in
# CIRCUIT_BREAKER_PAYARA_JAR needs what the WAR needs, 17. JAVA_HOME, when set, is the operator's choice and is only
# checked; otherwise the newest JDK or JRE under /usr/lib/jvm, or java on PATH, that is new enough.
java_min() { if [ -z "${CIRCUIT_BREAKER_PAYARA_JAR:-}" ]; then echo 21; else echo 17; fi; }
# The feature release (17, 21, 25) of a java binary: from its home's `release` file, else from -version.
java_feature() {
  local home version
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9.]*\).*/\1/p' "$home/release" 2>/dev/null)
  [ -n "$version" ] || version=$("$1" -version 2>&1 | sed -n 's/.* version "\([0-9.]*\).*/\1/p' | head -n 1)
  version=${version#1.}
  echo "${version%%.*}"
}
java_bin() {
  local candidate feature best="" best_feature=0
  if [ -n "${JAVA_HOME:-}" ]; then
    [ -x "$JAVA_HOME/bin/java" ] && echo "$JAVA_HOME/bin/java"
    return 0
  fi
  for candidate in /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [ -x "$candidate" ] || continue
    feature=$(java_feature "$candidate")
    [[ "$feature" =~ ^[0-9]+$ ]] && [ "$feature" -gt "$best_feature" ] || continue
    best=$candidate; best_feature=$feature
  done
  [ -n "$best" ] && [ "$best_feature" -ge "$(java_min)" ] && echo "$best"
  return 0
}
# What to do when there is no Java new enough, in the operator's words.
java_missing() {
  local min; min=$(java_min)
  if [ -n "${JAVA_HOME:-}" ]; then
    [ -x "$JAVA_HOME/bin/java" ] || fail "JAVA_HOME is $JAVA_HOME, which has no bin/java"
    fail "JAVA_HOME is Java $(java_feature "$JAVA_HOME/bin/java"); this release needs Java $min or newer (Payara Micro 7): \
point JAVA_HOME at one, or unset it to let this script find one under /usr/lib/jvm"
  fi
  fail "no Java $min or newer found (JAVA_HOME unset; looked under /usr/lib/jvm and on PATH). Install one: Debian 13 \
'apt-get install openjdk-21-jre-headless'; Debian 12 packages only 17, so take Temurin 21 or 25 from Adoptium's \
Debian repository (apt-get install temurin-25-jre); or set JAVA_HOME"
}

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid; pid=$(cat "$pid_file" 2>/dev/null) || return 1
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && grep -q -e payara-micro -e launch-micro "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"; return 0
  fi
  rm -f "$pid_file" # stale: the process is gone (or the pid now belongs to something else)
  return 1
}

health() { curl -fsS --max-time 2 "http://127.0.0.1:${1:-$port}/health" 2>/dev/null; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/${1:-$port}") 2>/dev/null; }

# Payara Micro's own data grid, only when members are named: a single instance starts faster without it.
cluster_flags() {
  # The application reads the same settings; it shows the instance's name in /health.
  export CIRCUIT_BREAKER_INSTANCE=${CIRCUIT_BREAKER_INSTANCE:-$(hostname)-$port}
  # Alone, without Payara's data grid at all: 30 MiB less resident memory, 40 fewer threads, a faster start.
  cluster_options=(--nohazelcast)
  [ -n "${CIRCUIT_BREAKER_CLUSTER:-}" ] || return 0
  [[ "$CIRCUIT_BREAKER_CLUSTER" =~ ^[A-Za-z0-9.:-]+(,[A-Za-z0-9.:-]+)*$ ]] \
    || fail "CIRCUIT_BREAKER_CLUSTER must be host:port,host:port (no ranges), not '$CIRCUIT_BREAKER_CLUSTER'"
  cluster_options=(--clustermode "tcpip:$CIRCUIT_BREAKER_CLUSTER"
                   --clustername "${CIRCUIT_BREAKER_CLUSTER_NAME:-circuit-breaker}"
                   --name "$CIRCUIT_BREAKER_INSTANCE")
  if [ -n "${CIRCUIT_BREAKER_CLUSTER_INTERFACE:-}" ]; then
    cluster_options+=(--interfaces "$CIRCUIT_BREAKER_CLUSTER_INTERFACE")
  fi
}

# `prepare` boots once, renders the page, stops, and keeps what the JVM learnt: on Java 25 and newer an AOT cache
# (JEP 483/514: classes loaded and linked ahead), before that an AppCDS archive of every class Payara and the app
# loaded. Later starts map it instead of loading, verifying and linking those classes again (docs/performance.md).
# One per release and port: a new release is prepared beside the running one (the installer does it before switching).
cds_dir=$run_dir/cds-$port-$(printf '%s' "$home" | cksum | cut -d' ' -f1)
cds_archive() {
  if [ "$(java_feature "$(java_bin)")" -ge 25 ] 2>/dev/null; then echo "$cds_dir/app.aot"; else echo "$cds_dir/classes.jsa"; fi
}
# Writing it (on the training boot's way out) and using it, for the kind of archive this Java makes.
cds_write() { case $(cds_archive) in *.aot) echo "-XX:AOTCacheOutput=$1 -Xlog:aot=off,cds=off" ;; *) echo "-XX:ArchiveClassesAtExit=$1 -Xlog:cds=off" ;; esac; }
cds_use() { case $1 in *.aot) echo "-XX:AOTCache=$1 -Xlog:aot=off,cds=off" ;; *) echo "-XX:SharedArchiveFile=$1" ;; esac; }
# The archive belongs to one Payara Micro jar, one JVM and its options; anything else makes it stale.
cds_key() { echo "$(stat -c '%s %Y' "$micro") $(readlink -f "$(java_bin)") $java_opts"; }
cds_ready() { [ -f "$(cds_archive)" ] && [ "$(cat "$cds_dir/made-from" 2>/dev/null)" = "$(cds_key)" ]; }
# The launcher's folder also keeps the domain and the last deployment, which would be loaded first (and then
# replaced by --deploy, a few seconds of errors). Every start begins from the configuration as first written.
cds_reset() {
  rm -rf "$cds_dir/root/applications" "$cds_dir/root/generated" "$cds_dir/root/config"
  cp -a "$cds_dir/config" "$cds_dir/root/config"
}

# The application refuses these settings at deployment, but Payara Micro would then run on without it: refuse them
# here first, with the same one-line reasons, so a start (and the unit) fails at once instead of serving nothing.
check_settings() {
  local url=${CIRCUIT_BREAKER_WATCH_URL:-} name value secret
  [ -z "$url" ] || [[ "$url" =~ ^https?://[^/?#]+ ]] \
    || fail "CIRCUIT_BREAKER_WATCH_URL must be an http:// or https:// URL, not '$url'"
  for name in CIRCUIT_BREAKER_WATCH_INTERVAL CIRCUIT_BREAKER_WATCH_TIMEOUT CIRCUIT_BREAKER_WATCH_FAILURES \
              CIRCUIT_BREAKER_WATCH_SUCCESSES CIRCUIT_BREAKER_BYPASS_TTL; do
    value=${!name:-}
    [ -z "$value" ] || { [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ]; } || fail "$name must be at least 1, not '$value'"
  done
  for name in CIRCUIT_BREAKER_ADMISSION_LATENCY_MS CIRCUIT_BREAKER_ADMISSION_CALM_SECONDS; do
    value=${!name:-}
    [ -z "$value" ] || { [[ "$value" =~ ^[0-9]{1,9}$ ]] && [ "$value" -ge 1 ]; } || fail "$name must be at least 1, not '$value'"
  done
  value=${CIRCUIT_BREAKER_ADMISSION_PER_MINUTE:-}
  [ -z "$value" ] || { [[ "$value" =~ ^[0-9]{1,6}$ ]] && [ "$value" -ge 1 ] && [ "$value" -le 600000 ]; } \
    || fail "CIRCUIT_BREAKER_ADMISSION_PER_MINUTE must be from 1 to 600000, not '$value'"
  value=${CIRCUIT_BREAKER_ADMISSION_FAILURE_SHARE:-}
  [ -z "$value" ] || [[ "$value" =~ ^(0?\.[0-9]*[1-9][0-9]*|1(\.0*)?)$ ]] \
    || fail "CIRCUIT_BREAKER_ADMISSION_FAILURE_SHARE must be above 0 and at most 1, such as 0.5, not '$value'"
  value=${CIRCUIT_BREAKER_REOPEN_SECONDS:-}
  [ -z "$value" ] || { [[ "$value" =~ ^[0-9]{1,4}$ ]] && [ "$value" -le 3600 ]; } \
    || fail "CIRCUIT_BREAKER_REOPEN_SECONDS must be from 0 to 3600, not '$value'"
  secret=${CIRCUIT_BREAKER_BYPASS_SECRET:-}
  if [ -z "$secret" ] && [ -n "${CIRCUIT_BREAKER_BYPASS_SECRET_FILE:-}" ]; then
    secret=$(cat -- "$CIRCUIT_BREAKER_BYPASS_SECRET_FILE" 2>/dev/null) \
      || fail "CIRCUIT_BREAKER_BYPASS_SECRET_FILE $CIRCUIT_BREAKER_BYPASS_SECRET_FILE cannot be read"
  fi
  secret=$(echo "$secret" | tr -d '[:space:]')
  [ -z "$secret" ] || { [ ${#secret} -ge 16 ] && [[ "$secret" =~ ^[A-Za-z0-9._~-]+$ ]]; } \
    || fail "CIRCUIT_BREAKER_BYPASS_SECRET must be at least 16 characters of A-Z a-z 0-9 . _ ~ - (it is part of a URL)"
  local prefix open_paths=${CIRCUIT_BREAKER_GATE_OPEN_PATHS:-}
  for prefix in ${open_paths//,/ }; do
    [[ "$prefix" == /* && "$prefix" != *..* ]] \
      || fail "CIRCUIT_BREAKER_GATE_OPEN_PATHS: each prefix must start with / and contain no '..', not '$prefix'"
  done
}

# The newest format of the state files this release reads (FileFormat.CURRENT in the WAR). A file written by a newer
# release stops the start, untouched, with the words the service would log; the service itself refuses it as well.
readonly file_format=2
check_file_formats() {
  local state=${CIRCUIT_BREAKER_STATE_FILE:-maintenance-status.json} file format
  for file in "$state" "${CIRCUIT_BREAKER_WINDOWS_FILE:-$(dirname "$state")/maintenance-windows.json}" \
              "${CIRCUIT_BREAKER_HISTORY_FILE:-$(dirname "$state")/maintenance-history.json}"; do
    [ -r "$file" ] || continue
    format=$(sed -n '1,3s/^ *"format": *\([0-9]\{1,9\}\).*/\1/p' "$file" | head -n 1)
    [ -z "$format" ] || [ "$format" -le "$file_format" ] || fail "$file is in format $format, written by a newer \
release of the Circuit Breaker Service; this release reads format $file_format at most. Left untouched: upgrade again \
(or restore the backup taken with this release)."
  done
}

command_line() {
  check_settings
  check_file_formats
  cluster_flags
  local java; java=$(java_bin)
  { [ -n "$java" ] && [ "$(java_feature "$java")" -ge "$(java_min)" ]; } 2>/dev/null || java_missing
  # Java 25 and newer: object headers of 8 bytes instead of 12 (JEP 519), ~10 % less heap per open socket.
  if [ -z "${CIRCUIT_BREAKER_JAVA_OPTS:-}" ] && [ "$(java_feature "$java")" -ge 25 ]; then
    java_opts+=" -XX:+UseCompactObjectHeaders"
  fi
  [ -f "$war" ] || fail "no WAR at $war: run 'mvn package' first, or set CIRCUIT_BREAKER_WAR"
  [ -f "$micro" ] || fail "no Payara Micro at $micro: run 'mvn package' first, or set CIRCUIT_BREAKER_PAYARA_JAR"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] \
    || fail "CIRCUIT_BREAKER_PORT must be a port number, not '$port'"
  # shellcheck disable=SC2206 # JVM options are a space-separated list by design
  jvm=("$java" $java_opts -Dhazelcast.phone.home.enabled=false -Dhazelcast.socket.bind.any=false
       "-Djava.io.tmpdir=$tmp_dir")
  payara_args=(--deploy "$war" --contextroot / --port "$port" --disablephonehome
               --prebootcommandfile "$config/pre-boot-commands.asadmin"
               --postbootcommandfile "$config/post-boot-commands.asadmin"
               --logproperties "$config/logging.properties")
  if cds_ready; then
    cds_reset
    # shellcheck disable=SC2207 # two or three flags, no spaces in the run folder's path
    launch=($(cds_use "$(cds_archive)") -jar "$cds_dir/root/launch-micro.jar")
  else
    launch=(-jar "$micro")
  fi
  cmd=("${jvm[@]}" "${launch[@]}" "${payara_args[@]}" "${cluster_options[@]}")
}

prepare() {
  command_line
  if cds_ready; then say "already prepared ($cds_dir)"; return 0; fi
  # Archives of releases that are gone (an upgrade, a rollback) go with them.
  for old in "$run_dir"/cds-"$port"-*; do
    [ -f "$old/home" ] && [ ! -d "$(cat "$old/home")" ] && rm -rf "$old"
  done
  local warm_tmp=$run_dir/tmp-prepare-$port
  rm -rf "$cds_dir" "$warm_tmp"
  mkdir -p "$cds_dir" "$warm_tmp"
  local began=$SECONDS
  [ -z "${INVOCATION_ID:-}" ] || log_file=/dev/stderr   # under systemd: into the journal
  # A launcher whose class path is fixed (the plain jar unpacks itself somewhere new on every start).
  "${jvm[0]}" -jar "$micro" --rootdir "$cds_dir/root" --outputlauncher >>"$log_file" 2>&1 \
    && cp -a "$cds_dir/root/config" "$cds_dir/config" \
    || fail "Payara Micro could not write its launcher into $cds_dir; see $log_file"
  # The training boot: on the first free port from $port up (a running service keeps its own), with none of the
  # service's settings (no watcher, no webhooks, a state file of its own), until the page has been rendered once.
  local train_port=$port train_args=() arg next="" train_pid archive; archive=$(cds_archive)
  while port_busy "$train_port"; do train_port=$((train_port + 1)); done
  for arg in "${payara_args[@]}"; do
    [ -z "$next" ] || { arg=$train_port; next=""; }
    [ "$arg" != --port ] || next=1
    train_args+=("$arg")
  done
  local -a settings; mapfile -t settings < <(compgen -e | grep '^CIRCUIT_BREAKER_')
  # shellcheck disable=SC2046 # the archive's flags are words without spaces
  env "${settings[@]/#/-u}" HZ_PHONE_HOME_ENABLED=false CIRCUIT_BREAKER_STATE_FILE="$warm_tmp/maintenance-status.json" \
    "${jvm[@]/#-Djava.io.tmpdir=*/-Djava.io.tmpdir=$warm_tmp}" "-Dcircuit.breaker.state.file=$warm_tmp/maintenance-status.json" \
    $(cds_write "$archive") -jar "$cds_dir/root/launch-micro.jar" "${train_args[@]}" --nohazelcast >>"$log_file" 2>&1 &
  train_pid=$!
  until health "$train_port" | grep -q '"service":"circuit-breaker"' && curl -sS -o /dev/null --max-time 10 \
      "http://127.0.0.1:$train_port/"; do
    if ! kill -0 "$train_pid" 2>/dev/null || [ $((SECONDS - began)) -ge "$start_timeout" ]; then
      kill -KILL "$train_pid" 2>/dev/null || true
      rm -rf "$cds_dir" "$warm_tmp"; fail "the training boot failed, nothing prepared; see $log_file"
    fi
    sleep 0.2
  done
  # The archive is written on the way out.
  kill -TERM "$train_pid"; wait "$train_pid" || true
  [ -f "$archive" ] || { rm -rf "$cds_dir" "$warm_tmp"; fail "the JVM wrote no archive, nothing prepared; see $log_file"; }
  rm -rf "$warm_tmp"
  cds_key >"$cds_dir/made-from"
  echo "$home" >"$cds_dir/home"
  say "prepared in $((SECONDS - began))s: starts on port $port now use $cds_dir"
}

start() {
  local foreground=${1:-}
  if pid=$(running_pid); then say "already running (pid $pid, port $port)"; return 0; fi
  port_busy && fail "port $port is already in use by another program: stop it or set CIRCUIT_BREAKER_PORT"
  command_line
  rm -rf "$tmp_dir" && mkdir -p "$tmp_dir" || fail "cannot prepare the temporary folder $tmp_dir"
  export HZ_PHONE_HOME_ENABLED=false
  if [ -n "$foreground" ] || [ -n "${INVOCATION_ID:-}" ]; then
    say "starting release $(release) on port $port"   # under systemd: the journal's first line of each start
    exec "${cmd[@]}"
  fi
  mkdir -p "$run_dir"
  local began=$SECONDS
  echo "circuit-breaker: starting release $(release) on port $port" >>"$log_file"
  local from; from=$(($(wc -l <"$log_file") + 1))
  nohup "${cmd[@]}" >>"$log_file" 2>&1 </dev/null &
  echo $! >"$pid_file"
  while ! health | grep -q '"service":"circuit-breaker"'; do
    # A setting the service refuses (a scopes file with a mistake, a limit of 0) stops its deployment, not the server:
    # say why at once, in the service's own words, instead of waiting for the timeout.
    if sed -n "$from,\$p" "$log_file" | grep -q 'Exception while \(invoking class com.sun.enterprise.web.WebApplication start method\|loading the app\)'; then
      kill -KILL "$(cat "$pid_file")" 2>/dev/null || true
      rm -f "$pid_file"
      fail "the service refused to start: $(sed -n "$from,\$p" "$log_file" | grep -m1 -o 'Caused by: java.lang.IllegalStateException: .*' \
        | sed 's/^Caused by: java.lang.IllegalStateException: //' || true) (log: $log_file)"
    fi
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      rm -f "$pid_file"
      tail -n 20 "$log_file" >&2
      fail "the service exited while starting; the log above is from $log_file"
    fi
    if [ $((SECONDS - began)) -ge "$start_timeout" ]; then
      kill -KILL "$(cat "$pid_file")" 2>/dev/null || true   # never leave a half-started instance on the port
      rm -f "$pid_file"
      tail -n 20 "$log_file" >&2
      fail "not healthy after ${start_timeout}s, so it was stopped; the log above is from $log_file"
    fi
    sleep 0.2
  done
  say "started release $(release) on port $port (pid $(cat "$pid_file"), healthy after $((SECONDS - began))s, log $log_file)"
}

stop() {
  local pid
  if ! pid=$(running_pid); then say "not running (port $port)"; return 0; fi
  kill -TERM "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge $((stop_timeout * 5)) ]; then
      say "still running after ${stop_timeout}s: killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2; waited=$((waited + 1))
  done
  rm -f "$pid_file"
  say "stopped (pid $pid)"
}

status() {
  local pid
  if pid=$(running_pid); then
    say "running (pid $pid, port $port)"
    health || say "but /health does not answer yet"
    echo
    return 0
  fi
  if health >/dev/null; then say "not started by this script, but something answers on port $port:"; health; echo; return 0; fi
  say "stopped (port $port)"
  return 3
}

usage() {
  cat <<EOF
Usage: $(basename "$0") {start [--foreground] | stop | restart | status | prepare | java}
Runs the Circuit Breaker Service on port \$CIRCUIT_BREAKER_PORT (now $port).
  start      start in the background and wait until /health answers (in the foreground under systemd)
  stop       stop gracefully, forcibly after ${stop_timeout}s
  restart    stop, then start
  status     say whether it runs and print /health (exit 3 when stopped)
  prepare    boot once, on the first free port from $port up (so beside a running service too), and keep a
             class archive that makes every later start faster;
             redone only when Payara Micro or java changed (the unit runs it before each start)
  java       print the Java this would run on (JAVA_HOME, else the newest under /usr/lib/jvm or on PATH), or
             say what to install when there is none new enough (exit 1)
Pid and log files: $run_dir. Settings: docs/operations.md.
EOF
}

# --- An installed service is systemd's: these commands go through it, and never run the service as root ---------
unit_here() {
  installed && [ -z "${INVOCATION_ID:-}" ] && [ -d /run/systemd/system ] \
    && systemctl cat circuit-breaker.service >/dev/null 2>&1
}
through_systemd() {
  case "$1" in
    start|restart)
      systemctl "$1" circuit-breaker.service || fail "systemctl $1 circuit-breaker failed: journalctl -u circuit-breaker"
      local began=$SECONDS
      until health | grep -q '"service":"circuit-breaker"'; do
        systemctl is-active --quiet circuit-breaker.service || fail "it stopped while starting: journalctl -u circuit-breaker"
        [ $((SECONDS - began)) -lt "$start_timeout" ] || fail "not healthy after ${start_timeout}s: journalctl -u circuit-breaker"
        sleep 0.2
      done
      say "started release $(release) through systemd on port $port" ;;
    stop) systemctl stop circuit-breaker.service && say "stopped (systemctl stop circuit-breaker)" ;;
    status)
      if systemctl is-active --quiet circuit-breaker.service; then
        say "running (systemd: circuit-breaker.service, port $port)"
        health || say "but /health does not answer yet"
        echo
      else
        say "stopped (systemd: circuit-breaker.service is $(systemctl is-active circuit-breaker.service))"
        exit 3
      fi ;;
  esac
  exit 0
}
case "${1:-}" in start|stop|restart|status) unit_here && through_systemd "$1" ;; esac
if installed && [ "$(id -u)" -eq 0 ] && [ -z "${INVOCATION_ID:-}" ]; then
  case "${1:-}" in
    prepare) getent passwd circuit-breaker >/dev/null || fail "will not prepare as root: no user circuit-breaker"
             exec runuser -u circuit-breaker -- "$0" "$@" ;;
    start|restart) fail "will not run the service as root: use systemctl $1 circuit-breaker, or run it as its user \
(runuser -u circuit-breaker -- circuit-breaker $1)" ;;
  esac
fi

case "${1:-}" in
  start)
    case "${2:-}" in ""|--foreground) start "${2:-}" ;; *) usage >&2; exit 2 ;; esac ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  prepare) mkdir -p "$run_dir"; prepare ;;
  java) java=$(java_bin); { [ -n "$java" ] && [ "$(java_feature "$java")" -ge "$(java_min)" ]; } 2>/dev/null \
          || java_missing; echo "$java (Java $(java_feature "$java"))" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
