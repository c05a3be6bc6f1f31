#!/usr/bin/env bash
# Installs the Circuit Breaker Service from a release bundle as a hardened systemd service, and keeps its life:
# upgrade, rollback, uninstall. Releases sit side by side under PREFIX/releases with a `current` link; settings,
# the token and the state are kept across all of it. It never builds anything on the target. docs/operations.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: install-circuit-breaker.sh [install] BUNDLE [--sha256 HEX] [options]   install (or reinstall) a release
       install-circuit-breaker.sh upgrade BUNDLE [--sha256 HEX] [options]     install a newer release, keep the one before
       install-circuit-breaker.sh rollback [options]             go back to the release before
       install-circuit-breaker.sh uninstall [--purge] [options]  remove the program; --purge: settings and state too
       install-circuit-breaker.sh releases [options]             list the installed releases
BUNDLE is a circuit-breaker-VERSION.tar.gz. Its SHA-256 is checked before anything is unpacked, against
BUNDLE.sha256 beside it (published with the release) and/or --sha256 HEX; with neither it installs nothing.
In a checkout BUNDLE may be left out: the bundle 'mvn package' built in target/, with its .sha256.
Options:
  --sha256 HEX   the SHA-256 the bundle must have (64 hex digits), e.g. from the release notes
  --prefix DIR   where releases go (default /opt/circuit-breaker)
  --root DIR     work in a staging root instead of / (also DESTDIR=DIR); systemd is left alone
Exit codes: 0 done, 1 failed or refused (nothing changed when the bundle is refused), 2 bad usage or no sum to
check against, 130/143 interrupted (what was half made is removed; the current release stays as it was).
Lays out: PREFIX/releases/VERSION (WAR, Payara Micro, server-config, scripts, docs), PREFIX/current (the running
release), /etc/systemd/system/circuit-breaker.service, /usr/local/bin/circuit-breaker and circuit-breaker-status,
/etc/circuit-breaker (settings, write token, webhooks), /var/lib/circuit-breaker (state), /var/cache/circuit-breaker,
and the system user circuit-breaker (no shell, no login).
EOF
}

