#!/usr/bin/env bash
# circuit-breaker-status: read or change what the maintenance page says, from a shell or a deploy script.
set -uo pipefail

# Naming who operates the breaker is a command of its own, beside this one.
if [ "${1:-}" = operator ]; then
  shift
  exec bash "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/circuit-breaker-operators.sh" "$@"
fi

readonly EXIT_USAGE=2 EXIT_UNREACHABLE=3 EXIT_REFUSED=4 EXIT_SERVER=5
readonly EXIT_COMMAND=6 EXIT_NOT_HEALTHY=7 EXIT_INTERRUPTED=8
readonly MAX_SECONDS=604800

usage() {
  cat <<'EOF'
Usage: circuit-breaker-status [OPTION]...
Read or change the maintenance state of the Circuit Breaker Service.

Changes (combine freely; one request, and maintenance is switched on unless --end is given):
  --message TEXT        what visitors read
  --issue TEXT          what is being worked on
  --time MINUTES        expected to end this many whole minutes from now
  --countdown SECONDS   expected to end this many seconds from now (at most 604800, 7 days)
  --end                 maintenance is over: visitors are let back to the site (over the service's
                        reopening time, in the order they waited; see --reopen)
  --reopen SECONDS      maintenance is over, and the visitors who waited are let back over SECONDS,
                        longest waiting first (at most 3600; 0: everyone at once). During a
                        reopening, --reopen 0 lets everyone in now
Admission mode (the site is up but overloaded: new visitors wait on the page and are let in at a rate):
  --admission PER_MINUTE  let in at most PER_MINUTE new visitors a minute, fleet-wide, in the order
                        they came (1 to 600000); again to change the rate
  --idle SECONDS        with --admission: an admitted visitor idle this long queues again (10 to
                        86400; default 300)
  --admission off       everyone may come again
Scopes (the parts of the fleet in the service's scopes file, such as one host or one path prefix):
  --scope NAME          change, read or plan windows for this scope instead of the whole site
                        (site): with the changes above, --end, --reopen, --status, --schedule and
                        --windows
  --scopes              list every scope: what it covers, and whether it is closed
Planned windows (maintenance opens and closes by itself):
  --schedule START END  plan a window; START and END are ISO-8601 with an offset
                        (2026-12-01T02:00:00+01:00) or epoch milliseconds; --message and --issue
                        say what visitors will read. Repeating windows: see docs/api.md
  --windows             list the windows with their next occurrences
  --cancel ID           cancel a window
A deploy in one command (circuit-breaker-status deploy [OPTION]... -- COMMAND...):
  deploy                closes the scope (--message, --issue, --countdown or --time say what visitors
                        read), runs COMMAND, waits until the site answers healthy, then reopens it
                        (over --reopen SECONDS). When COMMAND fails, the site does not come back or
                        the deploy is interrupted, the scope stays closed, the countdown is extended
                        and the team is told (the webhook deploy.failed)
  --verify URL          with deploy: the site is healthy when URL answers 2xx or 3xx, asked with the
                        bypass cookie (again for more URLs; default: the scope's watched URL)
  --timeout SECONDS     with deploy: how long the site may take to answer (default: the countdown,
                        else 900)
  --failure-message TEXT  with deploy: what visitors read once it failed (default: the message stays)
  --bypass-secret-file FILE  with deploy: the bypass secret, for --verify through the front
                        (default: $CIRCUIT_BREAKER_BYPASS_SECRET, then the service's settings)
  --resume              with deploy: after a failed or interrupted deploy was put right by hand,
                        verify and reopen (COMMAND is not run again)
Operators (who may change what; circuit-breaker-status operator --help):
  operator add NAME [--role viewer|operator] [--scope S]...   operator list
  operator rotate NAME          operator revoke NAME [--token ID]
Reading:
  --status              print a readable summary (also after a change)
  --json                print the service's JSON answer instead of a summary
Connection (on an installed machine the service's own settings give both, when readable:
/etc/circuit-breaker/circuit-breaker.env, or $CIRCUIT_BREAKER_SETTINGS):
  --url URL             the service (default http://127.0.0.1:$CIRCUIT_BREAKER_PORT, port 6970)
  --token-file FILE     read the bearer token from FILE (default: $CIRCUIT_BREAKER_TOKEN, then
                        $CIRCUIT_BREAKER_TOKEN_FILE, then /etc/circuit-breaker/token when readable)
  --version             the release of this command and of the service it reaches
  -h, --help            show this help

Texts are sent exactly as given: quotes, backslashes, $, newlines, emoji, a leading '-'.
Write --message=TEXT to be explicit.

Exit codes: 0 done; 2 bad arguments; 3 service unreachable; 4 refused by the service (bad token,
not allowed, invalid value); 5 the service failed (e.g. could not save). A deploy also: 6 COMMAND failed,
7 the site did not answer healthy in time, 8 interrupted (each leaves the scope closed).

Examples:
  circuit-breaker-status --message "Upgrading the database" --issue "Schema migration" --time 15
  circuit-breaker-status --status
  circuit-breaker-status --end
  circuit-breaker-status --reopen 120     # over, and those who waited come back over two minutes
  circuit-breaker-status --admission 600  # a waiting room: ten new visitors a second
  circuit-breaker-status --admission off
  circuit-breaker-status --scope checkout --message "Moving payments" --time 20
  circuit-breaker-status deploy --message "New release" --time 10 --verify https://example.com/health -- ./deploy.sh
  circuit-breaker-status --schedule 2026-12-01T02:00:00+01:00 2026-12-01T03:00:00+01:00 --message "Upgrade"
EOF
}

bad_usage() {
  echo "circuit-breaker-status: $1" >&2
  echo "Try 'circuit-breaker-status --help'." >&2
  exit "$EXIT_USAGE"
}

need() { command -v "$1" >/dev/null || { echo "circuit-breaker-status: '$1' is needed: apt-get install $1" >&2; exit "$EXIT_USAGE"; }; }

whole_number() { [[ "$2" =~ ^[0-9]+$ ]] || bad_usage "$1 needs a whole number, not '$2'"; }

# The installed service's settings say where it listens and where its token is; the caller's own come first.
settings_file=${CIRCUIT_BREAKER_SETTINGS:-/etc/circuit-breaker/circuit-breaker.env}
setting() { [ -r "$settings_file" ] && sed -n "s/^$1=//p" "$settings_file" | tail -n 1; }
port=${CIRCUIT_BREAKER_PORT:-$(setting CIRCUIT_BREAKER_PORT)}
url="http://127.0.0.1:${port:-6970}"
token_file=""
show_status=false
raw_json=false
update=false
mode=state        # state, schedule, windows, scopes, admission, version or cancel
scope=""          # --scope: a scope's name; empty: the whole site
status_path=/api/maintenance/status
state_change=""   # the first option that only a change of the state takes
jq_args=()
jq_filter='{}'
verify_urls=()      # deploy: the URLs that must answer healthy before the scope reopens
command_args=()     # deploy: what runs while the scope is closed
resume=false
summarized=false    # deploy: its JSON line is out
if [ "${1:-}" = deploy ]; then mode=deploy; shift; fi

# Keys quoted and variables prefixed: "end" is a jq keyword.
add_text() { jq_args+=(--arg "v_$1" "$2"); jq_filter+=" + {\"$1\": \$v_$1}"; update=true; }
add_number() { jq_args+=(--argjson "v_$1" "$2"); jq_filter+=" + {\"$1\": \$v_$1}"; update=true; }
# A time as the API takes it: epoch milliseconds stay a number, anything else goes as a text for the service to read.
add_time() { if [[ "$2" =~ ^[0-9]+$ ]]; then add_number "$1" "$2"; else add_text "$1" "$2"; fi; }

# The option's value: after '=' in the same word, or the next word whatever it starts with (so "-x" is a text).
takes_value() {
  if ! $has_value; then
    [ $# -ge 2 ] || bad_usage "$option needs a value"
    value=$2
    shift_by=2
  fi
}

while [ $# -gt 0 ]; do
  option=$1 value="" shift_by=1
  case "$option" in
    --*=*) value=${option#*=}; option=${option%%=*}; has_value=true ;;
    *) has_value=false ;;
  esac
  case "$option" in
    --message) takes_value "$@"; add_text message "$value" ;;
    --issue) takes_value "$@"; add_text currentIssue "$value" ;;
    --time)
      takes_value "$@"; whole_number --time "$value"; state_change=${state_change:---time}
      (( 10#$value * 60 <= MAX_SECONDS )) || bad_usage "--time must be at most $((MAX_SECONDS / 60)) minutes (7 days)"
      countdown_seconds=$((10#$value * 60)); add_number countdown "$countdown_seconds" ;;
    --countdown)
      takes_value "$@"; whole_number --countdown "$value"; state_change=${state_change:---countdown}
      [ "${#value}" -le 7 ] && (( 10#$value <= MAX_SECONDS )) || bad_usage "--countdown must be at most $MAX_SECONDS seconds (7 days)"
      countdown_seconds=$((10#$value)); add_number countdown "$countdown_seconds" ;;
    --end) $has_value && bad_usage "--end takes no value"; ended=true; state_change=${state_change:---end} ;;
    --reopen)
      takes_value "$@"; whole_number --reopen "$value"; state_change=${state_change:---reopen}
      [ "${#value}" -le 4 ] && (( 10#$value <= 3600 )) || bad_usage "--reopen must be at most 3600 seconds (an hour)"
      if [ "$mode" = deploy ]; then deploy_reopen=$((10#$value)); else ended=true; add_number reopenSeconds "$((10#$value))"; fi ;;
    --verify)
      takes_value "$@"; [[ "$value" =~ ^https?://[^[:space:]]+$ ]] || bad_usage "--verify needs an http:// or https:// URL, not '$value'"
      verify_urls+=("$value") ;;
    --timeout)
      takes_value "$@"; whole_number --timeout "$value"
      [ "${#value}" -le 6 ] && (( 10#$value >= 1 )) || bad_usage "--timeout must be from 1 to 999999 seconds"
      deploy_timeout=$((10#$value)) ;;
    --failure-message) takes_value "$@"; failure_message=$value ;;
    --bypass-secret-file) takes_value "$@"; bypass_secret_file=$value ;;
    --resume) resume=true ;;
    --) [ "$mode" = deploy ] || bad_usage "'--' goes with deploy: circuit-breaker-status deploy [OPTION]... -- COMMAND..."
      command_args=("${@:2}"); break ;;
    --schedule)
      [ $# -ge 3 ] && ! $has_value || bad_usage "--schedule needs START and END"
      add_time start "$2"; add_time end "$3"; mode=schedule; shift_by=3 ;;
    --admission)
      takes_value "$@"; mode=admission
      if [ "$value" = off ]; then admission='{"active": false}'
      else
        whole_number --admission "$value"
        [ "${#value}" -le 6 ] && (( 10#$value >= 1 && 10#$value <= 600000 )) || bad_usage "--admission must be from 1 to 600000 a minute, or off"
        admission="{\"active\": true, \"perMinute\": $((10#$value))}"
      fi ;;
    --idle)
      takes_value "$@"; whole_number --idle "$value"
      [ "${#value}" -le 5 ] && (( 10#$value >= 10 && 10#$value <= 86400 )) || bad_usage "--idle must be from 10 to 86400 seconds"
      idle=$((10#$value)) ;;
    --scope)
      takes_value "$@"; [[ "$value" =~ ^[a-z0-9-]{1,40}$ ]] || bad_usage "--scope needs a scope's name (a-z, 0-9, -), not '$value'"
      scope=$value ;;
    --scopes) mode=scopes ;;
    --windows) mode=windows ;;
    --version) mode=version ;;
    --cancel)
      takes_value "$@"; [[ "$value" =~ ^[A-Za-z0-9_-]+$ ]] || bad_usage "--cancel needs a window id, not '$value'"
      cancel_id=$value; mode=cancel ;;
    --status) show_status=true ;;
    --json) raw_json=true ;;
    --url) takes_value "$@"; url=${value%/} ;;
    --token-file) takes_value "$@"; token_file=$value ;;
    -h|--help) usage; exit 0 ;;
    *) bad_usage "unknown option '$option'" ;;
  esac
  shift "$shift_by"
done

# --end and --reopen both end maintenance: said once, whichever came.
if ${ended:-false}; then add_number isActive false; fi
if [ "$mode" = schedule ] && [ -n "$state_change" ]; then bad_usage "$state_change changes the state now; a window's end is its END"; fi
if [ -n "${idle:-}" ]; then
  [ "$mode" = admission ] && [ "${admission:-}" != '{"active": false}' ] || bad_usage "--idle goes with --admission PER_MINUTE"
  admission=${admission%\}}", \"idleSeconds\": $idle}"
fi
if [ "$mode" = admission ] && { $update || [ -n "$state_change" ] || ${ended:-false}; }; then
  bad_usage "--admission is a change of its own: send the state's changes in another call"
fi
[ "$mode" = state ] || ! $update || [ "$mode" = schedule ] || [ "$mode" = deploy ] || bad_usage "--$mode takes no --message or --issue"
if [ "$mode" = deploy ]; then
  ! ${ended:-false} || bad_usage "deploy reopens by itself once the site answers: leave out --end (--reopen SECONDS sets how)"
  $resume || [ ${#command_args[@]} -gt 0 ] || bad_usage "deploy needs what to run: circuit-breaker-status deploy [OPTION]... -- COMMAND..."
  ! $resume || [ ${#command_args[@]} -eq 0 ] || bad_usage "--resume verifies and reopens; it runs no COMMAND"
elif [ ${#verify_urls[@]} -gt 0 ] || [ -n "${deploy_timeout:-}${failure_message:-}${bypass_secret_file:-}" ] || $resume; then
  bad_usage "--verify, --timeout, --failure-message, --bypass-secret-file and --resume go with deploy"
fi
windows_path=/api/maintenance/windows
if [ -n "$scope" ] && [ "$scope" != site ]; then
  [[ "$mode" =~ ^(state|schedule|windows|deploy)$ ]] || bad_usage "--$mode is for the whole site: leave out --scope"
  status_path=/api/maintenance/scopes/$scope/status
  windows_path=/api/maintenance/scopes/$scope/windows
fi
if [ "$mode" = version ]; then
  home=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
  for info in "$home/VERSION" "$home/target/classes/circuitbreaker/build.properties"; do [ -r "$info" ] && break; done
  if [ -r "$info" ]; then
    echo "circuit-breaker-status $(sed -n 's/^version=//p' "$info") ($(sed -n 's/^commit=//p' "$info"))"
  else
    echo "circuit-breaker-status (unbuilt checkout)"
  fi
fi
$update || $show_status || $raw_json || [ "$mode" != state ] \
  || bad_usage "say what to change (--message, --issue, --time, --countdown, --end, --reopen, --admission), plan a window (--schedule) or ask for --status"
need curl
need jq

token=${CIRCUIT_BREAKER_TOKEN:-}
if [ -z "$token_file" ] && [ -z "$token" ]; then
  token_file=${CIRCUIT_BREAKER_TOKEN_FILE:-$(setting CIRCUIT_BREAKER_TOKEN_FILE)}
  [ -z "$token_file" ] || [ -r "$token_file" ] || token_file=""   # not ours to read: try the default below
fi
if [ -n "$token_file" ]; then
  [ -r "$token_file" ] || bad_usage "cannot read the token file '$token_file'"
  token=$(<"$token_file")
elif [ -z "$token" ] && [ -r /etc/circuit-breaker/token ]; then
  token=$(</etc/circuit-breaker/token)
fi
token=$(printf '%s' "$token" | tr -d '[:space:]')

body_file=$(mktemp)
header_file=$(mktemp) # mktemp makes it private (0600): the token never appears on a command line, where ps shows it
trap 'rm -f "$body_file" "$header_file"' EXIT
[ -n "$token" ] && printf 'Authorization: Bearer %s\n' "$token" >"$header_file"

# Calls the service; the answer lands in $body_file, the HTTP status in $status. Maps failures to exit codes.
call() {
  local method=$1 path=$2 curl_status
  local args=(-sS --max-time 15 -o "$body_file" -w '%{http_code}' -X "$method")
  [ -n "$token" ] && args+=(-H "@$header_file")
  if [ "$method" = POST ]; then
    args+=(-H 'Content-Type: application/json' --data-binary @-)
    status=$(jq -cn "${jq_args[@]}" "$jq_filter" | curl "${args[@]}" "$url$path" 2>"$body_file.err")
  else
    status=$(curl "${args[@]}" "$url$path" 2>"$body_file.err")
  fi
  curl_status=$?
  if [ "$curl_status" -ne 0 ]; then
    echo "circuit-breaker-status: the service at $url is unreachable ($(tr -d '\n' <"$body_file.err"))." >&2
    echo "Is it running? Try: systemctl status circuit-breaker, or scripts/circuit-breaker.sh status" >&2
    rm -f "$body_file.err"
    exit "$EXIT_UNREACHABLE"
  fi
  rm -f "$body_file.err"
  case "$status" in
    2??) return 0 ;;
  esac
  local error
  error=$(jq -r '.error // empty' "$body_file" 2>/dev/null)
  [ -n "$error" ] || error="HTTP $status from $url$path (is that the Circuit Breaker Service?)"
  echo "circuit-breaker-status: refused: $error" >&2
  case "$status" in
    401) echo "Pass the token with --token-file FILE or CIRCUIT_BREAKER_TOKEN." >&2; exit "$EXIT_REFUSED" ;;
    403) echo "Run this on the service's machine, or configure a token on the service." >&2; exit "$EXIT_REFUSED" ;;
    4??) exit "$EXIT_REFUSED" ;;
    *) exit "$EXIT_SERVER" ;;
  esac
}

summary() {
  jq -r '
    def clock: if . >= 3600 then "\(. / 3600 | floor):\(. % 3600 / 60 | floor | tostring | if length < 2 then "0" + . else . end):\(. % 60 | tostring | if length < 2 then "0" + . else . end)"
               else "\(. / 60 | floor | tostring | if length < 2 then "0" + . else . end):\(. % 60 | tostring | if length < 2 then "0" + . else . end)" end;
    (.state // .) as $s
    | (if $scope != "" then "Scope:         \($scope)" else empty end),
      "Maintenance:   \(if $s.isActive then "ON (\($s.phase))" elif $s.phase == "reopening" then "off, reopening: \($s.reopening.admitted) let in, \($s.reopening.waiting) waiting here, everyone in by \($s.reopening.until / 1000 | todate)" else "off" end)",
      "Admission:     \(if $s.admission == null then "off (everyone may come)" else "ON, \($s.admission.perMinute) new visitors a minute, idle after \($s.admission.idleSeconds) s\(if $s.phase == "admission" then "; \($s.admission.admitted) let in, \($s.admission.waiting) waiting here" else " (waits while maintenance or a reopening goes on)" end)" end)",
      "Message:       \($s.message)",
      "Current issue: \($s.currentIssue)",
      "Remaining:     \(if ($s.isActive | not) then "-" elif $s.estimatedCompletion == null then "no end set" else ($s.countdown | clock) + " (until " + ($s.estimatedCompletion / 1000 | todate) + ")" end)",
      "Started:       \($s.startTime / 1000 | todate)"' --arg scope "$scope" "$body_file"
}

windows_list() {
  jq -r 'if length == 0 then "No windows planned." else .[] | "\(.window.id)  \(if (.window.scope // "site") != "site" then "[\(.window.scope)] " else "" end)\(if .next == [] then "(no more occurrences)" else (.next[0].start / 1000 | todate) + " to " + (.next[0].end / 1000 | todate) end)\(if .window.recurrence then "  every \(.window.recurrence.every) (\(.window.recurrence.zone))" else "" end)  \(.window.message)" end' "$body_file"
}

# --- deploy: close, run, verify, reopen; or stay closed and say why -------------------------------------------------
post_state() { jq_args=("${@:2}"); jq_filter=$1; call POST "$status_path"; version=$(jq -r '.state.version' "$body_file"); }
elapsed() { local ms=$((($(date +%s%N) - $1) / 1000000)); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }
bypass_cookie() {   # the bypass cookie's name=value, or nothing without a secret
  local secret=${CIRCUIT_BREAKER_BYPASS_SECRET:-} file=${bypass_secret_file:-}
  [ -n "$file" ] || [ -n "$secret" ] || file=$(setting CIRCUIT_BREAKER_BYPASS_SECRET_FILE)
  [ -n "$file" ] || [ -n "$secret" ] || secret=$(setting CIRCUIT_BREAKER_BYPASS_SECRET)
  if [ -n "$file" ]; then [ -r "$file" ] || bad_usage "cannot read the bypass secret file '$file'"; secret=$(tr -d '[:space:]' <"$file"); fi
  [ -n "$secret" ] || return 0
  # The URL holds the secret: given on stdin, never on a command line, where ps shows it.
  printf 'url = "%s"\n' "$url/circuit-breaker-bypass/$secret" | curl -sS --max-time 15 -o /dev/null -D - -K - \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: *\(circuit_breaker_bypass=[^;]*\).*/\1/p' | head -n 1
}
healthy() {   # the URL answers 2xx or 3xx, and it is the site, not the breaker's page
  local answer code extra=()
  [ ! -s "$cookie_file" ] || extra=(-H "@$cookie_file")   # the cookie from a private file, not the command line
  answer=$(curl -s -o /dev/null -D - -w '\n%{http_code}' --max-time 5 "${extra[@]}" "$1" | tr -d '\r') || return 1
  code=${answer##*$'\n'}
  [[ "$code" =~ ^[23] ]] && ! grep -qi '^x-circuit-breaker:' <<<"${answer%$'\n'*}"
}
deploy_summary() {   # $1 outcome, $2 exit code, $3 reason
  summarized=true
  if $raw_json; then
    jq -cn --arg scope "${scope:-site}" --arg outcome "$1" --argjson code "$2" --arg reason "$3" \
      --argjson close "${t_close:-null}" --argjson command "${t_command:-null}" --argjson verify "${t_verify:-null}" \
      --argjson reopen "${t_reopen:-null}" --argjson version "${version:-null}" \
      '{scope: $scope, outcome: $outcome, exitCode: $code, reason: (if $reason == "" then null else $reason end),
        seconds: {close: $close, command: $command, verify: $verify, reopen: $reopen}, version: $version}'
  fi
}
deploy_failed() {   # $1 outcome, $2 exit code, $3 reason: the scope stays closed, longer, and the team hears of it
  local extend=${countdown_seconds:-900}
  trap - INT TERM HUP
  jq_args=(--argjson extend "$extend"); jq_filter='{"deploy": "failed", "countdown": $extend}'
  [ -z "${failure_message:-}" ] || { jq_args+=(--arg text "$failure_message"); jq_filter+=' + {"message": $text}'; }
  post_state "$jq_filter" "${jq_args[@]}"
  echo "circuit-breaker-status: deploy failed: $3. ${scope:-site} stays closed, $extend s more on the page." >&2
  echo "Put it right, then: circuit-breaker-status deploy --resume${scope:+ --scope $scope} (verify and reopen), or reopen as it is: circuit-breaker-status${scope:+ --scope $scope} --end" >&2
  deploy_summary "$1" "$2" "$3"
  exit "$2"
}
run_deploy() {
  local began urls=("${verify_urls[@]}") deadline rc
  if [ ${#urls[@]} -eq 0 ]; then   # the scope's watched URL
    if [ -n "$scope" ] && [ "$scope" != site ]; then
      call GET /api/maintenance/scopes
      urls=($(jq -r --arg s "$scope" '.[] | select(.name == $s) | .watchUrl // empty' "$body_file"))
    else
      call GET /api/maintenance/console
      urls=($(jq -r '.watcher.url // empty' "$body_file"))
    fi
    [ ${#urls[@]} -gt 0 ] || bad_usage "${scope:-site} has no watched URL: say what must answer with --verify URL"
  fi
  cookie_file="$header_file.bypass"
  (umask 0077; bypass_cookie | sed 's/^/Cookie: /' >"$cookie_file") || exit "$EXIT_USAGE"   # a secret it cannot read
  # Any other way out (the service unreachable or refusing) still ends with the JSON line.
  trap 'code=$?; $summarized || deploy_summary error "$code" "stopped with exit code $code"; rm -f "$body_file" "$header_file" "$cookie_file"' EXIT
  if ! $resume; then
    began=$(date +%s%N)
    post_state "$jq_filter"' + {"isActive": true, "deploy": "started"}' "${jq_args[@]}"
    t_close=$(elapsed "$began")
    echo "circuit-breaker-status: ${scope:-site} is closed (version $version); running: ${command_args[*]}" >&2
    began=$(date +%s%N)
    interrupted=false pid=""
    trap 'interrupted=true; [ -z "$pid" ] || { kill -TERM -- "-$pid" 2>/dev/null; kill -CONT -- "-$pid" 2>/dev/null; }' INT TERM HUP
    # In a session of its own, without a terminal: an interruption stops all of it, and a prompt fails at once
    # instead of stopping it for good.
    CIRCUIT_BREAKER_SCOPE=${scope:-site} CIRCUIT_BREAKER_URL=$url setsid "${command_args[@]}" </dev/null &
    pid=$!
    rc=0; wait "$pid" || rc=$?
    while kill -0 "$pid" 2>/dev/null; do wait "$pid" || rc=$?; done
    t_command=$(elapsed "$began")
    $interrupted && deploy_failed interrupted "$EXIT_INTERRUPTED" "interrupted while running ${command_args[0]}"
    [ "$rc" -eq 0 ] || deploy_failed command_failed "$EXIT_COMMAND" "${command_args[0]} exited with $rc"
  fi
  trap 'deploy_failed interrupted "$EXIT_INTERRUPTED" "interrupted while waiting for the site"' INT TERM HUP
  began=$(date +%s%N)
  deadline=$((SECONDS + ${deploy_timeout:-${countdown_seconds:-900}}))
  local url_now
  for url_now in "${urls[@]}"; do
    until healthy "$url_now"; do
      [ "$SECONDS" -lt "$deadline" ] || deploy_failed not_healthy "$EXIT_NOT_HEALTHY" "$url_now did not answer healthy within ${deploy_timeout:-${countdown_seconds:-900}} s"
      sleep 1
    done
  done
  t_verify=$(elapsed "$began")
  trap - INT TERM HUP
  began=$(date +%s%N)
  jq_args=(); jq_filter='{"isActive": false, "deploy": "finished"}'
  [ -z "${deploy_reopen:-}" ] || jq_filter+=" + {\"reopenSeconds\": $deploy_reopen}"
  post_state "$jq_filter"
  t_reopen=$(elapsed "$began")
  echo "circuit-breaker-status: the site answers (${urls[*]}); ${scope:-site} is reopened (version $version)" >&2
  deploy_summary reopened 0 ""
}

case "$mode" in
  deploy) run_deploy; exit 0 ;;
  version)
    call GET /health
    echo "service at $url: $(jq -r '"\(.version // "unknown") (\(.commit // "unknown")), instance \(.instance)"' "$body_file")"
    exit 0 ;;
  schedule)
    call POST "$windows_path"
    if $raw_json; then cat "$body_file"; echo
    else jq -r '"Scheduled window \(.window.id): \(.next[0].start / 1000 | todate) to \(.next[0].end / 1000 | todate)."' "$body_file"
    fi
    exit 0 ;;
  scopes)
    call GET /api/maintenance/scopes
    if $raw_json; then cat "$body_file"; echo
    else jq -r 'def pad(n): . + (" " * ([n - length, 1] | max)); .[] | "\(.name | pad(20))\(if .status.isActive then "CLOSED (\(.status.phase))" else "open" end | pad(20))\(if .name == "site" then "everything" else ((.hosts | join(" ")) + (if .hosts != [] and .paths != [] then " " else "" end) + (.paths | join(" "))) end)"' "$body_file"
    fi
    exit 0 ;;
  windows)
    call GET "$windows_path"
    if $raw_json; then cat "$body_file"; echo; else windows_list; fi
    exit 0 ;;
  admission)
    jq_filter=$admission
    call POST /api/maintenance/admission
    if $raw_json; then cat "$body_file"; echo
    else jq -r 'if .active then "Admission mode is on: \(.perMinute) new visitors a minute, idle after \(.idleSeconds) s." else "Admission mode is off: everyone may come." end' "$body_file"
    fi
    if $show_status; then call GET /api/maintenance/status; summary; fi
    exit 0 ;;
  cancel)
    call DELETE "/api/maintenance/windows/$cancel_id"
    echo "Cancelled window $cancel_id."
    exit 0 ;;
esac

if $update; then
  call POST "$status_path"
  if $raw_json; then cat "$body_file"; echo
  elif $show_status; then summary
  else echo "Updated. $(jq -r '.state | if .isActive then "Maintenance is on, \(.countdown) s left." else "Maintenance is off." end' "$body_file")"
  fi
else
  call GET "$status_path"
  if $raw_json; then cat "$body_file"; echo; else summary; fi
fi
