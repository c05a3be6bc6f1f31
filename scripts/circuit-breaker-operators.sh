#!/usr/bin/env bash
# circuit-breaker-status operator: names the people and pipelines that operate the breaker, each with a role, the
# scopes it may change and its own tokens, in the operators file the service follows (within 2 s, fleet-wide).
set -uo pipefail

readonly EXIT_USAGE=2 EXIT_REFUSED=4 EXIT_FAILED=5

usage() {
  cat <<'EOF'
Usage: circuit-breaker-status operator COMMAND [OPTION]...
Name who may operate the Circuit Breaker Service, with only the rights each needs. A running service
(and every member of its fleet) follows a change within 2 seconds; nothing needs a restart.

Commands:
  add NAME [--role viewer|operator] [--scope S]...
                 a new operator with a new token, printed once on standard output (keep it: only
                 its hash is stored). operator (the default) changes states and windows; viewer only
                 reads the console, the timeline's authors and the webhook report. --scope limits
                 the scopes it may change (again for more; default: every scope, site included)
  list           every operator: role, scopes and its tokens' ids and ages
  rotate NAME    a new token for NAME, printed once; the old ones keep working until revoked
  revoke NAME    NAME and all its tokens stop working
  revoke NAME --token ID
                 only that token stops working (ids: operator list)
Options:
  --json         print JSON: add and rotate {"name","role","scopes","id","token"}; list the operators
  --file FILE    the operators file (default: $CIRCUIT_BREAKER_OPERATORS_FILE, then the service's
                 settings, then /etc/circuit-breaker/operators.json)
  -h, --help     show this help

Names: 1 to 64 of a-z, 0-9, '.', '_' and '-'; default, loopback, watcher, window and deploy are taken.
The file is written whole (a new file, then renamed over the old one) with the old file's owner and
mode, or, new, mode 0640 and the group of its folder, so the service's user can read it.
Exit codes: 0 done; 2 bad arguments; 4 refused (no such operator, name taken); 5 the file could not be
read or written.

Examples:
  circuit-breaker-status operator add ci-shop --scope shop      # a pipeline that may close the shop only
  circuit-breaker-status operator add dashboard --role viewer
  circuit-breaker-status operator rotate ci-shop                # then, once the pipeline uses it:
  circuit-breaker-status operator revoke ci-shop --token 1a2b3c4d
EOF
}

bad_usage() {
  echo "circuit-breaker-status operator: $1" >&2
  echo "Try 'circuit-breaker-status operator --help'." >&2
  exit "$EXIT_USAGE"
}
refuse() { echo "circuit-breaker-status operator: $1" >&2; exit "$EXIT_REFUSED"; }
failed() { echo "circuit-breaker-status operator: $1" >&2; exit "$EXIT_FAILED"; }
command -v jq >/dev/null || { echo "circuit-breaker-status operator: 'jq' is needed: apt-get install jq" >&2; exit "$EXIT_USAGE"; }

settings_file=${CIRCUIT_BREAKER_SETTINGS:-/etc/circuit-breaker/circuit-breaker.env}
setting() { [ -r "$settings_file" ] && sed -n "s/^$1=//p" "$settings_file" | tail -n 1; }
file=${CIRCUIT_BREAKER_OPERATORS_FILE:-$(setting CIRCUIT_BREAKER_OPERATORS_FILE)}
file=${file:-/etc/circuit-breaker/operators.json}
json=false
command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  -h|--help|help) usage; exit 0 ;;
  add|list|rotate|revoke) ;;
  "") bad_usage "say what to do: add, list, rotate or revoke" ;;
  *) bad_usage "unknown command '$command': add, list, rotate or revoke" ;;
esac

name="" role=operator token_id="" role_given=false
scopes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --json) json=true ;;
    --file) [ $# -ge 2 ] || bad_usage "--file needs a value"; file=$2; shift ;;
    --file=*) file=${1#*=} ;;
    --role) [ $# -ge 2 ] || bad_usage "--role needs a value"; role=$2; role_given=true; shift ;;
    --role=*) role=${1#*=}; role_given=true ;;
    --scope) [ $# -ge 2 ] || bad_usage "--scope needs a value"; scopes+=("$2"); shift ;;
    --scope=*) scopes+=("${1#*=}") ;;
    --token) [ $# -ge 2 ] || bad_usage "--token needs a value"; token_id=$2; shift ;;
    --token=*) token_id=${1#*=} ;;
    -h|--help) usage; exit 0 ;;
    -*) bad_usage "unknown option '$1'" ;;
    *) [ -z "$name" ] || bad_usage "one name at a time, not '$name' and '$1'"; name=$1 ;;
  esac
  shift
done

if [ "$command" = list ]; then
  [ -z "$name" ] || bad_usage "list takes no name"
else
  [ -n "$name" ] || bad_usage "$command needs the operator's name"
  [[ "$name" =~ ^[a-z0-9][a-z0-9._-]{0,63}$ ]] \
    || bad_usage "a name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit, not '$name'"