prefix=/opt/circuit-breaker
root=${DESTDIR:-}
action=install
bundle=""
purge=false
sha256=""
while [ $# -gt 0 ]; do
  case "$1" in
    install|upgrade|rollback|uninstall|releases) action=$1; shift ;;
    --uninstall) action=uninstall; shift ;;   # the earlier spelling
    --purge) purge=true; shift ;;
    --sha256) [ $# -ge 2 ] || { usage >&2; exit 2; }; sha256=$2; shift 2 ;;
    --prefix) [ $# -ge 2 ] || { usage >&2; exit 2; }; prefix=$2; shift 2 ;;
    --root) [ $# -ge 2 ] || { usage >&2; exit 2; }; root=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "install-circuit-breaker: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    *) [ -z "$bundle" ] || { echo "install-circuit-breaker: one bundle at a time" >&2; exit 2; }; bundle=$1; shift ;;
  esac
done
[[ "$prefix" = /* ]] || { echo "install-circuit-breaker: --prefix must be an absolute path" >&2; exit 2; }
[ "$purge" = false ] || [ "$action" = uninstall ] || { echo "install-circuit-breaker: --purge goes with uninstall" >&2; exit 2; }
[ "$action" != upgrade ] || [ -n "$bundle" ] || { echo "install-circuit-breaker: upgrade needs the new BUNDLE" >&2; exit 2; }
[ -z "$sha256" ] || [ "$action" = install ] || [ "$action" = upgrade ] \
  || { echo "install-circuit-breaker: --sha256 goes with install or upgrade" >&2; exit 2; }
[ -z "$sha256" ] || [[ "$sha256" =~ ^[0-9A-Fa-f]{64}$ ]] \
  || { echo "install-circuit-breaker: --sha256 takes the bundle's SHA-256, 64 hex digits, not '$sha256'" >&2; exit 2; }
root=${root%/}

readonly user=circuit-breaker
readonly unit=$root/etc/systemd/system/circuit-breaker.service
readonly etc=$root/etc/circuit-breaker
readonly state=$root/var/lib/circuit-breaker
readonly cache=$root/var/cache/circuit-breaker
readonly bin=$root/usr/local/bin
readonly dest=$root$prefix
readonly releases=$dest/releases
here=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)

say() { echo "install-circuit-breaker: $*"; }
fail() { echo "install-circuit-breaker: $*" >&2; exit 1; }
usage_fail() { echo "install-circuit-breaker: $*" >&2; exit 2; }

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
version_of() { sed -n 's/^version=//p' "$1/VERSION"; }
current_release() { [ -L "$dest/current" ] && basename "$(readlink "$dest/current")"; }
previous_release() { [ -L "$dest/previous" ] && basename "$(readlink "$dest/previous")"; }

# --- What an install leaves behind when it stops half-way: nothing -------------------------------------------------
# tmp: the private copy of the bundle; incoming: the release being unpacked; placed: the release put in place but
# not yet current; aside/aside_from: the release of the same version it replaces, put back when the install stops
# before `current` moved. Once `current` points at the new release (committed) only leftovers go.
tmp="" incoming="" placed="" aside="" aside_from="" committed=false
cleanup() {
  local code=$?
  trap '' INT TERM HUP   # a second Ctrl-C does not cut the cleanup short
  [ -z "$tmp" ] || rm -rf "$tmp" || true
  [ -z "$incoming" ] || rm -rf "$incoming" || true
  if [ "$committed" = true ]; then
    [ -z "$aside" ] || rm -rf "$aside" || true
  elif [ -n "$placed" ] || [ -n "$aside" ] || { [ -n "$tmp" ] && [ "$code" -gt 128 ]; }; then
    rm -f "$dest/.current.new" "$dest/.previous.new" "$unit.tmp" || true
    [ -z "$placed" ] || rm -rf "$placed" || true
    if [ -n "$aside" ] && [ -d "$aside" ]; then mv -T "$aside" "$aside_from" || true; fi
    echo "install-circuit-breaker: removed what was half made; the current release is as it was \
($(current_release || echo none))" >&2
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'echo "install-circuit-breaker: interrupted" >&2; exit 130' INT
trap 'echo "install-circuit-breaker: interrupted" >&2; exit 143' TERM
trap 'echo "install-circuit-breaker: interrupted" >&2; exit 129' HUP

# --- The bundle: its own sum checked before it is unpacked, then what it holds against its SHA256SUMS -------------
find_bundle() {
  if [ -z "$bundle" ]; then
    if [ -f "$here/pom.xml" ]; then
      bundle=$(ls -t "$here"/target/circuit-breaker-*.tar.gz 2>/dev/null | head -n 1 || true)
      [ -n "$bundle" ] || fail "no bundle in $here/target: build one with 'mvn -B package -DskipTests' (not on the \
production host), or give the circuit-breaker-VERSION.tar.gz of a release"
    else
      usage_fail "give the release bundle to install, circuit-breaker-VERSION.tar.gz, with its .sha256 beside it or \
--sha256 HEX: $0 [upgrade] BUNDLE.tar.gz"
    fi
  fi
  [ ! -d "$bundle" ] || usage_fail "$bundle is a folder: give the circuit-breaker-VERSION.tar.gz it was unpacked from \
(a folder cannot be checked before it is unpacked)"
  [ -f "$bundle" ] || fail "no such bundle: $bundle"
}

# Checks a private copy, so the file given cannot change between the check and the unpacking. Every sum given must
# match; none given is a refusal that says what to give. Nothing under the root is touched before this passes.
check_bundle_sum() {
  local sidecar=$bundle.sha256 line actual i
  local -a wants=() froms=()
  if [ -n "$sha256" ]; then wants+=("${sha256,,}"); froms+=("--sha256"); fi
  if [ -e "$sidecar" ]; then
    line=$(grep -v '^[[:space:]]*$' "$sidecar" 2>/dev/null || true)
    [[ "$line" =~ ^[0-9A-Fa-f]{64}([[:space:]]|$) ]] && [ "$(printf '%s\n' "$line" | wc -l)" -eq 1 ] \
      || fail "$sidecar is not the sum of one bundle (one line, 'HEX  NAME', as sha256sum writes it), so nothing \
was installed"
    wants+=("$(printf '%s' "${line:0:64}" | tr 'A-F' 'a-f')"); froms+=("$sidecar")
  fi
  [ ${#wants[@]} -gt 0 ] || usage_fail "nothing to check $bundle against, so nothing was installed: put its sum \
beside it as $sidecar (published with the release), or give it as --sha256 HEX"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/circuit-breaker-install.XXXXXX") \
    || fail "cannot make a private temporary folder in ${TMPDIR:-/tmp}"
  cp -- "$bundle" "$tmp/bundle.tar.gz" || fail "cannot read $bundle"
  actual=$(sha256sum <"$tmp/bundle.tar.gz")
  actual=${actual%% *}
  for i in "${!wants[@]}"; do
    [ "$actual" = "${wants[$i]}" ] || fail "$bundle does not have the SHA-256 given by ${froms[$i]} \
(${wants[$i]}; it has $actual), so nothing was unpacked or installed: download it again, with its .sha256"
  done
}

# Unpacks the checked copy into a new folder beside the releases (root's, mode 0700 until it is sealed).
unpack() {
  mkdir -p "$releases"
  incoming=$(mktemp -d -p "$releases" .incoming-XXXXXX)
  tar -xzf "$tmp/bundle.tar.gz" -C "$incoming" --strip-components=1 --no-same-owner --no-same-permissions \
    2>"$tmp/tar.err" || fail "$bundle is not a release bundle (a .tar.gz from 'mvn package'): $(one_line "$tmp/tar.err")"
}

one_line() { tr '\n' ';' <"$1" | sed 's/;$//; s/;/; /g'; }
listing() { printf '%s' "$1" | head -n 10 | tr '\n' ',' | sed 's/,$//; s/,/, /g'; }

# A release holds plain files and folders, exactly the files its SHA256SUMS lists, each with its sum.
check_contents() {
  local dir=$incoming odd listed present unlisted missing bad
  odd=$(find "$dir" -mindepth 1 \( ! -type f ! -type d -o -type f -links +1 \) -printf '%P\n')
  [ -z "$odd" ] || fail "$bundle holds links or special files, which a release never does, so nothing was \
installed: $(listing "$odd")"
  [ -f "$dir/SHA256SUMS" ] && [ -f "$dir/VERSION" ] \
    || fail "$bundle is not a release bundle: it has no SHA256SUMS or VERSION"
  listed=$(sed -n 's/^[0-9a-f]\{64\} [ *]//p' "$dir/SHA256SUMS" | LC_ALL=C sort)
  present=$(cd "$dir" && find . -type f ! -path ./SHA256SUMS -printf '%P\n' | LC_ALL=C sort)
  unlisted=$(LC_ALL=C comm -23 <(printf '%s\n' "$present") <(printf '%s\n' "$listed"))
  [ -z "$unlisted" ] || fail "$bundle holds files its SHA256SUMS does not list, so nothing was installed: \
$(listing "$unlisted")"
  missing=$(LC_ALL=C comm -13 <(printf '%s\n' "$present") <(printf '%s\n' "$listed"))
  [ -z "$missing" ] || fail "$bundle lacks files its SHA256SUMS lists, so nothing was installed: $(listing "$missing")"
  if ! bad=$(cd "$dir" && sha256sum --check --quiet --strict SHA256SUMS 2>&1); then
    fail "$bundle does not match its SHA256SUMS, so nothing was installed: download it again. ${bad//$'\n'/; }"
  fi
  [[ "$(version_of "$dir")" =~ ^[0-9A-Za-z][0-9A-Za-z._+-]*$ ]] || fail "$bundle names no version"
}

# Java 21 or newer (Payara Micro 7), found as the release's own start script finds it at every start (JAVA_HOME,
# the newest under /usr/lib/jvm, java on PATH), asked before anything is unpacked: the script alone is taken out of
# the checked bundle. Where there is none, the distribution's package if it has one (Debian 13 does; Debian 12
# packages only 17); else stop, before anything is changed, with what to install.
java_runtime() {
  local script found package policy
  mkdir "$tmp/start-script"
  tar -xzf "$tmp/bundle.tar.gz" -C "$tmp/start-script" --wildcards --no-same-owner '*/scripts/circuit-breaker.sh' \
    2>"$tmp/tar.err" || fail "$bundle is not a release bundle (a .tar.gz from 'mvn package'): $(one_line "$tmp/tar.err")"
  script=$(find "$tmp/start-script" -type f -name circuit-breaker.sh | head -n 1)
  found=$(bash "$script" java 2>&1) && { say "runs on $found"; return; }
  if [ -z "$root" ] && command -v apt-get >/dev/null; then
    apt-get update -qq || true   # no package lists: the message below still says what to install
    for package in openjdk-25-jre-headless openjdk-21-jre-headless; do
      policy=$(apt-cache policy "$package" 2>/dev/null || true)
      [[ "$policy" == *"Candidate: "[0-9]* ]] || continue
      say "installing $package"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"
      found=$(bash "$script" java 2>&1) && { say "runs on $found"; return; }
    done
  fi
  fail "${found#circuit-breaker: }; nothing was installed"
}

dependencies() {
  local missing=()
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

# --- Settings, user, folders: created once, never overwritten ------------------------------------------------
settings() {
  account_files
  if ! user_exists; then
    account useradd --system --user-group --no-create-home --home-dir /var/lib/circuit-breaker \
      --shell /usr/sbin/nologin --comment "Circuit Breaker Service" "$user"
    say "created the system user $user"
  fi
  uid=$(id_of 3 passwd); gid=$(id_of 4 passwd)
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
# Circuit Breaker Service settings (docs/operations.md lists them all). Restart the service after a change;
# circuit-breaker and circuit-breaker-status read the port and the token file from here too.
CIRCUIT_BREAKER_PORT=6970
CIRCUIT_BREAKER_TOKEN_FILE=/etc/circuit-breaker/token
#CIRCUIT_BREAKER_RETRY_AFTER=300
#CIRCUIT_BREAKER_REOPEN_SECONDS=30
#CIRCUIT_BREAKER_SITE_URL=/
#CIRCUIT_BREAKER_JAVA_OPTS=-Xms64m -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k
EOF
  fi
  chown "0:$gid" "$etc/circuit-breaker.env" && chmod 0640 "$etc/circuit-breaker.env"
  install -d -m 0750 -o "$uid" -g "$gid" "$state"
  # The copy of the page for a front without a cache (Caddy runs as another user): readable by everyone.
  install -d -m 0755 -o "$uid" -g "$gid" "$cache"
}

# A release's files: root's, readable by all, the scripts executable. Only folders and plain files are touched, and
# never through a link (check_contents refused any, and find does not follow them).
seal() {
  find "$1" -type d -exec chmod 00755 {} + -o -type f -exec chmod 0644 {} +   # 00755: set-gid of a folder too
  find "$1/scripts" -maxdepth 1 -type f -name '*.sh' -exec chmod 0755 {} +
  find "$1" \( -type d -o -type f \) -exec chown -h 0:0 {} +
}

# The first layout kept the program at the top of PREFIX: it becomes a release of its own, to roll back to.
adopt_first_layout() {
  [ -f "$dest/circuit-breaker.war" ] && [ ! -e "$dest/current" ] || return 0
  local old=$releases/before-releases
  mkdir -p "$old"
  for f in "$dest"/*; do [ "$f" = "$releases" ] || mv "$f" "$old/"; done
  ln -sfn "releases/before-releases" "$dest/current"
  say "kept the install found in $prefix as release before-releases"
}

# Points `current` at a release (and `previous` at the one it replaces), atomically, then the unit and commands.
switch_to() {
  local version=$1 was
  was=$(current_release || true)
  # One step each: in an && list a failing ln would not stop the script (set -e), and `current` would seem moved.
  ln -sfn "releases/$version" "$dest/.current.new"
  mv -T "$dest/.current.new" "$dest/current"
  committed=true
  [ -z "$aside" ] || rm -rf "$aside"
  if [ -n "$was" ] && [ "$was" != "$version" ]; then
    ln -sfn "releases/$was" "$dest/.previous.new"
    mv -T "$dest/.previous.new" "$dest/previous"
  fi
  # Two releases are kept: the current one and the one to roll back to.
  local kept; kept=$(previous_release || true)
  for old in "$releases"/*/; do
    old=$(basename "$old")
    [ "$old" = "$version" ] || [ "$old" = "$kept" ] || rm -rf "${releases:?}/$old"
  done
  install -d -m 0755 "$bin" "$(dirname "$unit")"
  ln -sfn "$prefix/current/scripts/circuit-breaker.sh" "$bin/circuit-breaker"
  ln -sfn "$prefix/current/scripts/circuit-breaker-status.sh" "$bin/circuit-breaker-status"
  sed "s#@PREFIX@#$prefix/current#g" "$dest/current/scripts/circuit-breaker.service" >"$unit.tmp"
  chmod 0644 "$unit.tmp"
  mv "$unit.tmp" "$unit"
}

# Prepares the class archive of a release before it runs, as the service (so its first start is as fast as every
# other: no warm-up boot while the site's visitors wait). Beside a running release: it boots on a free port.
prepare() {
  if [ -n "$root" ]; then say "the class archive is made at the first start (not in a staging root)"; return; fi
  runuser -u "$user" -- "$1/scripts/circuit-breaker.sh" prepare \
    || say "could not prepare the class archive now; the first start makes it"
}

restart_service() {
  if systemd_here; then
    systemctl daemon-reload
    systemctl enable --quiet circuit-breaker.service
    systemctl restart circuit-breaker.service
    say "running $(current_release): systemctl status circuit-breaker; circuit-breaker-status --status"
  elif [ -n "$root" ]; then
    say "release $(current_release) installed into $root"
  else
    say "release $(current_release) installed. systemd is not running here: start it with"
    say "'runuser -u $user -- circuit-breaker start' (on a systemd host: systemctl enable --now circuit-breaker)"
  fi
}

install_release() {
  find_bundle
  check_bundle_sum
  java_runtime
  unpack
  check_contents
  local version
  version=$(version_of "$incoming")
  if [ "$action" = upgrade ] && [ "$(current_release || true)" = "$version" ]; then
    fail "release $version is already the current one"
  fi
  dependencies
  settings
  adopt_first_layout
  seal "$incoming"
  if [ -e "$releases/$version" ]; then
    [ "$(current_release || true)" != "$version" ] || say "reinstalling release $version"
    aside_from=$releases/$version aside=$releases/.replaced-$version
    rm -rf "$aside"
    mv -T "$aside_from" "$aside"
  fi
  placed=$releases/$version
  mv -T "$incoming" "$placed"
  incoming=""
  prepare "$placed"
  switch_to "$version"
  restart_service
}

rollback() {
  [ -L "$dest/previous" ] && [ -d "$dest/previous/" ] || fail "no release to go back to (see: $0 releases)"
  local back; back=$(previous_release)
  switch_to "$back"
  say "rolled back to release $back"
  restart_service
}

list_releases() {
  [ -d "$releases" ] || fail "nothing installed under $prefix"
  local name mark
  for dir in "$releases"/*/; do
    name=$(basename "$dir"); mark=""
    [ "$name" = "$(current_release || true)" ] && mark=" (current)"
    [ "$name" = "$(previous_release || true)" ] && mark=" (previous)"
    echo "$name$mark"
  done
}

uninstall() {
  if systemd_here; then systemctl disable --now circuit-breaker.service 2>/dev/null || true; fi
  rm -f "$unit" "$bin/circuit-breaker" "$bin/circuit-breaker-status"
  rm -rf "$dest"
  if systemd_here; then systemctl daemon-reload; fi
  if [ "$purge" = true ]; then
    rm -rf "$etc" "$state" "$cache"
    if user_exists; then account userdel "$user"; fi
    say "removed, with the settings, the token, the state and the user"
  else
    say "removed; the settings ($etc) and the state ($state) stay, with the user $user that owns them"
    say "(uninstall --purge removes them too)"
  fi
}

case "$action" in
  install|upgrade) install_release ;;
  rollback) rollback ;;
  releases) list_releases ;;
  uninstall) uninstall ;;
esac
