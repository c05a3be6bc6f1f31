#!/usr/bin/env bash
# Installs the Circuit Breaker Service as a hardened systemd service, in one command. Safe to run again: an
# upgrade replaces the program and keeps the settings, the token and the state. --uninstall removes everything
# but the state.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: install-circuit-breaker.sh [--prefix DIR] [--root DIR] [--uninstall]
  --prefix DIR   where the program goes (default /opt/circuit-breaker)
  --root DIR     install into a staging root instead of / (also DESTDIR=DIR); systemd is left alone
  --uninstall    remove the service, the commands, the settings and the user; keep the state
Lays out: PREFIX (WAR, Payara Micro, server-config, scripts, docs), /etc/systemd/system/circuit-breaker.service,
/usr/local/bin/circuit-breaker and circuit-breaker-status, /etc/circuit-breaker (settings, write token, webhooks),
/var/lib/circuit-breaker (state), and the system user circuit-breaker (no shell, no login).
EOF
}

prefix=/opt/circuit-breaker
root=${DESTDIR:-}
action=install_service
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { usage >&2; exit 2; }; prefix=$2; shift 2 ;;
    --root) [ $# -ge 2 ] || { usage >&2; exit 2; }; root=$2; shift 2 ;;
    --uninstall) action=uninstall_service; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-circuit-breaker: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$prefix" = /* ]] || { echo "install-circuit-breaker: --prefix must be an absolute path" >&2; exit 2; }
root=${root%/}

readonly user=circuit-breaker
readonly unit=$root/etc/systemd/system/circuit-breaker.service
readonly etc=$root/etc/circuit-breaker
readonly state=$root/var/lib/circuit-breaker
readonly bin=$root/usr/local/bin
readonly dest=$root$prefix
source_dir=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)