fi
if [ "$command" != add ] && { $role_given || [ ${#scopes[@]} -gt 0 ]; }; then
  bad_usage "--role and --scope are for add"
fi
[ -z "$token_id" ] || [ "$command" = revoke ] || bad_usage "--token is for revoke"
[[ "$role" =~ ^(viewer|operator)$ ]] || bad_usage "--role is viewer or operator, not '$role'"
for scope in "${scopes[@]}"; do
  [[ "$scope" =~ ^[a-z0-9-]{1,40}$ ]] || bad_usage "'$scope' is not a scope's name (a-z, 0-9 and '-', at most 40)"
done

dir=$(dirname -- "$file")
[ -d "$dir" ] || failed "no folder $dir for the operators file; set CIRCUIT_BREAKER_OPERATORS_FILE or --file"
# One change at a time: two commands run together would each write the other's change away.
exec 9<"$dir" && flock 9 || failed "cannot lock $dir"
if [ -e "$file" ]; then
  [ -r "$file" ] || failed "$file cannot be read (run as its owner, or with sudo)"
  book=$(jq -e 'if type == "object" and (.operators | type) == "array" and all(.operators[];
      type == "object" and (.name | type) == "string" and ((.scopes // []) | type) == "array"
      and ((.tokens // []) | type) == "array" and all((.tokens // [])[]; type == "object"))
    then . else error("not an operators file") end' "$file" 2>&1) \
    || failed "$file is not an operators file ({\"version\": N, \"operators\": [...]}): $book"
else
  book='{"version": 0, "operators": []}'
fi

exists() { jq -e --arg n "$name" 'any(.operators[]; .name == $n)' <<<"$book" >/dev/null; }

# Writes the book, one version on: a new file beside the old, renamed over it, never half written.
save() {
  local next tmp
  next=$(jq '.version = ((.version // 0) + 1)' <<<"$1") && [ -n "$next" ] || failed "could not build the file; $file is unchanged"
  tmp=$(mktemp "$dir/.operators.XXXXXX") || failed "cannot write in $dir"
  trap 'rm -f "$tmp"' EXIT
  printf '%s\n' "$next" >"$tmp" || failed "could not write $tmp (disk full?); $file is unchanged"
  if [ -e "$file" ]; then
    chmod --reference="$file" "$tmp" || failed "could not give the new file the old one's mode; $file is unchanged"
    # The old owner and group: root can keep them; anyone else keeps their own (and says so).
    chown --reference="$file" "$tmp" 2>/dev/null || echo "Note: $file is now owned by $(id -un), not its old owner." >&2
  else
    chmod 0640 "$tmp" && { chgrp --reference="$dir" "$tmp" 2>/dev/null || true; }
  fi
  sync -d "$tmp" 2>/dev/null || true
  mv -f "$tmp" "$file" || failed "could not replace $file; it is unchanged"
  trap - EXIT
}

# A new token: 256 random bits, base64url; only its SHA-256 is kept.
new_token() {
  token="cbo_$(head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')"
  sha=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
  token_entry=$(jq -n --arg sha "$sha" --argjson now "$(date +%s%3N)" '{id: $sha[0:8], sha256: $sha, created: $now}')
}

print_token() {
  if $json; then
    jq -c --arg n "$name" --arg t "$token" --arg id "${sha:0:8}" \
      '.operators[] | select(.name == $n) | {name, role, scopes, id: $id, token: $t}' <<<"$book"
  else
    echo "$token"
    echo "$1 Token $name (id ${sha:0:8}) is shown this once: keep it where the pipeline or person reads secrets." >&2
  fi
}

case "$command" in
  add)
    exists && refuse "'$name' is already an operator: 'operator rotate $name' gives it another token"
    case "$name" in default|loopback|watcher|window|deploy) bad_usage "'$name' is a reserved name" ;; esac
    new_token
    scopes_json=$(printf '%s\n' "${scopes[@]}" | jq -R . | jq -sc 'map(select(. != ""))')
    book=$(jq --arg n "$name" --arg r "$role" --argjson s "$scopes_json" --argjson t "$token_entry" \
      '.operators += [{name: $n, role: $r, scopes: $s, tokens: [$t]}]' <<<"$book") || failed "could not change the book"
    save "$book"
    print_token "Added $name ($role$([ ${#scopes[@]} -gt 0 ] && echo ", may change ${scopes[*]}"))." ;;
  rotate)
    exists || refuse "no operator '$name' (operator list shows them)"
    new_token
    book=$(jq --arg n "$name" --argjson t "$token_entry" \
      '.operators |= map(if .name == $n then .tokens += [$t] else . end)' <<<"$book") || failed "could not change the book"
    save "$book"
    print_token "A new token for $name; its older ones work until 'operator revoke $name --token ID'." ;;
  revoke)
    exists || refuse "no operator '$name' (operator list shows them)"
    if [ -n "$token_id" ]; then
      jq -e --arg n "$name" --arg id "$token_id" 'any(.operators[] | select(.name == $n) | .tokens[]; .id == $id)' \
        <<<"$book" >/dev/null || refuse "'$name' has no token $token_id (operator list shows its ids)"
      book=$(jq --arg n "$name" --arg id "$token_id" \
        '.operators |= map(if .name == $n then .tokens |= map(select(.id != $id)) else . end)' <<<"$book") \
        || failed "could not change the book"
      save "$book"
      echo "Token $token_id of $name revoked." >&2
      if jq -e --arg n "$name" 'any(.operators[] | select(.name == $n); .tokens == [])' <<<"$book" >/dev/null; then
        echo "$name has no token left: 'operator rotate $name' gives it one, 'operator revoke $name' removes it." >&2
      fi
    else
      book=$(jq --arg n "$name" '.operators |= map(select(.name != $n))' <<<"$book") || failed "could not change the book"
      save "$book"
      echo "Operator $name revoked with all its tokens." >&2
    fi ;;
  list)
    if $json; then
      jq -c '[.operators[] | {name, role, scopes, tokens: [.tokens[] | {id, created}]}]' <<<"$book"
    elif jq -e '.operators == []' <<<"$book" >/dev/null; then
      echo "No operators in $file (the configured token still works as 'default')."
    else
      jq -r '.operators[] | "\(.name)  \(.role)  \(if .scopes == [] then "every scope" else .scopes | join(",") end)  tokens: \(if .tokens == [] then "none" else [.tokens[] | "\(.id) (\(.created / 1000 | floor | todate))"] | join(", ") end)"' <<<"$book"
    fi ;;
esac