say() { echo "install-circuit-breaker: $*"; }
fail() { echo "install-circuit-breaker: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (sudo $0 $*)"

# systemd is only touched on a real install on a machine where it runs.
systemd_here() { [ -z "$root" ] && [ -d /run/systemd/system ]; }

# useradd/userdel work on the staging root's /etc when there is one.
account_files() {
  [ -z "$root" ] && return
  mkdir -p "$root/etc"
  for f in passwd group shadow gshadow; do [ -e "$root/etc/$f" ] || touch "$root/etc/$f"; done
}
account() { if [ -n "$root" ]; then "$@" --prefix "$root"; else "$@"; fi; }
user_exists() { grep -q "^$user:" "$root/etc/passwd" 2>/dev/null; }
id_of() { awk -F: -v n="$user" '$1 == n { print $'"$1"' }' "$root/etc/${2}"; }

uninstall_service() {
  if systemd_here; then systemctl disable --now circuit-breaker.service 2>/dev/null || true; fi
  rm -f "$unit" "$bin/circuit-breaker" "$bin/circuit-breaker-status"
  rm -rf "$dest" "$etc"
  if systemd_here; then systemctl daemon-reload; fi
  if user_exists; then account userdel "$user"; fi
  say "removed; the state stays in ${state} (delete it by hand if it is no longer wanted)"
}

dependencies() {
  local missing=()
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  [ ${#missing[@]} -eq 0 ] && return
  if [ -n "$root" ]; then
    say "the target will need: ${missing[*]} (not installed into a staging root)"
  elif command -v apt-get >/dev/null; then
    say "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    fail "install ${missing[*]} first"
  fi
}

artifacts() {
  war=$source_dir/target/circuit-breaker.war
  micro=$source_dir/target/payara-micro.jar
  [ -f "$source_dir/circuit-breaker.war" ] && war=$source_dir/circuit-breaker.war
  [ -f "$source_dir/payara-micro.jar" ] && micro=$source_dir/payara-micro.jar
  if [ ! -f "$war" ] || [ ! -f "$micro" ]; then
    [ -f "$source_dir/pom.xml" ] && command -v mvn >/dev/null || fail "no built WAR in $source_dir/target: run 'mvn -B package -DskipTests'"
    say "building the WAR (mvn package)"
    (cd "$source_dir" && mvn -B -q package -DskipTests)
  fi
}

install_service() {
  dependencies
  artifacts
  account_files
  if ! user_exists; then
    account useradd --system --user-group --no-create-home --home-dir /var/lib/circuit-breaker \
      --shell /usr/sbin/nologin --comment "Circuit Breaker Service" "$user"
    say "created the system user $user"
  fi
  local uid gid
  uid=$(id_of 3 passwd); gid=$(id_of 4 passwd)

  # The program: replaced whole on every run, so an upgrade leaves nothing stale behind.
  local staging
  mkdir -p "${dest%/*}"
  staging=$(mktemp -d -p "${dest%/*}")
  chmod 0755 "$staging"
  install -m 0644 "$war" "$staging/circuit-breaker.war"
  install -m 0644 "$micro" "$staging/payara-micro.jar"
  install -d -m 0755 "$staging/server-config" "$staging/scripts" "$staging/docs"
  cp -R "$source_dir/server-config/." "$staging/server-config/"
  find "$staging/server-config" -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
  install -m 0755 "$source_dir/scripts/circuit-breaker.sh" "$source_dir/scripts/circuit-breaker-status.sh" \
    "$source_dir/scripts/install-circuit-breaker.sh" "$staging/scripts/"
  install -m 0644 "$source_dir"/docs/*.md "$staging/docs/"
  rm -rf "$dest.old"
  if [ -e "$dest" ]; then mv "$dest" "$dest.old"; fi
  mv "$staging" "$dest"
  rm -rf "$dest.old"

  install -d -m 0755 "$bin" "$(dirname "$unit")"
  ln -sfn "$prefix/scripts/circuit-breaker.sh" "$bin/circuit-breaker"
  ln -sfn "$prefix/scripts/circuit-breaker-status.sh" "$bin/circuit-breaker-status"
  sed "s#@PREFIX@#$prefix#g" "$source_dir/scripts/circuit-breaker.service" >"$unit.tmp"
  chmod 0644 "$unit.tmp" && mv "$unit.tmp" "$unit"

  # Settings and the write token: created once, never overwritten.
  install -d -m 0750 -o 0 -g "$gid" "$etc"
  if [ ! -e "$etc/token" ]; then
    # 48 random bytes: ~62 characters once '/', '+' and '=' are taken out (32 bytes fell under 40 now and then).
    (umask 0077; head -c 48 /dev/urandom | base64 -w0 | tr -d '/+=\n' >"$etc/token")
    say "generated a write token in /etc/circuit-breaker/token"
  fi
  chown "0:$gid" "$etc/token" && chmod 0640 "$etc/token"
  # Webhook receivers with their secrets: readable by the service, written by root (docs/operations.md).
  [ -e "$etc/webhooks.json" ] || echo '[]' >"$etc/webhooks.json"
  chown "0:$gid" "$etc/webhooks.json" && chmod 0640 "$etc/webhooks.json"
  if [ ! -e "$etc/circuit-breaker.env" ]; then
    cat >"$etc/circuit-breaker.env" <<'EOF'
# Circuit Breaker Service settings (docs/operations.md lists them all). Restart the service after a change.
CIRCUIT_BREAKER_PORT=6970
CIRCUIT_BREAKER_TOKEN_FILE=/etc/circuit-breaker/token
#CIRCUIT_BREAKER_RETRY_AFTER=300
#CIRCUIT_BREAKER_SITE_URL=/
#CIRCUIT_BREAKER_JAVA_OPTS=-Xms64m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k
EOF
  fi
  chown "0:$gid" "$etc/circuit-breaker.env" && chmod 0640 "$etc/circuit-breaker.env"

  install -d -m 0750 -o "$uid" -g "$gid" "$state"
  # The copy of the page for a front without a cache (Caddy runs as another user): readable by everyone.
  install -d -m 0755 -o "$uid" -g "$gid" "$root/var/cache/circuit-breaker"

  if systemd_here; then
    systemctl daemon-reload
    systemctl enable circuit-breaker.service
    systemctl restart circuit-breaker.service
    say "installed and (re)started: systemctl status circuit-breaker; circuit-breaker-status --status"
  elif [ -n "$root" ]; then
    say "installed into $root"
  else
    say "installed. systemd is not running here: start it with 'circuit-breaker start' (or, on a systemd"
    say "host, 'systemctl enable --now circuit-breaker')"
  fi
}

"$action"
